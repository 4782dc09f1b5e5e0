#include "http/session.h"

#include <chrono>
#include <exception>
#include <string>
#include <utility>

#include "api/deferred.h"
#include "core/forwarded.h"
#include "http/beast_convert.h"

namespace peixun::http {
namespace {

constexpr size_t kReadChunk = 8 * 1024;
// After refusing a request (413, 431, 400) the client may still be sending its body.
// Closing a socket with unread data makes the kernel answer with a reset, which can
// destroy the refusal before the client reads it; so the server stops writing,
// reads and drops what still arrives, bounded in time and bytes, and then closes.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 64 * 1024 * 1024;

// Keeps the connection in the server's registry (for Stop) while the session runs.
class Registration {
 public:
  Registration(ServerCore& core, const std::shared_ptr<Connection>& connection)
      : core_(core), connection_(connection.get()) {
    core_.Register(connection);
  }
  ~Registration() { core_.Unregister(connection_); }
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;

 private:
  ServerCore& core_;
  const Connection* connection_;
};

std::string RemoteAddress(Connection& connection) {
  beast::error_code ec;
  auto endpoint = connection.stream.socket().remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

// The client and scheme behind a trusted proxy (server.h trusted_proxies).
void ApplyForwarded(const ServerOptions& options, api::Request& request) {
  if (!options.trusted_proxies.empty()) {
    std::string forwarded_for;
    for (const auto& [name, value] : request.headers) {
      if (name != "x-forwarded-for") continue;
      if (!forwarded_for.empty()) forwarded_for += ',';
      forwarded_for += value;
    }
    core::ForwardedClient client =
        core::ResolveForwarded(request.remote_address, options.trusted_proxies, forwarded_for,
                               request.Header("x-forwarded-proto"));
    request.remote_address = std::move(client.address);
    if (client.https) request.secure = *client.https;
  }
  if (options.always_https) request.secure = true;
}

void Close(Connection& connection) {
  beast::error_code ec;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection.stream.close();
}

asio::awaitable<bool> Write(ServerCore& core, Connection& connection, BeastResponse& response) {
  connection.phase = ConnectionPhase::kWriting;
  connection.stream.expires_after(core.options.write_timeout);
  beast::error_code ec;
  co_await bhttp::async_write(connection.stream, response,
                              asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

// Answers a request the server refuses before any handler sees it, then closes.
asio::awaitable<void> Refuse(ServerCore& core, Connection& connection, api::Response answer,
                             unsigned version) {
  BeastResponse response = ToBeastResponse(std::move(answer), version, false, false);
  if (!co_await Write(core, connection, response)) co_return;
  beast::error_code ec;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection.stream.expires_after(kLingerTime);
  std::string drop(64 * 1024, '\0');
  size_t dropped = 0;
  while (!ec && dropped < kLingerBytes) {
    dropped += co_await connection.stream.async_read_some(
        asio::buffer(drop), asio::redirect_error(asio::use_awaitable, ec));
  }
}

// Runs the handler on the worker pool: it blocks on the database, and an io thread
// must never wait for that. The session coroutine is suspended meanwhile and resumes
// on its own strand when the pool is done (use_awaitable completes through the
// awaiting coroutine's executor). A throwing handler becomes a logged 500.
// A deferred response (api/deferred.h) is awaited on the connection's strand with
// no thread blocked: its completion posts a wake-up to a timer the coroutine waits on.
// The wake-up runs on the strand after the coroutine is suspended, so it is never lost.
asio::awaitable<api::Response> AwaitDeferred(std::shared_ptr<api::Deferred> deferred) {
  auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor,
                                                    asio::steady_timer::time_point::max());
  std::weak_ptr<asio::steady_timer> weak = timer;
  deferred->OnReady([weak] {
    if (auto t = weak.lock()) asio::post(t->get_executor(), [t] { t->cancel(); });
  });
  while (!deferred->ready()) {
    beast::error_code ec;
    co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  co_return deferred->Take();
}

asio::awaitable<api::Response> CallHandler(ServerCore& core, api::Request& request) {
  try {
    api::Response answer = co_await asio::co_spawn(
        core.workers.get_executor(),
        [&core, &request]() -> asio::awaitable<api::Response> { co_return core.handler(request); },
        asio::use_awaitable);
    if (!answer.deferred) co_return answer;
    co_return co_await AwaitDeferred(std::move(answer.deferred));
  } catch (const std::exception& e) {
    core.Log("http: handler threw on " + request.path + ": " + e.what());
  } catch (...) {
    core.Log("http: handler threw an unknown exception on " + request.path);
  }
  co_return HandlerFailed(request.lang);
}

// Server-sent events (api::Response::poll_events): the header, then whatever the
// poller hands over, until it ends the stream, a write fails or the server stops.
// Between writes the connection counts as idle, so Stop() cuts it at once.
constexpr auto kEventPollInterval = std::chrono::milliseconds(200);

asio::awaitable<void> StreamEvents(ServerCore& core, Connection& c, api::Response answer,
                                   unsigned version) {
  bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(answer.status), version};
  head.set(bhttp::field::server, "peixun");
  head.set(bhttp::field::content_type, answer.content_type);
  head.set(bhttp::field::cache_control, "no-cache");
  for (const auto& [name, value] : answer.headers) {
    if (beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding") ||
        beast::iequals(name, "connection") || beast::iequals(name, "content-type")) {
      continue;
    }
    head.insert(name, value);
  }
  head.keep_alive(false);
  bhttp::response_serializer<bhttp::empty_body> serializer{head};
  beast::error_code ec;
  c.phase = ConnectionPhase::kWriting;
  c.stream.expires_after(core.options.write_timeout);
  co_await bhttp::async_write_header(c.stream, serializer,
                                     asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  auto poll = std::move(answer.poll_events);
  while (!core.stopping.load()) {
    c.phase = ConnectionPhase::kIdle;
    timer.expires_after(kEventPollInterval);
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (core.stopping.load()) break;
    std::optional<std::string> chunk = poll();
    if (!chunk) break;
    if (chunk->empty()) continue;
    c.phase = ConnectionPhase::kWriting;
    c.stream.expires_after(core.options.write_timeout);
    co_await asio::async_write(c.stream, asio::buffer(*chunk),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
}

asio::awaitable<api::Response> Respond(ServerCore& core, BeastRequest& beast_request,
                                       const std::string& remote_address) {
  Result<api::Request> request = ToApiRequest(beast_request, remote_address);
  if (!request) {
    co_return api::ErrorResponse(
        request.error(),
        api::LanguageFrom(std::string(beast_request[bhttp::field::accept_language])));
  }
  ApplyForwarded(core.options, *request);
  // Static files are small and page-cached: served here on the io thread, so the web
  // app still loads while every worker waits on the database.
  if (!IsApiPath(request->path)) co_return core.static_files.Serve(*request);
  co_return co_await CallHandler(core, *request);
}

}  // namespace

asio::awaitable<void> RunSession(ServerCore& core, std::shared_ptr<Connection> connection) {
  Registration registration(core, connection);
  Connection& c = *connection;
  const ServerOptions& options = core.options;
  const std::string remote_address = RemoteAddress(c);
  beast::flat_buffer buffer;
  bool first_request = true;

  while (!core.stopping.load()) {
    beast::error_code ec;
    // Between requests the connection is idle: Stop() may cut it here. A new
    // connection gets read_timeout to start talking, a kept-alive one idle_timeout.
    if (buffer.size() == 0) {
      c.phase = ConnectionPhase::kIdle;
      c.stream.expires_after(first_request ? options.read_timeout : options.idle_timeout);
      const size_t n = co_await c.stream.async_read_some(
          buffer.prepare(kReadChunk), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;  // closed by the client, timed out, or cut by Stop()
      buffer.commit(n);
    }
    first_request = false;

    // The whole request must arrive within read_timeout of its first byte: the
    // deadline covers every read below, so a client trickling bytes is cut too.
    c.phase = ConnectionPhase::kReading;
    c.stream.expires_after(options.read_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(static_cast<std::uint64_t>(options.body_limit));
    co_await bhttp::async_read_header(c.stream, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && !parser.is_done()) {
      if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
        co_await bhttp::async_write(c.stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
        c.stream.expires_after(options.read_timeout);
      }
      if (!ec) {
        co_await bhttp::async_read(c.stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
    }
    if (ec) {
      // The header may be cut short by the error; whatever fields were parsed
      // before it (Accept-Language, the version) still pick the answer's form.
      const unsigned version = parser.get().version() == 10 ? 10 : 11;
      const std::string lang =
          api::LanguageFrom(std::string(parser.get()[bhttp::field::accept_language]));
      if (ec == bhttp::error::body_limit) {
        co_await Refuse(core, c, RequestTooLarge(lang), version);
      } else if (ec == bhttp::error::header_limit) {
        co_await Refuse(core, c, HeadersTooLarge(lang), version);
      } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        co_await Refuse(core, c, MalformedRequest(lang), version);
      }
      // Anything else (timeout, reset, the client gave up mid-request): nobody is
      // left to answer.
      break;
    }

    BeastRequest request = parser.release();
    const bool head = request.method() == bhttp::verb::head;
    c.phase = ConnectionPhase::kHandling;
    api::Response answer = co_await Respond(core, request, remote_address);
    if (answer.poll_events && !head) {
      co_await StreamEvents(core, c, std::move(answer), request.version());
      break;
    }
    const bool keep_alive = request.keep_alive() && !core.stopping.load();
    BeastResponse response =
        ToBeastResponse(std::move(answer), request.version(), keep_alive, head);
    if (!co_await Write(core, c, response) || !keep_alive) break;
  }
  Close(c);
}

}  // namespace peixun::http
