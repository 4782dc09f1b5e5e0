#include "core/login_backoff.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kT0 = 1'700'000'000'000;

// The account rule of db_login_throttle.h: 2 free, then 1 s doubling, locked at 5.
const BackoffRule kAccount{2, 5, kSecond, kMinute, 15 * kMinute};

FailureWindow Window(int failures, int64_t last) { return FailureWindow{kT0, last, failures}; }

TEST(LoginBackoffTest, TheFirstFailuresCostNothing) {
  EXPECT_EQ(BackoffWaitMs(kAccount, FailureWindow{}, kT0), 0);
  EXPECT_EQ(BackoffWaitMs(kAccount, Window(1, kT0), kT0), 0);
  EXPECT_EQ(BackoffWaitMs(kAccount, Window(2, kT0), kT0), 0);
}

TEST(LoginBackoffTest, FurtherFailuresWaitLongerEachTime) {
  // 3rd failure: 1 s after it; 4th: 2 s after it.
  EXPECT_EQ(BackoffWaitMs(kAccount, Window(3, kT0 + 10 * kSecond), kT0 + 10 * kSecond), kSecond);
  EXPECT_EQ(BackoffWaitMs(kAccount, Window(3, kT0 + 10 * kSecond), kT0 + 10'400), 600);
  EXPECT_EQ(BackoffWaitMs(kAccount, Window(3, kT0 + 10 * kSecond), kT0 + 11 * kSecond), 0);
  EXPECT_EQ(BackoffWaitMs(kAccount, Window(4, kT0 + 10 * kSecond), kT0 + 10 * kSecond),
            2 * kSecond);
}

TEST(LoginBackoffTest, TheDelayIsCapped) {
  const BackoffRule rule{0, 100, kSecond, 10 * kSecond, 15 * kMinute};
  // 1, 2, 4, 8, then 10 s (not 16) from the 5th failure on.
  EXPECT_EQ(BackoffWaitMs(rule, Window(4, kT0), kT0), 8 * kSecond);
  EXPECT_EQ(BackoffWaitMs(rule, Window(5, kT0), kT0), 10 * kSecond);
  EXPECT_EQ(BackoffWaitMs(rule, Window(60, kT0), kT0), 10 * kSecond);
}

TEST(LoginBackoffTest, TheLockLastsUntilTheWindowEnds) {
  // Five failures, the last at 4 minutes: locked until 15 minutes after the first.
  const FailureWindow w = Window(5, kT0 + 4 * kMinute);
  EXPECT_EQ(BackoffWaitMs(kAccount, w, kT0 + 4 * kMinute), 11 * kMinute);
  EXPECT_EQ(BackoffWaitMs(kAccount, w, kT0 + 15 * kMinute - 1), 1);
  EXPECT_EQ(BackoffWaitMs(kAccount, w, kT0 + 15 * kMinute), 0);
  EXPECT_TRUE(BackoffWindowOver(kAccount, w, kT0 + 15 * kMinute));
  EXPECT_FALSE(BackoffWindowOver(kAccount, w, kT0 + 15 * kMinute - 1));
}

TEST(LoginBackoffTest, ASlowDownNeverOutlastsTheWindow) {
  const BackoffRule rule{0, 100, kMinute, 10 * kMinute, 15 * kMinute};
  EXPECT_EQ(BackoffWaitMs(rule, Window(50, kT0 + 14 * kMinute), kT0 + 14 * kMinute), kMinute);
}

}  // namespace
}  // namespace peixun::core
