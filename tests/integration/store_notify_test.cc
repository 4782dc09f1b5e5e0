// Store::Notify / Store::Listen (store/notify.h) on SQLite and PostgreSQL: delivery
// to the listeners of a channel, the end of a subscription, the limits; on
// PostgreSQL across two stores (as two peixun instances) and after the LISTEN
// connection was killed (reconnect and LISTEN again).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/open_store.h"
#include "test_db.h"

namespace peixun::test {
namespace {

using namespace std::chrono_literals;

// Collects the payloads a listener receives, from any thread.
class Inbox {
 public:
  store::NotifyCallback Callback() {
    return [this](const std::string& payload) {
      std::lock_guard lock(mu_);
      got_.push_back(payload);
      cv_.notify_all();
    };
  }
  // Waits until `n` payloads arrived or `limit` passed; returns what arrived.
  std::vector<std::string> WaitFor(size_t n, std::chrono::milliseconds limit = 5s) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, limit, [&] { return got_.size() >= n; });
    return got_;
  }
  std::vector<std::string> Now() {
    std::lock_guard lock(mu_);
    return got_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> got_;
};

using Payloads = std::vector<std::string>;

class StoreNotifyTest : public DbTest {
 protected:
  std::unique_ptr<store::Subscription> Listen(const std::string& channel, Inbox& inbox) {
    auto sub = db().Listen(channel, inbox.Callback());
    EXPECT_TRUE(sub.ok()) << (sub.ok() ? "" : sub.error().message_en);
    return sub.ok() ? std::move(sub).value() : nullptr;
  }
};

TEST_F(StoreNotifyTest, DeliversToTheListenersOfTheChannel) {
  Inbox a, b, other;
  auto sa = Listen("peixun_test_a", a);
  auto sb = Listen("peixun_test_a", b);
  auto so = Listen("peixun_test_other", other);
  ASSERT_TRUE(db().Notify("peixun_test_a", "签到 1").ok());
  ASSERT_TRUE(db().Notify("peixun_test_a", R"({"session_id":7})").ok());
  ASSERT_TRUE(db().Notify("peixun_test_a", "").ok());
  EXPECT_EQ(a.WaitFor(3), (Payloads{"签到 1", R"({"session_id":7})", ""}));
  EXPECT_EQ(b.WaitFor(3), (Payloads{"签到 1", R"({"session_id":7})", ""}));
  std::this_thread::sleep_for(100ms);
  EXPECT_TRUE(other.Now().empty());
}

TEST_F(StoreNotifyTest, NothingArrivesAfterTheSubscriptionIsDropped) {
  Inbox kept, dropped;
  auto keep = Listen("peixun_test_drop", kept);
  auto drop = Listen("peixun_test_drop", dropped);
  ASSERT_TRUE(db().Notify("peixun_test_drop", "one").ok());
  ASSERT_EQ(dropped.WaitFor(1), Payloads{"one"});
  drop.reset();
  ASSERT_TRUE(db().Notify("peixun_test_drop", "two").ok());
  EXPECT_EQ(kept.WaitFor(2), (Payloads{"one", "two"}));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(dropped.Now(), Payloads{"one"});
}

TEST_F(StoreNotifyTest, ACallbackMayDropItsOwnSubscription) {
  std::unique_ptr<store::Subscription> sub;
  std::mutex mu;
  std::condition_variable cv;
  int calls = 0;
  auto listening = db().Listen("peixun_test_self", [&](const std::string&) {
    std::lock_guard lock(mu);
    ++calls;
    sub.reset();
    cv.notify_all();
  });
  ASSERT_TRUE(listening.ok());
  {
    std::lock_guard lock(mu);
    sub = std::move(listening).value();
  }
  ASSERT_TRUE(db().Notify("peixun_test_self", "x").ok());
  ASSERT_TRUE(db().Notify("peixun_test_self", "y").ok());
  std::unique_lock lock(mu);
  cv.wait_for(lock, 5s, [&] { return calls > 0; });
  lock.unlock();
  std::this_thread::sleep_for(200ms);
  lock.lock();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(sub, nullptr);
}

TEST_F(StoreNotifyTest, ChannelAndPayloadLimits) {
  Inbox inbox;
  auto bad = db().Listen("Bad Channel", inbox.Callback());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "store.notify.channel");
  EXPECT_EQ(db().Notify("", "x").error().code, "store.notify.channel");
  EXPECT_EQ(db().Notify(std::string(64, 'a'), "x").error().code, "store.notify.channel");
  EXPECT_EQ(db().Notify("peixun_test'; --", "x").error().code, "store.notify.channel");
  auto sub = Listen("peixun_test_size", inbox);
  const std::string largest(store::kMaxNotifyPayload, 'x');
  ASSERT_TRUE(db().Notify("peixun_test_size", largest).ok());
  EXPECT_EQ(db().Notify("peixun_test_size", largest + "x").error().code, "store.notify.payload");
  EXPECT_EQ(db().Notify("peixun_test_size", std::string("a\0b", 3)).error().code,
            "store.notify.payload");
  EXPECT_EQ(inbox.WaitFor(1), Payloads{largest});
}

// A second Store on the same database, as a second `peixun serve` would open (the
// test cluster trusts local connections: DisplayUrl has no password to redact).
std::unique_ptr<store::Store> SecondStore(store::Store& first) {
  auto opened = store::OpenStore(first.DisplayUrl());
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message_en);
  return opened.ok() ? std::move(opened).value() : nullptr;
}

TEST_F(StoreNotifyTest, AcrossProcessesOnPostgresInProcessOnlyOnSqlite) {
  auto second = SecondStore(db());
  ASSERT_NE(second, nullptr);
  Inbox here, there;
  auto sub_here = Listen("peixun_test_cross", here);
  auto sub_there = second->Listen("peixun_test_cross", there.Callback());
  ASSERT_TRUE(sub_there.ok());
  ASSERT_TRUE(second->Notify("peixun_test_cross", "from the second").ok());
  EXPECT_EQ(there.WaitFor(1), Payloads{"from the second"});  // the sender's own listeners too
  if (CurrentBackend() == "postgres") {
    const auto sent = std::chrono::steady_clock::now();
    EXPECT_EQ(here.WaitFor(1), Payloads{"from the second"});
    EXPECT_LT(std::chrono::steady_clock::now() - sent, 1s);
  } else {
    // SQLite: one process owns the file; notifications do not leave the Store.
    std::this_thread::sleep_for(200ms);
    EXPECT_TRUE(here.Now().empty());
  }
  sub_there->reset();
  second.reset();
}

TEST_F(StoreNotifyTest, PostgresListensAgainAfterTheConnectionDrops) {
  if (CurrentBackend() != "postgres") {
    // SQLite has no listening connection to lose; delivery simply goes on.
    Inbox inbox;
    auto sub = Listen("peixun_test_reconnect", inbox);
    ASSERT_TRUE(db().Notify("peixun_test_reconnect", "still here").ok());
    EXPECT_EQ(inbox.WaitFor(1), Payloads{"still here"});
    return;
  }
  Inbox inbox;
  auto sub = Listen("peixun_test_reconnect", inbox);
  ASSERT_TRUE(db().Notify("peixun_test_reconnect", "before").ok());
  ASSERT_EQ(inbox.WaitFor(1), Payloads{"before"});
  // Kill the listening backend, as a server restart or a network cut would.
  auto killed = store::ReadValue<int64_t>(db(), [](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows r,
        tx.Query("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                 "datname = current_database() AND application_name = 'peixun-notify'"));
    return r[0].Int(0);
  });
  ASSERT_TRUE(killed.ok()) << killed.error().message_en;
  ASSERT_EQ(*killed, 1);
  // Notifications sent while it is down are lost; keep sending until one arrives
  // through the new connection.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  bool again = false;
  for (int i = 0; !again && std::chrono::steady_clock::now() < deadline; ++i) {
    ASSERT_TRUE(db().Notify("peixun_test_reconnect", "after " + std::to_string(i)).ok());
    auto got = inbox.WaitFor(2, 200ms);
    again = got.size() >= 2;
  }
  EXPECT_TRUE(again) << "no notification after the LISTEN connection was killed";
}

}  // namespace
}  // namespace peixun::test
