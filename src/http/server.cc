#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "core/error.h"
#include "http/asio.h"
#include "http/listener.h"
#include "http/server_core.h"

namespace peixun::http {
namespace {

// After the drain deadline the remaining connections are cut; their coroutines then
// get this long to notice before the io threads stop.
constexpr auto kCutGrace = std::chrono::seconds(1);
constexpr auto kDrainPoll = std::chrono::milliseconds(20);

std::string HostPort(const std::string& host, uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Error ListenError(const std::string& address, const std::string& reason) {
  return MakeError(ErrorKind::kInternal, "http.listen", "无法在 " + address + " 上监听：" + reason,
                   "cannot listen on " + address + ": " + reason, "listen");
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler handler, Log log)
      : core_(std::move(options), std::move(handler), std::move(log)),
        control_(asio::make_strand(core_.ioc)),
        acceptor_(control_) {}

  ~Impl() {
    Stop();
    Wait();
    // Handlers still running after a hard cut finish before the io_context goes.
    core_.workers.join();
  }

  Status Start() {
    const ServerOptions& options = core_.options;
    const std::string address = HostPort(options.host, options.port);
    if (started_.load()) return ListenError(address, "the server was already started");
    beast::error_code ec;
    tcp::resolver resolver(core_.ioc);
    auto endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || endpoints.empty()) {
      return ListenError(address, ec ? ec.message() : "the host name does not resolve");
    }
    const tcp::endpoint endpoint = endpoints.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), ec);
    // SO_REUSEADDR: a restart may bind while old connections sit in TIME_WAIT; a
    // port another process listens on is still refused.
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      return ListenError(address, ec.message());
    }
    port_.store(acceptor_.local_endpoint(ec).port());

    work_.emplace(core_.ioc.get_executor());
    asio::co_spawn(control_, Listen(core_, acceptor_), core_.LogFailure("the listener"));
    int threads = options.io_threads > 0 ? options.io_threads
                                         : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::max(1, threads);
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this] { RunIoThread(); });
    }
    started_.store(true);
    core_.Log("http: listening on " + HostPort(options.host, port_.load()));
    if (stop_requested_.load()) BeginStop();
    return Ok();
  }

  uint16_t port() const { return port_.load(); }

  void Wait() {
    std::lock_guard lock(wait_mu_);
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

  void Stop() {
    if (stop_requested_.exchange(true)) return;
    if (started_.load()) BeginStop();
  }

  void InstallSignals() {
    if (!started_.load()) {
      core_.Log("http: signal handlers not installed: the server is not started");
      return;
    }
    // Registered here, before returning, so a signal that arrives right after is
    // already ours (asio queues it until the wait below starts); the set itself is
    // handed to control_, where everything else touches it.
    auto signals = std::make_shared<asio::signal_set>(control_, SIGINT, SIGTERM);
    asio::post(control_, [this, signals] {
      if (signals_ || draining_) return;
      signals_ = signals;
      asio::co_spawn(control_, WaitForSignals(), core_.LogFailure("the signal watcher"));
    });
  }

 private:
  void RunIoThread() {
    // An exception escaping a completion handler would end this thread; log it and
    // keep the thread serving.
    for (;;) {
      try {
        core_.ioc.run();
        return;
      } catch (const std::exception& e) {
        core_.Log(std::string("http: io thread caught: ") + e.what());
      }
    }
  }

  void BeginStop() { asio::co_spawn(control_, Drain(), core_.LogFailure("the shutdown")); }

  // First signal: graceful stop. Second signal (during the drain): cut everything.
  asio::awaitable<void> WaitForSignals() {
    const std::shared_ptr<asio::signal_set> signals = signals_;
    beast::error_code ec;
    int signal = co_await signals->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    core_.Log("http: signal " + std::to_string(signal) + ", stopping (again to cut requests)");
    Stop();
    co_await signals->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    cut_now_.store(true);
  }

  // Runs on control_ (as the listener does, so the acceptor is never touched from
  // two threads at once).
  asio::awaitable<void> Drain() {
    if (draining_) co_return;
    draining_ = true;
    core_.stopping.store(true);
    beast::error_code ec;
    acceptor_.close(ec);
    // Idle keep-alive connections go now; the others close after their response.
    core_.PostToEach([](Connection& c) {
      if (c.phase == ConnectionPhase::kIdle) c.stream.cancel();
    });

    asio::steady_timer timer(control_);
    const auto deadline = std::chrono::steady_clock::now() + core_.options.drain_timeout;
    while (core_.ConnectionCount() > 0 && !cut_now_.load() &&
           std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(kDrainPoll);
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (const size_t left = core_.ConnectionCount(); left > 0) {
      core_.Log("http: cutting " + std::to_string(left) + " connection(s) still busy at stop");
      core_.PostToEach([](Connection& c) {
        beast::error_code ignored;
        c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        c.stream.close();
      });
      const auto cut_deadline = std::chrono::steady_clock::now() + kCutGrace;
      while (core_.ConnectionCount() > 0 && std::chrono::steady_clock::now() < cut_deadline) {
        timer.expires_after(kDrainPoll);
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
    }
    // Back to the default action: a signal after the stop ends the process.
    if (signals_) signals_->cancel(ec);
    signals_.reset();
    work_.reset();
    core_.Log("http: stopped");
    // Whatever is still pending (a handler stuck past the cut) is abandoned; the
    // destructor joins the worker pool before the io_context is destroyed.
    core_.ioc.stop();
  }

  ServerCore core_;
  asio::strand<asio::io_context::executor_type> control_;
  tcp::acceptor acceptor_;                     // touched on control_ only
  std::shared_ptr<asio::signal_set> signals_;  // touched on control_ only
  bool draining_ = false;                      // touched on control_ only
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  std::mutex wait_mu_;
  std::atomic<uint16_t> port_{0};
  std::atomic<bool> started_{false};
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> cut_now_{false};
};

Server::Server(ServerOptions options, Handler handler, Log log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(log))) {}

Server::~Server() = default;

Status Server::Start() { return impl_->Start(); }
uint16_t Server::port() const { return impl_->port(); }
void Server::Wait() { impl_->Wait(); }
void Server::Stop() { impl_->Stop(); }

void InstallSignalStop(Server& server) { server.impl_->InstallSignals(); }

}  // namespace peixun::http
