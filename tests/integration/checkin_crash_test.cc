// Durability of check-ins under kill -9: the real `peixun serve` on the suite's
// database (a SQLite file, or a fresh PostgreSQL database on the PostgreSQL run)
// takes a burst of kiosk check-ins over HTTP and is killed with SIGKILL mid-burst,
// several times. Every check-in that was answered 200 must be in the database
// afterwards (the group-commit writer answers only after its commit; SQLite runs
// with synchronous=FULL, PostgreSQL with synchronous_commit on), and the
// database's integrity check must pass.
//
// Lives with the integration tests (not tests/cli) because it prepares the
// database through the services (class, session, trainees, an admin API token).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "modules/auth/auth_services.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/badges.h"
#include "serve_fixture.h"
#include "store/open_store.h"
#include "test_db.h"

namespace peixun::test {
namespace {

// A fresh SQLite database in a temporary directory, prepared by PrepareServeDb
// (serve_fixture.h): a class, a session running now, trainees, an admin's token.
struct Prepared : ServeDb {
  std::filesystem::path dir;
  std::string url;
  std::string log;
  std::unique_ptr<store::Store> fresh_pg;  // PostgreSQL: the database, dropped with it
};

void Prepare(Prepared* out, int trainees) {
  char dir_template[] = "/tmp/peixun-crash-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  out->dir = dir_template;
  if (CurrentBackend() == "postgres") {
    out->fresh_pg = OpenFreshTestStore();
    // The test cluster trusts local connections: the URL has no password to redact.
    out->url = out->fresh_pg->DisplayUrl();
  } else {
    out->url = "sqlite:" + (out->dir / "crash.db").string();
  }
  out->log = (out->dir / "serve.log").string();
  PrepareServeDb(out->url, out->log, trainees, out);
}

TEST(CheckinCrashTest, EveryAnsweredCheckinSurvivesKillDashNine) {
  namespace fs = std::filesystem;
  Prepared p;
  Prepare(&p, 200);
  if (HasFatalFailure()) return;
  const std::string& url = p.url;
  const std::string& log = p.log;
  const std::string& api_token = p.api_token;
  const int64_t session_id = p.session_id;
  const auto& badges = p.badges;
  const fs::path dir = p.dir;
  constexpr int kRounds = 3;
  constexpr int kThreads = 8;
  std::mutex acked_mu;
  std::vector<std::string> acked;
  int64_t attempts = 0;
  for (int round = 0; round < kRounds; ++round) {
    const int port = FreePort();
    pid_t pid = StartServer(url, port, log);
    ASSERT_GT(pid, 0);
    bool up = false;
    for (int i = 0; i < 300 && !up; ++i) {
      up = MiniHttp(port).Get("/healthz") == 200;
      if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(up) << "peixun serve did not come up; see " << log;
    std::atomic<bool> stop{false};
    std::atomic<int64_t> sent{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        MiniHttp http(port);
        for (int i = 0; !stop.load(); ++i) {
          const std::string key =
              "crash-" + std::to_string(round) + "-" + std::to_string(t) + "-" + std::to_string(i);
          nlohmann::json body = {{"session_id", session_id},
                                 {"badge_token", badges[(t * 37 + i) % badges.size()]},
                                 {"idempotency_key", key}};
          ++sent;
          const int status = http.Post("/api/v1/kiosk/scan", api_token, body.dump());
          if (status == 200) {
            std::lock_guard<std::mutex> lock(acked_mu);
            acked.push_back(key);
          } else if (status == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(800 + 300 * round));
    ::kill(pid, SIGKILL);
    int wstatus = 0;
    ::waitpid(pid, &wstatus, 0);
    stop = true;
    for (auto& th : threads) th.join();
    attempts += sent.load();
  }
  ASSERT_GT(acked.size(), 0u) << "no check-in was answered; see " << log;

  auto store = store::OpenStore(url);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE((*store)->CheckIntegrity().ok());
  size_t missing = 0;
  Status st = (*store)->Read([&](store::Tx& tx) -> Status {
    for (const auto& key : acked) {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows r,
          // Stored scoped to its caller, session and direction (checkin_service.h).
          tx.Query("SELECT COUNT(*) FROM attendance_events WHERE idempotency_key LIKE ?",
                   {store::Text("%:in:" + key)}));
      if (r[0].Int(0) != 1) ++missing;
    }
    return Ok();
  });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(missing, 0u) << "of " << acked.size() << " answered check-ins";
  std::cout << "[ crash    ] " << kRounds << " kill -9 rounds, " << attempts << " requests, "
            << acked.size() << " answered 200, all durable\n";
  store->reset();
  fs::remove_all(dir);
}

// The projector's live stream over the real server: a check-in shows up as an
// `event: checkin` message with the new counts within a second.
TEST(CheckinLiveTest, ACheckinIsPushedToTheProjectorWithinASecond) {
  Prepared p;
  Prepare(&p, 5);
  if (HasFatalFailure()) return;
  const int port = FreePort();
  pid_t pid = StartServer(p.url, port, p.log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitUp(port)) << "see " << p.log;

  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  timeval tv{0, 200'000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const std::string req = "GET /api/v1/sessions/" + std::to_string(p.session_id) +
                          "/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                          p.api_token + "\r\n\r\n";
  ASSERT_EQ(::send(fd, req.data(), req.size(), MSG_NOSIGNAL), static_cast<ssize_t>(req.size()));
  std::string stream;
  auto read_until = [&](const std::string& needle, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (stream.find(needle) == std::string::npos && std::chrono::steady_clock::now() < end) {
      char buf[4096];
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) stream.append(buf, static_cast<size_t>(n));
      if (n == 0) break;
    }
    return stream.find(needle) != std::string::npos;
  };
  ASSERT_TRUE(read_until("event: counts", std::chrono::seconds(5))) << stream;
  EXPECT_NE(stream.find("text/event-stream"), std::string::npos);
  EXPECT_NE(stream.find("已签到 0 / 5"), std::string::npos) << stream;

  const auto sent = std::chrono::steady_clock::now();
  nlohmann::json body = {{"session_id", p.session_id},
                         {"badge_token", p.badges[0]},
                         {"idempotency_key", "live-test-0001"}};
  ASSERT_EQ(MiniHttp(port).Post("/api/v1/kiosk/scan", p.api_token, body.dump()), 200);
  ASSERT_TRUE(read_until("event: checkin", std::chrono::seconds(1))) << stream;
  EXPECT_LT(std::chrono::steady_clock::now() - sent, std::chrono::seconds(1));
  EXPECT_TRUE(read_until("已签到 1 / 5", std::chrono::milliseconds(500))) << stream;
  ::close(fd);

  ::kill(pid, SIGTERM);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  std::filesystem::remove_all(p.dir);
}

}  // namespace
}  // namespace peixun::test
