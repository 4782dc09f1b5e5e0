// The HTTP server (src/http) over real sockets: a tiny handler, a temporary web
// root, and a small blocking client written on POSIX sockets (so the test does not
// trust the code it tests to speak HTTP).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <csignal>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/request.h"
#include "api/response.h"
#include "http/server.h"

namespace peixun::http {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr char kSecret[] = "TOP-SECRET-CONTENT";
constexpr char kIndex[] = "<!doctype html><title>peixun app</title><div id=app></div>";
constexpr char kAppJs[] = "console.log('peixun');";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

long MillisSince(Clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count());
}

struct Reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;

  std::string Header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return {};
  }
  size_t Count(const std::string& name) const {
    return static_cast<size_t>(std::count_if(headers.begin(), headers.end(),
                                             [&](const auto& h) { return h.first == name; }));
  }
  nlohmann::json Json() const { return nlohmann::json::parse(body); }
};

// A blocking HTTP/1.1 client over one TCP connection. Every read has a timeout so
// a broken server fails the test instead of hanging it.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response; nullopt when the connection closed or timed out first.
  std::optional<Reply> Read(bool head = false, milliseconds timeout = milliseconds(5000)) {
    const auto deadline = Clock::now() + timeout;
    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(deadline)) return std::nullopt;
    }
    Reply reply;
    std::string head_text = buffer_.substr(0, header_end);
    buffer_.erase(0, header_end + 4);
    size_t line_end = head_text.find("\r\n");
    const std::string status_line = head_text.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    reply.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
      const size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      std::string line = head_text.substr(
          start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      reply.headers.emplace_back(Lower(line.substr(0, colon)), value);
    }
    const bool bodyless =
        head || reply.status / 100 == 1 || reply.status == 204 || reply.status == 304;
    if (bodyless) return reply;
    const std::string length = reply.Header("content-length");
    if (length.empty()) {  // until the server closes
      while (Fill(deadline)) {
      }
      reply.body = std::move(buffer_);
      buffer_.clear();
      return reply;
    }
    const size_t n = std::stoul(length);
    while (buffer_.size() < n) {
      if (!Fill(deadline)) return std::nullopt;
    }
    reply.body = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return reply;
  }

  std::optional<Reply> Get(const std::string& target, const std::string& extra_headers = "") {
    if (!Send("GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers + "\r\n")) {
      return std::nullopt;
    }
    return Read();
  }

  // True when the server closes the connection (EOF or reset) within `within`.
  bool ClosedWithin(milliseconds within) {
    const auto deadline = Clock::now() + within;
    for (;;) {
      const long left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
      char chunk[4096];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return true;
    }
  }

 private:
  bool Fill(Clock::time_point deadline) {
    const long left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

// Answers: /healthz; /api/echo… (the request as JSON, two cookies); /api/slow?ms=N
// (sleeps); /api/throw (throws); anything else under /api 404.
api::Response TestHandler(api::Request& request, std::atomic<int>& calls) {
  ++calls;
  if (request.path == "/healthz") return api::Json({{"status", "ok"}});
  if (request.path == "/api/throw") throw std::runtime_error("boom in handler");
  if (request.path == "/api/slow") {
    const int ms = std::stoi(request.Query("ms").value_or("1000"));
    std::this_thread::sleep_for(milliseconds(ms));
    return api::Json({{"slept_ms", ms}});
  }
  if (request.path.rfind("/api/echo", 0) == 0) {
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [k, v] : request.headers) headers[k] = v;
    nlohmann::json query = nlohmann::json::array();
    for (const auto& [k, v] : request.query) query.push_back({k, v});
    api::Response r = api::Json({{"method", std::string(api::MethodName(request.method))},
                                 {"target", request.target},
                                 {"path", request.path},
                                 {"query", query},
                                 {"headers", headers},
                                 {"body", request.body},
                                 {"remote", request.remote_address},
                                 {"secure", request.secure}});
    r.AddHeader("Set-Cookie", "a=1; Path=/");
    r.AddHeader("Set-Cookie", "b=2; Path=/; HttpOnly");
    return r;
  }
  return api::ErrorResponse(NotFound("request.not_found", "没有", "none"), request.lang);
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("peixun_http_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "web" / "assets");
    WriteFile(base_ / "secret.txt", kSecret);
    WriteFile(base_ / "web" / "index.html", kIndex);
    WriteFile(base_ / "web" / "assets" / "app.3f2a.js", kAppJs);
    WriteFile(base_ / "web" / "favicon.ico", "ICO");
    WriteFile(base_ / "web" / "manifest.json", "{}");
    fs::create_symlink(base_ / "secret.txt", base_ / "web" / "leak.txt");
    fs::create_symlink(base_, base_ / "web" / "assets" / "up");
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(base_);
    // The server's log lines, kept for tests/tools/check_log_leaks.py.
    if (const char* dir = std::getenv("PEIXUN_TEST_LOG_DIR"); dir && *dir && !log_.empty()) {
      std::error_code ec;
      fs::create_directories(dir, ec);
      const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
      std::ofstream out(fs::path(dir) / ("http-" + std::string(info->name()) + ".log"),
                        std::ios::app);
      for (const std::string& line : log_) out << line << "\n";
    }
  }

  static void WriteFile(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  ServerOptions TestOptions() {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    o.worker_threads = 4;
    o.body_limit = 64 * 1024;
    o.read_timeout = std::chrono::seconds(1);
    o.idle_timeout = std::chrono::seconds(3);
    o.drain_timeout = std::chrono::seconds(10);
    o.web_root = (base_ / "web").string();
    return o;
  }

  Server& StartServer(ServerOptions options) {
    server_ = std::make_unique<Server>(
        std::move(options), [this](api::Request& r) { return TestHandler(r, calls_); },
        [this](const std::string& line) {
          std::lock_guard lock(log_mu_);
          log_.push_back(line);
        });
    Status started = server_->Start();
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message_en);
    return *server_;
  }
  Server& StartServer() { return StartServer(TestOptions()); }

  bool Logged(const std::string& fragment) {
    std::lock_guard lock(log_mu_);
    return std::any_of(log_.begin(), log_.end(), [&](const std::string& line) {
      return line.find(fragment) != std::string::npos;
    });
  }

  uint16_t port() const { return server_->port(); }

  fs::path base_;
  std::unique_ptr<Server> server_;
  std::atomic<int> calls_{0};
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

TEST_F(HttpServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer();
  Client client(port());
  ASSERT_TRUE(client.connected());
  auto first = client.Get("/healthz");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->Json()["status"], "ok");
  EXPECT_EQ(first->Header("server"), "peixun");
  EXPECT_EQ(first->Header("content-length"), std::to_string(first->body.size()));
  EXPECT_EQ(first->Header("content-type"), "application/json; charset=utf-8");
  auto second = client.Get("/api/echo");
  ASSERT_TRUE(second) << "the connection did not stay open";
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(calls_.load(), 2);
}

TEST_F(HttpServerTest, KeepAliveOutlivesTheReadTimeoutUntilTheIdleTimeout) {
  StartServer();  // read_timeout 1 s, idle_timeout 3 s
  Client client(port());
  ASSERT_TRUE(client.Get("/healthz"));
  std::this_thread::sleep_for(milliseconds(1500));
  auto again = client.Get("/healthz");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_TRUE(client.ClosedWithin(milliseconds(5000))) << "idle keep-alive never closed";
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  StartServer();
  Client client(port());
  auto reply = client.Get("/healthz", "Connection: close\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(Lower(reply->Header("connection")), "close");
  EXPECT_TRUE(client.ClosedWithin(milliseconds(2000)));
}

TEST_F(HttpServerTest, FillsTheApiRequest) {
  StartServer();
  Client client(port());
  ASSERT_TRUE(
      client.Send("POST /api/echo?x=1 HTTP/1.1\r\nHost: test\r\nX-Custom-Header: Value\r\n"
                  "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"));
  auto reply = client.Read();
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->status, 200);
  auto echo = reply->Json();
  EXPECT_EQ(echo["method"], "POST");
  EXPECT_EQ(echo["target"], "/api/echo?x=1");
  EXPECT_EQ(echo["path"], "/api/echo");
  EXPECT_EQ(echo["body"], "hello");
  EXPECT_EQ(echo["remote"], "127.0.0.1");
  EXPECT_EQ(echo["secure"], false);
  EXPECT_EQ(echo["headers"]["x-custom-header"], "Value");
  EXPECT_EQ(echo["headers"]["host"], "test");
  EXPECT_EQ(reply->Count("set-cookie"), 2u) << "both cookies must reach the client";
}

TEST_F(HttpServerTest, PercentDecodesThePathAndTheQuery) {
  StartServer();
  Client client(port());
  auto reply = client.Get("/api/echo/%E5%BC%A0%20x%2Fy?q=%E5%BC%A0&q=2&name=a+b");
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->status, 200);
  auto echo = reply->Json();
  EXPECT_EQ(echo["path"], "/api/echo/张 x/y");
  EXPECT_EQ(echo["query"], nlohmann::json::parse(R"([["name","a b"],["q","张"],["q","2"]])"));
}

TEST_F(HttpServerTest, MalformedEscapesAndNulAre400) {
  StartServer();
  for (const std::string target : {"/api/echo/%zz", "/api/echo/%4", "/api/echo/a%00b", "/%zz"}) {
    Client client(port());
    auto reply = client.Get(target);
    ASSERT_TRUE(reply) << target;
    EXPECT_EQ(reply->status, 400) << target;
    EXPECT_EQ(reply->Json()["error"]["code"], "request.path") << target;
  }
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, HugeBodyIs413WithAJsonError) {
  StartServer();  // body_limit 64 KiB
  const std::string body(100 * 1024, 'x');
  Client client(port());
  ASSERT_TRUE(
      client.Send("POST /api/echo HTTP/1.1\r\nHost: test\r\nAccept-Language: en\r\n"
                  "Content-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n"));
  client.Send(body);  // the server may already have answered and stopped reading
  auto reply = client.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(reply->Json()["error"]["code"], "request.too_large");
  EXPECT_EQ(reply->Json()["error"]["message"], "the request body is too large");
  EXPECT_TRUE(client.ClosedWithin(milliseconds(4000)));
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, HugeChunkedBodyIs413) {
  StartServer();
  const std::string chunk(70 * 1024, 'y');
  Client client(port());
  std::ostringstream hex;
  hex << std::hex << chunk.size();
  ASSERT_TRUE(
      client.Send("POST /api/echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n" +
                  hex.str() + "\r\n"));
  client.Send(chunk + "\r\n0\r\n\r\n");
  auto reply = client.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_EQ(reply->Json()["error"]["code"], "request.too_large");
}

TEST_F(HttpServerTest, BodyJustUnderTheLimitIsServed) {
  StartServer();
  const std::string body(60 * 1024, 'z');
  Client client(port());
  ASSERT_TRUE(client.Send("POST /api/echo HTTP/1.1\r\nHost: test\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body));
  auto reply = client.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Json()["body"].get<std::string>().size(), body.size());
}

TEST_F(HttpServerTest, ExpectContinueGetsA100) {
  StartServer();
  Client client(port());
  ASSERT_TRUE(
      client.Send("PUT /api/echo HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                  "Content-Length: 3\r\n\r\n"));
  auto go_on = client.Read();
  ASSERT_TRUE(go_on);
  EXPECT_EQ(go_on->status, 100);
  ASSERT_TRUE(client.Send("abc"));
  auto reply = client.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Json()["body"], "abc");
}

TEST_F(HttpServerTest, HugeHeadersAre431) {
  StartServer();  // header_limit 16 KiB
  Client client(port());
  auto reply = client.Get("/healthz", "X-Big: " + std::string(20 * 1024, 'h') + "\r\n");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 431);
  EXPECT_EQ(reply->Json()["error"]["code"], "request.headers_too_large");
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, GarbageIs400) {
  StartServer();
  Client client(port());
  ASSERT_TRUE(client.Send("THIS IS NOT HTTP\r\n\r\n"));
  auto reply = client.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_EQ(reply->Json()["error"]["code"], "request.malformed");
}

TEST_F(HttpServerTest, ReadTimeoutClosesASlowConnection) {
  StartServer();  // read_timeout 1 s
  {
    Client stalled(port());  // half a request, then nothing
    ASSERT_TRUE(stalled.Send("GET /healthz HTTP/1.1\r\nHost: te"));
    const auto start = Clock::now();
    EXPECT_TRUE(stalled.ClosedWithin(milliseconds(3000)));
    EXPECT_GE(MillisSince(start), 700);
  }
  {
    Client silent(port());  // connects and never speaks
    EXPECT_TRUE(silent.ClosedWithin(milliseconds(3000)));
  }
  {
    // A trickle of bytes does not reset the deadline: the whole request must arrive
    // within read_timeout.
    Client trickle(port());
    ASSERT_TRUE(trickle.Send("GET /healthz HTTP/1.1\r\nX-Slow: "));
    const auto start = Clock::now();
    bool closed = false;
    while (MillisSince(start) < 4000) {
      if (!trickle.Send("a")) {
        closed = true;
        break;
      }
      if (trickle.ClosedWithin(milliseconds(200))) {
        closed = true;
        break;
      }
    }
    EXPECT_TRUE(closed);
    EXPECT_LT(MillisSince(start), 2500);
  }
  EXPECT_EQ(calls_.load(), 0);
}

TEST_F(HttpServerTest, ServesStaticFilesWithTypesAndCacheHeaders) {
  StartServer();
  Client client(port());
  auto index = client.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, kIndex);
  EXPECT_EQ(index->Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->Header("cache-control"), "no-cache");

  auto js = client.Get("/assets/app.3f2a.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, kAppJs);
  EXPECT_EQ(js->Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->Header("cache-control"), "public, max-age=31536000, immutable");

  auto ico = client.Get("/favicon.ico");
  ASSERT_TRUE(ico);
  EXPECT_EQ(ico->Header("content-type"), "image/x-icon");
  auto json = client.Get("/manifest.json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->Header("content-type"), "application/json");
  EXPECT_EQ(calls_.load(), 0) << "static files never reach the API handler";
}

TEST_F(HttpServerTest, SpaFallbackServesIndexForRoutesWithoutExtension) {
  StartServer();
  Client client(port());
  auto route = client.Get("/classes/12/timetable");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_EQ(route->body, kIndex);
  EXPECT_EQ(route->Header("cache-control"), "no-cache");
  auto missing = client.Get("/assets/missing.4b1c.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->Json()["error"]["code"], "request.not_found");
  ASSERT_TRUE(client.Send("POST /index.html HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
  auto refused = client.Read();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 405);
  EXPECT_EQ(refused->Header("allow"), "GET, HEAD");
}

TEST_F(HttpServerTest, TraversalNeverLeavesTheWebRoot) {
  StartServer();
  const std::vector<std::string> attacks = {
      "/../secret.txt",
      "/../../etc/passwd",
      "/../../../../../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
      "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/..%5csecret.txt",
      "/..\\secret.txt",
      "/assets\\..\\..\\secret.txt",
      "/assets/..%5c..%5csecret.txt",
      "//etc/passwd",
      "/%2fetc%2fpasswd",
      "/leak.txt",              // a symlink inside the root pointing out of it
      "/assets/up/secret.txt",  // a symlinked folder pointing out of it
      "/secret.txt",
  };
  for (const std::string& target : attacks) {
    Client client(port());
    auto reply = client.Get(target);
    ASSERT_TRUE(reply) << target;
    EXPECT_EQ(reply->status, 404) << target;
    EXPECT_EQ(reply->body.find(kSecret), std::string::npos) << target;
    EXPECT_EQ(reply->body.find("root:"), std::string::npos) << target;
  }
}

TEST_F(HttpServerTest, HeadSendsHeadersWithoutTheBody) {
  StartServer();
  Client client(port());
  ASSERT_TRUE(client.Send("HEAD /index.html HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = client.Read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("content-length"), std::to_string(std::string(kIndex).size()));
  EXPECT_EQ(head->Header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(head->body.empty());
  // No stray body bytes: the next response on the connection parses cleanly.
  ASSERT_TRUE(client.Send("HEAD /api/echo HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto api_head = client.Read(/*head=*/true);
  ASSERT_TRUE(api_head);
  EXPECT_EQ(api_head->status, 200);
  EXPECT_NE(api_head->Header("content-length"), "0");
  auto after = client.Get("/healthz");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(after->Json()["status"], "ok");
}

TEST_F(HttpServerTest, MissingWebRootAnswersANotBuiltPage) {
  for (const std::string& root : {std::string(), (base_ / "no-such-folder").string()}) {
    ServerOptions options = TestOptions();
    options.web_root = root;
    StartServer(options);
    Client client(port());
    auto page = client.Get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_NE(page->Header("content-type").find("text/html"), std::string::npos);
    EXPECT_NE(page->body.find("scripts/build.sh"), std::string::npos);
    auto file = client.Get("/assets/app.js");
    ASSERT_TRUE(file);
    EXPECT_EQ(file->status, 404);
    server_.reset();
  }
}

TEST_F(HttpServerTest, HandlerExceptionIs500AndTheServerLivesOn) {
  StartServer();
  Client client(port());
  auto boom = client.Get("/api/throw");
  ASSERT_TRUE(boom);
  EXPECT_EQ(boom->status, 500);
  EXPECT_EQ(boom->Json()["error"]["code"], "internal");
  EXPECT_EQ(boom->body.find("boom in handler"), std::string::npos) << "details stay in the log";
  EXPECT_TRUE(Logged("boom in handler"));
  auto next = client.Get("/healthz");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  Client other(port());
  auto fresh = other.Get("/healthz");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, 200);
}

TEST_F(HttpServerTest, HandlersRunOffTheIoThreads) {
  ServerOptions options = TestOptions();
  options.io_threads = 1;
  options.worker_threads = 2;
  StartServer(options);
  Client slow(port());
  ASSERT_TRUE(slow.Send("GET /api/slow?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(milliseconds(150));
  // The only io thread is free while the handler sleeps: other connections are
  // answered at once, by the second worker or by the io thread (static files).
  const auto start = Clock::now();
  Client health(port());
  auto h = health.Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  Client page(port());
  auto p = page.Get("/");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 200);
  EXPECT_LT(MillisSince(start), 700);
  auto s = slow.Read();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, 200);
}

TEST_F(HttpServerTest, ManyConcurrentClients) {
  StartServer();
  std::vector<std::future<int>> results;
  for (int i = 0; i < 16; ++i) {
    results.push_back(std::async(std::launch::async, [this] {
      Client client(port());
      int ok = 0;
      for (int j = 0; j < 10; ++j) {
        auto r = client.Get(j % 2 ? "/healthz" : "/assets/app.3f2a.js");
        if (r && r->status == 200) ++ok;
      }
      return ok;
    }));
  }
  int ok = 0;
  for (auto& f : results) ok += f.get();
  EXPECT_EQ(ok, 160);
}

TEST_F(HttpServerTest, GracefulStopLetsTheInFlightRequestFinish) {
  Server& server = StartServer();
  const uint16_t bound = port();
  Client idle(bound);  // a kept-alive connection between requests: cut at once
  ASSERT_TRUE(idle.Get("/healthz"));
  Client busy(bound);
  ASSERT_TRUE(busy.Send("GET /api/slow?ms=1200 HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(milliseconds(200));

  const auto start = Clock::now();
  server.Stop();
  EXPECT_TRUE(idle.ClosedWithin(milliseconds(500))) << "idle connection kept open";
  auto reply = busy.Read();
  ASSERT_TRUE(reply) << "the in-flight request lost its answer";
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->Json()["slept_ms"], 1200);
  EXPECT_EQ(Lower(reply->Header("connection")), "close");
  EXPECT_TRUE(busy.ClosedWithin(milliseconds(1000)));
  server.Wait();
  EXPECT_LT(MillisSince(start), 4000);
  Client late(bound);
  EXPECT_FALSE(late.connected()) << "the port still accepts after Stop";
}

TEST_F(HttpServerTest, StopIsBoundedByTheDrainTimeout) {
  ServerOptions options = TestOptions();
  options.drain_timeout = std::chrono::seconds(1);
  Server& server = StartServer(options);
  Client busy(port());
  ASSERT_TRUE(busy.Send("GET /api/slow?ms=3000 HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(milliseconds(200));
  const auto start = Clock::now();
  server.Stop();
  server.Wait();
  EXPECT_LT(MillisSince(start), 2800);
  EXPECT_TRUE(busy.ClosedWithin(milliseconds(1000)));
  EXPECT_TRUE(Logged("cutting 1 connection"));
}

TEST_F(HttpServerTest, StopTwiceAndWaitTwiceAreHarmless) {
  Server& server = StartServer();
  const uint16_t bound = port();
  {
    Client before(bound);
    ASSERT_TRUE(before.connected());
    auto reply = before.Get("/healthz");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
  }
  const auto started = std::chrono::steady_clock::now();
  server.Stop();
  server.Stop();
  server.Wait();
  server.Wait();
  // Both pairs returned promptly (an idle server drains at once), the server says
  // it stopped exactly once, and the port no longer accepts.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  {
    std::lock_guard lock(log_mu_);
    EXPECT_EQ(std::count_if(log_.begin(), log_.end(),
                            [](const std::string& l) { return l.find("http: stopped") == 0; }),
              1);
  }
  Client after(bound);
  EXPECT_FALSE(after.connected());
}

TEST_F(HttpServerTest, SigtermStopsGracefully) {
  Server& server = StartServer();
  InstallSignalStop(server);
  Client busy(port());
  ASSERT_TRUE(busy.Send("GET /api/slow?ms=500 HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(milliseconds(100));
  ASSERT_EQ(std::raise(SIGTERM), 0);
  auto reply = busy.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  server.Wait();
  EXPECT_TRUE(Logged("signal 15"));
}

TEST_F(HttpServerTest, TakenPortIsAClearError) {
  StartServer();
  ServerOptions options = TestOptions();
  options.port = port();
  Server second(options, [](api::Request&) { return api::NoContent(); }, {});
  Status status = second.Start();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "http.listen");
  EXPECT_NE(status.error().message_en.find("127.0.0.1:" + std::to_string(port())),
            std::string::npos)
      << status.error().message_en;
  EXPECT_EQ(second.port(), 0);
}

TEST_F(HttpServerTest, NoContentHasNoBodyAndNoLength) {
  server_ = std::make_unique<Server>(
      TestOptions(), [](api::Request&) { return api::NoContent(); }, Server::Log{});
  ASSERT_TRUE(server_->Start().ok());
  Client client(port());
  auto reply = client.Get("/api/anything");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 204);
  EXPECT_EQ(reply->Header("content-length"), "");
  EXPECT_EQ(reply->Header("content-type"), "");
  auto again = client.Get("/api/anything");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 204);
}

TEST_F(HttpServerTest, InvalidStatusFromAHandlerBecomes500) {
  server_ = std::make_unique<Server>(
      TestOptions(),
      [](api::Request&) {
        api::Response r;
        r.status = 42;
        return r;
      },
      Server::Log{});
  ASSERT_TRUE(server_->Start().ok());
  Client client(port());
  auto reply = client.Get("/api/anything");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 500);
  auto again = client.Get("/api/anything");
  ASSERT_TRUE(again) << "the connection must survive";
}

}  // namespace
}  // namespace peixun::http
