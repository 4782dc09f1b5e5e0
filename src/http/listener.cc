#include "http/listener.h"

#include <chrono>
#include <memory>

#include "http/session.h"

namespace peixun::http {

asio::awaitable<void> Listen(ServerCore& core, tcp::acceptor& acceptor) {
  for (;;) {
    tcp::socket socket(asio::make_strand(core.ioc));
    beast::error_code ec;
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (core.stopping.load()) co_return;
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {
      // Out of file descriptors or a connection reset before accept: pause so a
      // persistent failure does not spin, then keep serving.
      core.Log("http: accept failed: " + ec.message());
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto connection = std::make_shared<Connection>(std::move(socket));
    auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, RunSession(core, std::move(connection)),
                   core.LogFailure("a connection"));
  }
}

}  // namespace peixun::http
