// Live updates across instances (DESIGN.md "Storage"; attendance live_feed.h): two
// real `peixun serve` processes on the same PostgreSQL database. A projector's
// event stream on one instance receives, within a second, the check-in made on the
// other (LISTEN/NOTIFY), and each stream gets each check-in exactly once.
//
// PostgreSQL only: on SQLite one process owns the database file (store/notify.h),
// so the SQLite pass skips it; scripts/test.sh runs the PostgreSQL pass.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "serve_fixture.h"
#include "test_db.h"

namespace peixun::test {
namespace {

using namespace std::chrono_literals;

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

class Instance {
 public:
  Instance(const std::string& url, const std::string& log)
      : port_(FreePort()), pid_(StartServer(url, port_, log)) {}
  ~Instance() { StopServer(pid_); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  int port_;
  pid_t pid_;
};

TEST(LiveInstancesTest, ACheckinOnOneInstanceIsPushedByTheOtherWithinASecond) {
  if (CurrentBackend() != "postgres") {
    GTEST_SKIP() << "PostgreSQL only (LISTEN/NOTIFY); SQLite has one process per database";
  }
  namespace fs = std::filesystem;
  std::unique_ptr<store::Store> fresh = OpenFreshTestStore();  // dropped at the end
  // The test cluster trusts local connections: the URL has no password to redact.
  const std::string url = fresh->DisplayUrl();
  char dir_template[] = "/tmp/peixun-live-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const fs::path dir = dir_template;
  const std::string log = (dir / "serve.log").string();
  ServeDb db;
  PrepareServeDb(url, log, 3, &db);
  if (HasFatalFailure()) return;
  {
    Instance a(url, log);
    Instance b(url, log);
    ASSERT_GT(a.pid(), 0);
    ASSERT_GT(b.pid(), 0);
    ASSERT_TRUE(WaitUp(a.port())) << "see " << log;
    ASSERT_TRUE(WaitUp(b.port())) << "see " << log;

    const std::string live = "/api/v1/sessions/" + std::to_string(db.session_id) + "/live";
    SseReader on_a;
    SseReader on_b;
    ASSERT_TRUE(on_a.Open(a.port(), live, db.api_token));
    ASSERT_TRUE(on_b.Open(b.port(), live, db.api_token));
    ASSERT_TRUE(on_a.ReadUntil("event: counts", 5s)) << on_a.stream();
    ASSERT_TRUE(on_b.ReadUntil("event: counts", 5s)) << on_b.stream();
    EXPECT_NE(on_b.stream().find("已签到 0 / 3"), std::string::npos) << on_b.stream();

    // A check-in at instance A reaches the projector on instance B.
    size_t mark_a = on_a.stream().size();
    size_t mark_b = on_b.stream().size();
    auto sent = std::chrono::steady_clock::now();
    nlohmann::json body = {{"session_id", db.session_id},
                           {"badge_token", db.badges[0]},
                           {"idempotency_key", "live-two-instances-1"}};
    MiniHttp http_a(a.port());
    ASSERT_EQ(http_a.Post("/api/v1/kiosk/scan", db.api_token, body.dump()), 200)
        << http_a.last_body();
    ASSERT_TRUE(on_b.ReadUntil("event: checkin", 1s, mark_b)) << on_b.stream();
    EXPECT_LT(std::chrono::steady_clock::now() - sent, 1s);
    EXPECT_TRUE(on_b.ReadUntil("已签到 1 / 3", 500ms, mark_b)) << on_b.stream();
    EXPECT_TRUE(on_b.ReadUntil("演练0", 500ms, mark_b)) << on_b.stream();
    ASSERT_TRUE(on_a.ReadUntil("event: checkin", 1s, mark_a)) << on_a.stream();

    // And the other way round; nobody sees a check-in twice (A skips its own
    // notification, B's came only by notification).
    sent = std::chrono::steady_clock::now();
    body["badge_token"] = db.badges[1];
    body["idempotency_key"] = "live-two-instances-2";
    MiniHttp http_b(b.port());
    ASSERT_EQ(http_b.Post("/api/v1/kiosk/scan", db.api_token, body.dump()), 200)
        << http_b.last_body();
    ASSERT_TRUE(on_a.ReadUntil("演练1", 1s, mark_a)) << on_a.stream();
    EXPECT_LT(std::chrono::steady_clock::now() - sent, 1s);
    ASSERT_TRUE(on_b.ReadUntil("演练1", 1s, mark_b)) << on_b.stream();
    // B counted A's check-in from its notification: the counts agree at once.
    EXPECT_TRUE(on_a.ReadUntil("已签到 2 / 3", 500ms, mark_a)) << on_a.stream();
    EXPECT_TRUE(on_b.ReadUntil("已签到 2 / 3", 500ms, mark_b)) << on_b.stream();
    std::this_thread::sleep_for(300ms);
    (void)on_a.ReadUntil("never", 200ms);
    (void)on_b.ReadUntil("never", 200ms);
    EXPECT_EQ(Count(on_a.stream().substr(mark_a), "event: checkin"), 2u) << on_a.stream();
    EXPECT_EQ(Count(on_b.stream().substr(mark_b), "event: checkin"), 2u) << on_b.stream();
  }
  fresh.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace peixun::test
