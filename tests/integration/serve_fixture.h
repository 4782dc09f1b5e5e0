// Helpers for the tests that run the real `peixun serve` (PEIXUN_BINARY) as a child
// process and talk to it over loopback: a tiny blocking HTTP client, a server-sent
// events reader, starting a server, and a database made by `peixun init` with a
// class, a session running now, approved trainees (their badge tokens) and an
// admin's API token. Used by checkin_crash_test.cc and live_instances_test.cc.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace peixun::test {

// A blocking HTTP/1.1 client on one keep-alive connection; reconnects on demand.
class MiniHttp {
 public:
  explicit MiniHttp(int port) : port_(port) {}
  ~MiniHttp() { Close(); }
  MiniHttp(const MiniHttp&) = delete;
  MiniHttp& operator=(const MiniHttp&) = delete;
  // The status, or 0 when the connection failed. The body lands in last_body().
  int Post(const std::string& path, const std::string& token, const std::string& body);
  int Get(const std::string& path);
  // Any request with a bearer token and extra header lines ("Accept-Language: en\r\n").
  int Send(const std::string& method, const std::string& path, const std::string& token,
           const std::string& body, const std::string& extra_headers = "");
  const std::string& last_body() const { return last_body_; }
  const std::string& last_headers() const { return last_headers_; }

 private:
  bool Connect();
  bool SendAll(const std::string& s);
  bool ReadMore(std::string& buf);
  int Fail();
  void Close();

  int port_;
  int fd_ = -1;
  std::string last_body_;
  std::string last_headers_;
};

// Reads a text/event-stream response: GET `path` with a bearer token.
class SseReader {
 public:
  SseReader() = default;
  ~SseReader();
  SseReader(const SseReader&) = delete;
  SseReader& operator=(const SseReader&) = delete;
  bool Open(int port, const std::string& path, const std::string& token);
  // Reads until `needle` appears after the first `from` bytes of the stream, or
  // `limit` passes.
  bool ReadUntil(const std::string& needle, std::chrono::milliseconds limit, size_t from = 0);
  const std::string& stream() const { return stream_; }

 private:
  int fd_ = -1;
  std::string stream_;
};

// A free TCP port on 127.0.0.1 (free when asked).
int FreePort();

// Starts `peixun serve --db url --listen 127.0.0.1:port`, output appended to `log`.
pid_t StartServer(const std::string& url, int port, const std::string& log);
// The same with more arguments after those ("--trusted-proxy", "127.0.0.1").
pid_t StartServer(const std::string& url, int port, const std::string& log,
                  const std::vector<std::string>& extra_args);
// Waits (up to 15 s) for the server on `port` to answer /healthz.
bool WaitUp(int port);
// SIGTERM, then waits for it.
void StopServer(pid_t pid);

struct ServeDb {
  std::string api_token;  // an admin's
  int64_t class_id = 0;
  int64_t session_id = 0;  // running now, check-in open
  std::vector<std::string> badges;
};

// Runs `peixun init --db url` (output to `log`), then adds the class, session,
// `trainees` trainees and token. Fails the calling test (gtest ASSERTs) on error.
void PrepareServeDb(const std::string& url, const std::string& log, int trainees, ServeDb* out);

}  // namespace peixun::test
