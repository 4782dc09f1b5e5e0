// Internal to src/http: the state the Server, the listener (listener.h) and the
// connections (session.h) share. Not part of the public interface (server.h).
//
// Threading model: one io_context run by `io_threads` threads, one strand per
// connection. Chosen over one io_context per thread because handlers do not run on
// the io threads at all (they go to `workers`), so io threads only parse, serialize
// and copy bytes; a shared io_context then spreads connections over the threads by
// itself (a per-thread io_context pins a connection to one thread, and one busy
// connection slows every other on it), and graceful stop has one place to drain.
// The price, a strand per connection and one shared reactor, shows only far above
// the load of a training-class server.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/asio.h"
#include "http/server.h"
#include "http/static_files.h"

namespace peixun::http {

// Where a connection is in its request cycle; decides what Stop() does with it.
enum class ConnectionPhase {
  kIdle,      // waiting for the first byte of a request: Stop() closes it at once
  kReading,   // a request is arriving: it is let finish (read_timeout bounds it)
  kHandling,  // the handler runs on the worker pool
  kWriting,   // the response is being written
};

// One accepted connection. Everything in it is touched only on the stream's
// executor (the connection's strand), including by Stop(), which posts there.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  ConnectionPhase phase = ConnectionPhase::kIdle;
};

// Thread-safe: the connection registry takes a lock; the rest is set before the
// io threads start and only read afterwards (`stopping` is atomic).
class ServerCore {
 public:
  ServerCore(ServerOptions options, Server::Handler handler, Server::Log log);

  const ServerOptions options;
  const Server::Handler handler;
  const StaticFiles static_files;
  // Set once by Stop(): no new connections, no keep-alive, idle connections close.
  std::atomic<bool> stopping{false};

  void Log(const std::string& line) const;
  // A completion handler for co_spawn that logs how a coroutine ended badly, so no
  // coroutine dies silently.
  std::function<void(std::exception_ptr)> LogFailure(std::string what) const;

  void Register(const std::shared_ptr<Connection>& connection);
  void Unregister(const Connection* connection);
  size_t ConnectionCount() const;
  // Posts `action` to each live connection's strand.
  void PostToEach(std::function<void(Connection&)> action);

 private:
  const Server::Log log_;
  mutable std::mutex mu_;
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections_;

 public:
  // Declared last, so destroyed first: destroying the io_context destroys suspended
  // session coroutines, whose clean-up still uses the registry and the log above.
  // The pool is declared after it (destroyed before it): a handler finishing posts
  // its result to the io_context.
  asio::io_context ioc;
  asio::thread_pool workers;
};

}  // namespace peixun::http
