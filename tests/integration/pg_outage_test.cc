// PostgreSQL going away mid-burst under the real `peixun serve`: the test stops
// the cluster (pg_ctl stop -m fast) while four kiosks send check-ins, keeps it
// down a few seconds, starts it again, and expects
//  - 503 (store.unavailable or store.connect's public form) while it is down, never
//    a 500 or any other status;
//  - check-ins answered 200 again after the restart, without restarting peixun;
//  - every check-in answered 200 in the database exactly once, amcheck and the
//    audit chain sound.
// It needs a cluster of its own: scripts/pg-outage-drill.sh (CTest pg_outage)
// makes one and runs this test with PEIXUN_OUTAGE_SCRIPT/_DIR/_PORT set; in the
// ordinary integration runs it is skipped.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "modules/audit/integrity_check.h"
#include "serve_fixture.h"
#include "store/open_store.h"
#include "test_db.h"

namespace peixun::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

TEST(PgOutageTest, CheckinsAnswer503WhileThePostgresServerIsDownAndRecoverWithoutRestart) {
  const std::string script = Env("PEIXUN_OUTAGE_SCRIPT");
  if (CurrentBackend() != "postgres" || script.empty()) {
    GTEST_SKIP() << "needs a cluster of its own: run by scripts/pg-outage-drill.sh (CTest "
                    "pg_outage)";
  }
  const std::string cluster = "'" + script + "' %s '" + Env("PEIXUN_OUTAGE_DIR") + "' " +
                              Env("PEIXUN_OUTAGE_PORT") + " >/dev/null";
  auto control = [&](const char* verb) {
    std::string cmd = cluster;
    cmd.replace(cmd.find("%s"), 2, verb);
    return std::system(cmd.c_str());
  };

  char dir_template[] = "/tmp/peixun-outage-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const fs::path dir = dir_template;
  auto fresh = OpenFreshTestStore();
  const std::string url = fresh->DisplayUrl();  // trusted local connection: no password
  const std::string log = (dir / "serve.log").string();
  ServeDb db;
  PrepareServeDb(url, log, 60, &db);
  if (HasFatalFailure()) return;
  const int port = FreePort();
  pid_t pid = StartServer(url, port, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitUp(port)) << "see " << log;

  enum Phase { kBefore, kDown, kRestarted };
  std::atomic<int> phase{kBefore};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acked;
  int ok_by_phase[3] = {0, 0, 0};
  int unavailable_by_phase[3] = {0, 0, 0};
  int others = 0;
  std::string other_example, unavailable_example;
  std::vector<std::thread> kiosks;
  for (int t = 0; t < 4; ++t) {
    kiosks.emplace_back([&, t] {
      MiniHttp http(port);
      for (int i = 0; !stop.load(); ++i) {
        const int p = phase.load();
        const std::string key = "outage-" + std::to_string(t) + "-" + std::to_string(i);
        nlohmann::json body = {{"session_id", db.session_id},
                               {"badge_token", db.badges[(t * 13 + i) % db.badges.size()]},
                               {"idempotency_key", key}};
        const int status = http.Post("/api/v1/kiosk/scan", db.api_token, body.dump());
        std::lock_guard<std::mutex> lock(mu);
        if (status == 200) {
          acked.push_back(key);
          ++ok_by_phase[p];
        } else if (status == 503) {
          ++unavailable_by_phase[p];
          if (unavailable_example.empty()) unavailable_example = http.last_body();
        } else if (status != 0) {
          ++others;
          if (other_example.empty()) {
            other_example = std::to_string(status) + " " + http.last_body();
          }
        }
        if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  phase = kDown;
  ASSERT_EQ(control("stop"), 0) << "could not stop the cluster";
  std::this_thread::sleep_for(std::chrono::seconds(3));
  ASSERT_EQ(control("start"), 0) << "could not start the cluster again";
  phase = kRestarted;
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (ok_by_phase[kRestarted] >= 20 || Clock::now() > deadline) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  for (auto& k : kiosks) k.join();
  StopServer(pid);

  EXPECT_GT(ok_by_phase[kBefore], 0) << "see " << log;
  EXPECT_GT(unavailable_by_phase[kDown], 0) << "no 503 while the server was down; see " << log;
  EXPECT_EQ(others, 0) << "first: " << other_example;
  EXPECT_GE(ok_by_phase[kRestarted], 20) << "check-ins did not recover; see " << log;
  if (!unavailable_example.empty()) {
    const auto error = nlohmann::json::parse(unavailable_example)["error"];
    EXPECT_EQ(error["code"], "store.unavailable") << unavailable_example;
    EXPECT_NE(error["message"].get<std::string>().find("暂时无法连接数据库"), std::string::npos)
        << unavailable_example;
  }

  auto store = store::OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.error().message_en;
  size_t wrong = 0;
  Status st = (*store)->Read([&](store::Tx& tx) -> Status {
    for (const std::string& key : acked) {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows r,
          tx.Query("SELECT COUNT(*) FROM attendance_events WHERE idempotency_key LIKE ?",
                   {store::Text("%:in:" + key)}));
      if (r[0].Int(0) != 1) ++wrong;
    }
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  EXPECT_EQ(wrong, 0u) << "of " << acked.size() << " acknowledged check-ins";
  auto verdict = audit::CheckIntegrity(**store);
  ASSERT_TRUE(verdict.ok()) << verdict.error().message_en;
  EXPECT_TRUE(verdict->ok) << verdict->message_en;
  std::cout << "[ outage   ] before " << ok_by_phase[kBefore] << " ok; down "
            << unavailable_by_phase[kDown] << " x 503, " << ok_by_phase[kDown] << " ok; restarted "
            << ok_by_phase[kRestarted] << " ok, " << unavailable_by_phase[kRestarted] << " x 503; "
            << acked.size() << " acknowledged, all there once\n";
  store->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peixun::test
