#include "serve_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "core/actor.h"
#include "core/clock.h"
#include "crypto/data_key.h"
#include "modules/auth/auth_services.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/badges.h"
#include "modules/org/org_service.h"
#include "seed_rows.h"
#include "store/open_store.h"

namespace peixun::test {
namespace {

int ConnectLoopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

int MiniHttp::Post(const std::string& path, const std::string& token, const std::string& body) {
  return Send("POST", path, token, body);
}

int MiniHttp::Send(const std::string& method, const std::string& path, const std::string& token,
                   const std::string& body, const std::string& extra_headers) {
  last_body_.clear();
  last_headers_.clear();
  if (fd_ < 0 && !Connect()) return 0;
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                    token + "\r\nContent-Type: application/json\r\n" + extra_headers +
                    "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  if (!SendAll(req)) return Fail();
  std::string buf;
  size_t header_end;
  while ((header_end = buf.find("\r\n\r\n")) == std::string::npos) {
    if (!ReadMore(buf)) return Fail();
  }
  int status = std::atoi(buf.c_str() + 9);
  size_t length = 0;
  auto cl = buf.find("Content-Length: ");
  if (cl == std::string::npos) cl = buf.find("content-length: ");
  if (cl != std::string::npos && cl < header_end)
    length = std::strtoul(buf.c_str() + cl + 16, nullptr, 10);
  while (buf.size() < header_end + 4 + length) {
    if (!ReadMore(buf)) return Fail();
  }
  last_headers_ = buf.substr(0, header_end);
  last_body_ = buf.substr(header_end + 4, length);
  return status;
}

int MiniHttp::Get(const std::string& path) {
  if (fd_ < 0 && !Connect()) return 0;
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (!SendAll(req)) return Fail();
  std::string buf;
  while (buf.find("\r\n") == std::string::npos) {
    if (!ReadMore(buf)) return Fail();
  }
  Close();
  return std::atoi(buf.c_str() + 9);
}

bool MiniHttp::Connect() {
  fd_ = ConnectLoopback(port_);
  return fd_ >= 0;
}

bool MiniHttp::SendAll(const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::send(fd_, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

bool MiniHttp::ReadMore(std::string& buf) {
  char tmp[4096];
  ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
  if (n <= 0) return false;
  buf.append(tmp, static_cast<size_t>(n));
  return true;
}

int MiniHttp::Fail() {
  Close();
  return 0;
}

void MiniHttp::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

SseReader::~SseReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool SseReader::Open(int port, const std::string& path, const std::string& token) {
  fd_ = ConnectLoopback(port);
  if (fd_ < 0) return false;
  timeval tv{0, 100'000};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                          token + "\r\nAccept: text/event-stream\r\n\r\n";
  return ::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size());
}

bool SseReader::ReadUntil(const std::string& needle, std::chrono::milliseconds limit, size_t from) {
  const auto end = std::chrono::steady_clock::now() + limit;
  auto found = [&] { return stream_.find(needle, from) != std::string::npos; };
  while (!found() && std::chrono::steady_clock::now() < end) {
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) stream_.append(buf, static_cast<size_t>(n));
    if (n == 0) break;
  }
  return found();
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// With PEIXUN_TEST_LOG_DIR set, the server writes into a file there and `log`
// becomes a link to it, so the log outlives the test's temporary folder
// (tests/tools/check_log_leaks.py greps them all).
void KeepLog(const std::string& log) {
  const char* dir = std::getenv("PEIXUN_TEST_LOG_DIR");
  if (!dir || !*dir) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (std::filesystem::exists(log, ec) || std::filesystem::is_symlink(log, ec)) return;
  static std::atomic<int> counter{0};
  const auto kept = std::filesystem::path(dir) / ("serve-" + std::to_string(::getpid()) + "-" +
                                                  std::to_string(++counter) + ".log");
  std::filesystem::create_symlink(kept, log, ec);
}

pid_t StartServer(const std::string& url, int port, const std::string& log) {
  return StartServer(url, port, log, {});
}

pid_t StartServer(const std::string& url, int port, const std::string& log,
                  const std::vector<std::string>& extra_args) {
  KeepLog(log);
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  std::vector<std::string> args = {PEIXUN_BINARY, "serve", "--db", url, "--listen", listen};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* out = std::freopen(log.c_str(), "a", stdout);
    FILE* err = std::freopen(log.c_str(), "a", stderr);
    (void)out;
    (void)err;
    ::execv(PEIXUN_BINARY, argv.data());
    std::_Exit(127);
  }
  return pid;
}

bool WaitUp(int port) {
  for (int i = 0; i < 300; ++i) {
    if (MiniHttp(port).Get("/healthz") == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void StopServer(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
}

void PrepareServeDb(const std::string& url, const std::string& log, int trainees, ServeDb* out) {
  ASSERT_EQ(
      std::system(
          (std::string(PEIXUN_BINARY) + " init --db '" + url + "' >> " + log + " 2>&1").c_str()),
      0)
      << "peixun init failed; see " << log;
  std::string secret;
  auto store = store::OpenStore(url);
  ASSERT_TRUE(store.ok());
  auth::AuthServices auth(**store);
  auto admin = auth.users.Create({"crash_admin", "演练管理员", Role::kAdmin, {}, {}});
  ASSERT_TRUE(admin.ok());
  auto token = auth.tokens.Create(admin->user.id, "crash");
  ASSERT_TRUE(token.ok());
  out->api_token = token->raw;
  // `peixun init` made the key file beside the database; the server seals and
  // unseals the check-in secret with it.
  auto sealing_key = crypto::DataKey::Load(crypto::DefaultKeyPath(url));
  ASSERT_TRUE(sealing_key.ok()) << sealing_key.error().message_en;
  classes::ClassService classes(**store, *sealing_key);
  classes::ClassInput in;
  in.name = "断电演练班";
  in.organizer_name = "中共×区委组织部";
  in.host_venue = "×大学干部培训中心";
  in.start_date = "2020-06-02";
  in.end_date = "2020-06-05";
  in.capacity = trainees;
  auto klass = classes.Create(in);
  ASSERT_TRUE(klass.ok());
  const int64_t class_id = klass->id;
  out->class_id = class_id;
  const int64_t now = NowMillis();
  Status st = (*store)->Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(secret,
                            classes::ClassService::CheckinSecretIn(tx, *sealing_key, class_id));
    PEIXUN_ASSIGN_OR_RETURN(
        out->session_id, AddLectureIn(tx, class_id, "演练", now - 600'000, now + 7'200'000, now));
    org::UnitInput community;
    community.name = "演练社区";
    community.kind = org::UnitKind::kCommunity;
    PEIXUN_ASSIGN_OR_RETURN(org::Unit unit,
                            org::OrgService::CreateIn(tx, community, Actor::System()));
    std::vector<std::string> names;
    for (int i = 0; i < trainees; ++i) names.push_back("演练" + std::to_string(i));
    // No ID numbers: the key encrypts nothing here.
    const crypto::DataKey key = crypto::DataKey::FromSeed("serve-fixture");
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids, AddPeopleIn(tx, key, unit.id, names, "女"));
    PEIXUN_RETURN_IF_ERROR(AddApprovedEnrollmentsIn(tx, class_id, unit.id, ids));
    for (int64_t id : ids) out->badges.push_back(enrollment::BadgeTokenOf(class_id, id, secret));
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().message;
}

}  // namespace peixun::test
