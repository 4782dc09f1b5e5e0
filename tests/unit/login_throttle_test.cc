#include "modules/auth/login_throttle.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace peixun::auth {
namespace {

constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kT0 = 1'700'000'000'000;

void Fail(LoginThrottle& t, const std::string& account, const std::string& address, int times,
          int64_t now) {
  for (int i = 0; i < times; ++i) t.RecordFailure(account, address, now);
}

TEST(LoginThrottleTest, FiveFailuresBlockTheAccountForFifteenMinutes) {
  LoginThrottle t;
  Fail(t, "zhang", "10.0.0.1", 4, kT0);
  EXPECT_TRUE(t.Check("zhang", "10.0.0.1", kT0).ok());
  Fail(t, "zhang", "10.0.0.1", 1, kT0 + kMinute);
  auto blocked = t.Check("zhang", "10.0.0.2", kT0 + 2 * kMinute);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(blocked.error().code, "auth.throttled");
  // The window opened at kT0: 13 minutes are left.
  EXPECT_NE(blocked.error().message.find("13 分钟"), std::string::npos) << blocked.error().message;
  EXPECT_NE(blocked.error().message_en.find("13 minutes"), std::string::npos);
  // Other accounts from the same address are not affected.
  EXPECT_TRUE(t.Check("li", "10.0.0.1", kT0 + 2 * kMinute).ok());
  EXPECT_FALSE(t.Check("zhang", "10.0.0.1", kT0 + 15 * kMinute - 1).ok());
  EXPECT_TRUE(t.Check("zhang", "10.0.0.1", kT0 + 15 * kMinute).ok());
}

TEST(LoginThrottleTest, ShortWaitsAreSaidInSeconds) {
  LoginThrottle t;
  Fail(t, "zhang", "a", 5, kT0);
  auto blocked = t.Check("zhang", "a", kT0 + 15 * kMinute - 30'500);
  ASSERT_FALSE(blocked.ok());
  EXPECT_NE(blocked.error().message.find("31 秒"), std::string::npos) << blocked.error().message;
  EXPECT_NE(blocked.error().message_en.find("31 seconds"), std::string::npos);
}

TEST(LoginThrottleTest, SuccessResetsTheAccountButNotTheAddress) {
  LoginThrottle t(ThrottleLimits{5, 8, 15 * kMinute, 100});
  Fail(t, "zhang", "a", 4, kT0);
  t.RecordSuccess("zhang");
  Fail(t, "zhang", "a", 4, kT0);
  EXPECT_TRUE(t.Check("zhang", "b", kT0).ok());  // 4 since the reset, not 8
  auto address = t.Check("someone", "a", kT0);   // but "a" has 8 failures
  ASSERT_FALSE(address.ok());
  EXPECT_EQ(address.error().code, "auth.throttled");
}

TEST(LoginThrottleTest, OneAddressGuessingManyAccountsIsBlocked) {
  LoginThrottle t;
  for (int i = 0; i < 20; ++i) t.RecordFailure("user" + std::to_string(i), "6.6.6.6", kT0);
  EXPECT_FALSE(t.Check("user99", "6.6.6.6", kT0).ok());
  EXPECT_TRUE(t.Check("user99", "7.7.7.7", kT0).ok());
}

TEST(LoginThrottleTest, AFreshWindowStartsAfterTheOldOneEnds) {
  LoginThrottle t;
  Fail(t, "zhang", "a", 4, kT0);
  // Fifteen minutes later the four old failures no longer count.
  Fail(t, "zhang", "a", 4, kT0 + 15 * kMinute);
  EXPECT_TRUE(t.Check("zhang", "a", kT0 + 15 * kMinute).ok());
}

TEST(LoginThrottleTest, MemoryStaysBounded) {
  LoginThrottle t(ThrottleLimits{5, 20, 15 * kMinute, 100});
  for (int i = 0; i < 5000; ++i) {
    t.RecordFailure("user" + std::to_string(i), "addr" + std::to_string(i), kT0 + i);
  }
  EXPECT_LE(t.AccountEntries(), 100u);
  EXPECT_LE(t.AddressEntries(), 100u);
  EXPECT_GT(t.AccountEntries(), 0u);
}

TEST(LoginThrottleTest, ExpiredEntriesAreEvictedBeforeLiveOnes) {
  LoginThrottle t(ThrottleLimits{5, 1000, 15 * kMinute, 10});
  for (int i = 0; i < 9; ++i) t.RecordFailure("old" + std::to_string(i), "a", kT0);
  Fail(t, "victim", "b", 5, kT0 + 14 * kMinute);
  const int64_t later = kT0 + 16 * kMinute;  // the old windows ended, the victim's did not
  for (int i = 0; i < 5; ++i) t.RecordFailure("new" + std::to_string(i), "c", later);
  EXPECT_FALSE(t.Check("victim", "d", later).ok());
  EXPECT_LE(t.AccountEntries(), 10u);
}

TEST(LoginThrottleTest, IsSafeAcrossThreads) {
  LoginThrottle t(ThrottleLimits{400, 100000, 15 * kMinute, 1000});
  std::vector<std::thread> threads;
  for (int n = 0; n < 4; ++n) {
    threads.emplace_back([&t, n] {
      for (int i = 0; i < 100; ++i) {
        t.RecordFailure("shared", "addr" + std::to_string(n), kT0);
        (void)t.Check("shared", "addr" + std::to_string(n), kT0);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_FALSE(t.Check("shared", "elsewhere", kT0).ok());  // exactly 400 counted
  t.RecordSuccess("shared");
  EXPECT_TRUE(t.Check("shared", "elsewhere", kT0).ok());
}

}  // namespace
}  // namespace peixun::auth
