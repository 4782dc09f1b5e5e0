// The HTTP/1.1 server: accepts connections, turns each request into an
// api::Request, runs the handler (normally api::Dispatcher::Handle) on a worker
// pool, and writes the api::Response back. Paths outside the API (/api/…,
// /healthz, /metrics) are the built web app, served from ServerOptions::web_root
// (static_files.h).
//
// This header is Boost-free (the implementation is behind a pointer), so the CLI
// and tests include it without Beast; Beast and Asio appear only in src/http/*.cc
// through src/http/asio.h.
//
// Threads: the io threads parse and serialize HTTP and serve static files; handlers
// run on a separate pool of `worker_threads`, because they block on the database.
// A connection handles one request at a time (no pipelined requests in flight), so
// at most one response is queued per connection.
//
// Extension point for server-sent events (not built yet): a streaming handler
// would return an api::Response carrying a stream callback (e.g. a
// `std::function<void(Sink&)>` run on the worker pool, where Sink::Write hands an
// event to the connection). session.cc is where it plugs in: after the handler
// returns, instead of writing one complete response it writes the header
// (`text/event-stream`, no Content-Length, no keep-alive timeout), then loops
// co_awaiting the next event from a bounded channel and writing it, with a write
// deadline and a heartbeat, until the stream ends, the client leaves or Stop()
// asks it to end. Stop() must treat such a connection as idle (cut it at once).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/request.h"
#include "api/response.h"
#include "core/ip_ranges.h"
#include "core/result.h"

namespace peixun::http {

struct ServerOptions {
  std::string host = "127.0.0.1";        // address to bind (numeric or a resolvable name)
  uint16_t port = 8080;                  // 0: any free port (see Server::port())
  int io_threads = 0;                    // 0: one per hardware core
  int worker_threads = 8;                // threads that run handlers (they block on the database)
  size_t body_limit = 20 * 1024 * 1024;  // larger bodies get 413 request.too_large
  size_t header_limit = 16 * 1024;       // larger request headers get 431
  // The whole request (header and body) must arrive within read_timeout of its first
  // byte, so a slow client cannot hold a connection; a new connection must send its
  // first request within read_timeout too.
  std::chrono::seconds read_timeout{30};
  // A keep-alive connection waiting for its next request is closed after this.
  std::chrono::seconds idle_timeout{60};
  // A response must be written within this (a client that stops reading is cut).
  std::chrono::seconds write_timeout{60};
  // Stop() lets requests in flight finish for at most this long, then cuts them.
  std::chrono::seconds drain_timeout{10};
  // Reverse proxies (`--trusted-proxy`) whose X-Forwarded-For and X-Forwarded-Proto
  // are believed (core/forwarded.h); from any other peer both headers are ignored.
  // The resolved address becomes api::Request::remote_address and an https scheme
  // sets api::Request::secure, so every consumer (login throttling and log,
  // sessions, audit, check-in network checks, rate limits) sees the client.
  std::vector<core::IpRange> trusted_proxies;
  // `--cookie-secure always`: every request counts as having come over https
  // (cookies get Secure, links say https), for a site served only over TLS.
  bool always_https = false;
  // Folder of the built web app (index.html, assets/…); may be empty or missing,
  // then "/" answers a page saying the web app is not built.
  std::string web_root;
};

// Thread-safety: Start, Stop and port may be called from any thread; Stop may be
// called many times and from a handler or a signal callback. Wait and the destructor
// must not run on the server's own threads (a handler, a log callback): they wait
// for those threads. The handler is called concurrently from the worker threads and
// must be thread-safe; it may throw (the server answers 500 and logs). `log` is
// called from any thread.
class Server {
 public:
  using Handler = std::function<api::Response(api::Request&)>;
  using Log = std::function<void(const std::string&)>;

  Server(ServerOptions options, Handler handler, Log log);
  // Stops (graceful, bounded by drain_timeout) and waits.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens, then serves on background threads and returns. Error
  // `http.listen` naming the address when it cannot bind (port taken, bad host).
  // Call once.
  Status Start();
  // The port actually bound (useful with port 0); 0 before Start.
  uint16_t port() const;
  // Blocks until the server has stopped (after Stop and the drain). Returns at once
  // when the server never started.
  void Wait();
  // Graceful stop: stops accepting, closes idle keep-alive connections, lets
  // requests in flight finish and their responses be written (no keep-alive), and
  // after drain_timeout cuts what is left. Returns at once; Wait() for the end.
  void Stop();

 private:
  class Impl;
  friend void InstallSignalStop(Server& server);
  std::unique_ptr<Impl> impl_;
};

// On SIGINT or SIGTERM, calls server.Stop(); a second signal during the drain cuts
// the requests still in flight at once. Call after Start (before, it does nothing
// but log).
void InstallSignalStop(Server& server);

}  // namespace peixun::http
