// The live feed (attendance/live_feed.h) in a storm: a subscriber polled as the
// server polls it (every 200 ms) keeps every message of a burst, and on PostgreSQL
// another instance gets every message too, even identical ones sent together
// (PostgreSQL delivers identical payloads of one NOTIFY transaction once, and the
// notifier sends a batch in one statement). bench/scaleout checks the same through
// nginx with an instance killed mid-storm.
#include <chrono>
#include <string>
#include <thread>

#include "modules/attendance/live_feed.h"
#include "test_db.h"

namespace peixun::test {
namespace {

using namespace std::chrono_literals;
using attendance::LiveFeed;

size_t Events(const std::string& text) {
  size_t n = 0;
  for (size_t at = text.find("event: checkin\n"); at != std::string::npos;
       at = text.find("event: checkin\n", at + 1)) {
    ++n;
  }
  return n;
}

class LiveFeedTest : public DbTest {};

TEST_F(LiveFeedTest, ASubscriberKeepsEveryMessageOfABurstBetweenTwoPolls) {
  LiveFeed feed;
  ASSERT_TRUE(feed.Connect(db()).ok());
  auto sub = feed.Subscribe(7);
  // 2,000 check-ins within one 200 ms poll: 10,000 a second.
  for (int i = 0; i < 2000; ++i) {
    feed.Publish(7, "checkin", "{\"person_id\":" + std::to_string(i) + "}");
  }
  std::string got = sub->Poll().value_or("");
  EXPECT_EQ(Events(got), 2000u);
  EXPECT_NE(got.find("{\"person_id\":0}"), std::string::npos);
  EXPECT_NE(got.find("{\"person_id\":1999}"), std::string::npos);
  EXPECT_EQ(sub->Poll().value_or(""), "");
}

TEST_F(LiveFeedTest, AnotherInstanceGetsIdenticalMessagesSentTogetherEachTime) {
  if (CurrentBackend() != "postgres") {
    GTEST_SKIP() << "PostgreSQL only (LISTEN/NOTIFY); SQLite has one process per database";
  }
  // Two feeds on one database, as two instances: the same trainee scanned twice
  // in the same minute gives the same event data twice.
  LiveFeed a, b;
  ASSERT_TRUE(a.Connect(db()).ok());
  ASSERT_TRUE(b.Connect(db()).ok());
  auto on_b = b.Subscribe(7);
  std::this_thread::sleep_for(300ms);  // LISTEN is in place
  const std::string same = "{\"person_id\":1,\"at\":\"08:27\"}";
  for (int i = 0; i < 50; ++i) a.Publish(7, "checkin", same);
  std::string got;
  for (int i = 0; i < 50 && Events(got) < 50; ++i) {
    std::this_thread::sleep_for(100ms);
    got += on_b->Poll().value_or("");
  }
  EXPECT_EQ(Events(got), 50u) << got;
}

}  // namespace
}  // namespace peixun::test
