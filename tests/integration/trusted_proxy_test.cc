// `peixun serve --trusted-proxy` (core/forwarded.h) against the real server on
// loopback, on the suite's database: the server trusts 127.0.0.1 only, and the
// test speaks to it both from 127.0.0.1 (the proxy) and from 127.0.0.2 (a client
// reaching the server directly; Linux routes all of 127/8 to loopback). Only the
// proxy's X-Forwarded-For / X-Forwarded-Proto count: the login log records the
// forwarded address, the session cookie gets Secure for https, and failed logins
// are counted against the forwarded address; a direct client's forged headers
// change nothing.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "modules/auth/auth_services.h"
#include "serve_fixture.h"
#include "store/open_store.h"
#include "test_db.h"

namespace peixun::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kProxy[] = "127.0.0.1";
constexpr char kDirect[] = "127.0.0.2";

struct Reply {
  int status = 0;
  std::string head;  // status line and header lines
  std::string body;
  std::vector<std::string> SetCookies() const {
    std::vector<std::string> out;
    size_t at = 0;
    while ((at = head.find("\r\nSet-Cookie: ", at)) != std::string::npos) {
      at += 14;
      out.push_back(head.substr(at, head.find("\r\n", at) - at));
    }
    return out;
  }
  std::string SessionCookie() const {
    for (const std::string& c : SetCookies()) {
      if (c.rfind("peixun_session=", 0) == 0) return c;
    }
    return "";
  }
};

// One request over a new connection from `source` (Connection: close).
Reply Exchange(const char* source, int port, const std::string& method, const std::string& path,
               const std::string& headers, const std::string& body) {
  Reply reply;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return reply;
  }
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        "Connection: close\r\nAccept-Language: en\r\n" + headers;
  if (!body.empty()) {
    request +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n" + body;
  for (size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string all;
  char buf[8192];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 30000) <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    all.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  const size_t end = all.find("\r\n\r\n");
  if (all.size() < 12 || end == std::string::npos) return reply;
  reply.status = std::stoi(all.substr(9, 3));
  reply.head = all.substr(0, end + 2);
  reply.body = all.substr(end + 4);
  return reply;
}

std::string LoginBody(const std::string& username, const std::string& password) {
  return json{{"username", username}, {"password", password}}.dump();
}

class TrustedProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 127.0.0.2 must be usable as a source address (it is on Linux).
    char dir_template[] = "/tmp/peixun-proxy-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    if (CurrentBackend() == "postgres") {
      fresh_pg_ = OpenFreshTestStore();
      url_ = fresh_pg_->DisplayUrl();  // the test cluster trusts local connections
    } else {
      url_ = "sqlite:" + (dir_ / "proxy.db").string();
    }
    log_ = (dir_ / "serve.log").string();
    PrepareServeDb(url_, log_, 1, &db_);
    if (HasFatalFailure()) return;
    {
      auto store = store::OpenStore(url_);
      ASSERT_TRUE(store.ok());
      auth::AuthServices auth(**store);
      for (const char* name : {"proxied", "direct"}) {
        auto user = auth.users.Create({name, "讲师", Role::kLecturer, {}, {}});
        ASSERT_TRUE(user.ok());
        passwords_.push_back(user->password);
      }
    }
    port_ = FreePort();
    pid_ =
        StartServer(url_, port_, log_, {"--trusted-proxy", kProxy, "--second-factor", "optional"});
    ASSERT_GT(pid_, 0);
    ASSERT_TRUE(WaitUp(port_)) << "see " << log_;
  }
  void TearDown() override {
    StopServer(pid_);
    fresh_pg_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // The newest login log entry of `username`, read through the API as an admin.
  json LastLogin(const std::string& username) {
    Reply r = Exchange(kProxy, port_, "GET", "/api/v1/auth/login-log?username=" + username,
                       "Authorization: Bearer " + db_.api_token + "\r\n", "");
    EXPECT_EQ(r.status, 200) << r.body;
    json j = json::parse(r.body, nullptr, false);
    if (!j.is_object() || j["items"].empty()) return json::object();
    return j["items"][0];
  }

  fs::path dir_;
  std::string url_, log_;
  std::unique_ptr<store::Store> fresh_pg_;
  ServeDb db_;
  std::vector<std::string> passwords_;
  int port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(TrustedProxyTest, TheProxysForwardedAddressAndHttpsCountAndADirectClientsDoNot) {
  // Through the proxy: the client is the forwarded address, the scheme https.
  Reply via_proxy = Exchange(kProxy, port_, "POST", "/api/v1/auth/login",
                             "X-Forwarded-For: 1.1.1.1, 198.51.100.7\r\n"
                             "X-Forwarded-Proto: https\r\n",
                             LoginBody("proxied", passwords_[0]));
  ASSERT_EQ(via_proxy.status, 200) << via_proxy.body;
  EXPECT_NE(via_proxy.SessionCookie().find("; Secure"), std::string::npos)
      << via_proxy.SessionCookie();
  json entry = LastLogin("proxied");
  EXPECT_EQ(entry.value("remote_address", ""), "198.51.100.7") << entry.dump();
  EXPECT_EQ(entry.value("result", ""), "success");

  // The proxy over plain http: no Secure.
  Reply plain = Exchange(kProxy, port_, "POST", "/api/v1/auth/login",
                         "X-Forwarded-For: 198.51.100.8\r\nX-Forwarded-Proto: http\r\n",
                         LoginBody("proxied", passwords_[0]));
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_FALSE(plain.SessionCookie().empty());
  EXPECT_EQ(plain.SessionCookie().find("Secure"), std::string::npos) << plain.SessionCookie();
  EXPECT_EQ(LastLogin("proxied").value("remote_address", ""), "198.51.100.8");

  // Straight from 127.0.0.2 with forged headers: the peer, and no Secure.
  Reply forged = Exchange(kDirect, port_, "POST", "/api/v1/auth/login",
                          "X-Forwarded-For: 198.51.100.7\r\nX-Forwarded-Proto: https\r\n",
                          LoginBody("direct", passwords_[1]));
  ASSERT_EQ(forged.status, 200) << forged.body;
  EXPECT_FALSE(forged.SessionCookie().empty());
  EXPECT_EQ(forged.SessionCookie().find("Secure"), std::string::npos) << forged.SessionCookie();
  entry = LastLogin("direct");
  EXPECT_EQ(entry.value("remote_address", ""), kDirect) << entry.dump();

  // The session lists the forwarded address too.
  const std::string cookie =
      via_proxy.SessionCookie().substr(0, via_proxy.SessionCookie().find(';'));
  Reply sessions = Exchange(kProxy, port_, "GET", "/api/v1/auth/sessions",
                            "Cookie: " + cookie + "\r\nX-Forwarded-For: 203.0.113.1\r\n", "");
  ASSERT_EQ(sessions.status, 200) << sessions.body;
  EXPECT_NE(sessions.body.find("\"198.51.100.7\""), std::string::npos) << sessions.body;
}

TEST_F(TrustedProxyTest, FailedLoginsAreCountedPerForwardedAddress) {
  // 51 failures (each for another unknown account, so no account slows down)
  // from one forwarded address: the 51st is one past the 50 free ones, so that
  // address must now wait (1 s: the next request comes at once).
  const std::string noisy = "X-Forwarded-For: 198.51.100.50\r\n";
  for (int i = 0; i < 51; ++i) {
    Reply r = Exchange(kProxy, port_, "POST", "/api/v1/auth/login", noisy,
                       LoginBody("nobody" + std::to_string(i), "wrong-password"));
    ASSERT_EQ(r.status, 401) << i << ": " << r.body;
  }
  Reply refused = Exchange(kProxy, port_, "POST", "/api/v1/auth/login", noisy,
                           LoginBody("someone", "wrong-password"));
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_NE(refused.body.find("network address"), std::string::npos) << refused.body;
  EXPECT_NE(refused.head.find("Retry-After: "), std::string::npos) << refused.head;

  // Another forwarded address behind the same proxy is not held back ...
  Reply other = Exchange(kProxy, port_, "POST", "/api/v1/auth/login",
                         "X-Forwarded-For: 198.51.100.51\r\n", LoginBody("someone", "wrong"));
  EXPECT_EQ(other.status, 401) << other.body;
  // ... and a direct client forging the noisy address is counted as itself.
  Reply forged = Exchange(kDirect, port_, "POST", "/api/v1/auth/login", noisy,
                          LoginBody("someone-else", "wrong"));
  EXPECT_EQ(forged.status, 401) << forged.body;
  // The counts in the database name the forwarded addresses and the direct peer,
  // never the proxy.
  StopServer(pid_);
  pid_ = -1;
  auto store = store::OpenStore(url_);
  ASSERT_TRUE(store.ok());
  auto rows = store::ReadValue<store::Rows>(**store, [](store::Tx& tx) {
    return tx.Query(
        "SELECT subject, failures FROM login_throttle WHERE scope = 'address' ORDER BY subject");
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message_en;
  std::vector<std::pair<std::string, int64_t>> counts;
  for (const store::Row& r : *rows) counts.emplace_back(r.Str(0), r.Int(1));
  EXPECT_EQ(counts, (std::vector<std::pair<std::string, int64_t>>{
                        {kDirect, 1}, {"198.51.100.50", 51}, {"198.51.100.51", 1}}));
}

}  // namespace
}  // namespace peixun::test
