// Login throttling with its counts in the database (modules/auth/db_login_throttle.h),
// on SQLite and PostgreSQL: shared by every instance on one database, slowing down
// a hammered account, and generous to a training hall behind one NAT address.
#include <string>
#include <vector>

#include "auth_fixture.h"
#include "modules/auth/db_login_throttle.h"
#include "modules/auth/password.h"

namespace peixun::test {
namespace {

constexpr char kHall[] = "203.0.113.50";  // the hall's one public (NAT) address

std::string Code(const Result<auth::LoginResult>& r) { return r.ok() ? "ok" : r.error().code; }

class LoginThrottleTest : public AuthTest {
 protected:
  // Seconds until a login for `account` from `address` may go ahead.
  Result<int64_t> Wait(const std::string& account, const std::string& address) {
    return auth::DbLoginThrottle(db(), {}, [this] { return now_; }).WaitSeconds(account, address);
  }

  // A second server instance on the same database, as behind a load balancer.
  std::unique_ptr<auth::AuthServices> SecondInstance() {
    auth::AuthOptions options;
    options.now_ms = [this] { return now_; };
    options.data_key = key_;
    options.second_factor_roles = {};
    return std::make_unique<auth::AuthServices>(db(), options);
  }

  // `n` trainee accounts named t000.., all with `password` (one hash, written
  // directly: hashing 150 times would only slow the test down).
  void MakeTrainees(int n, const std::string& password) {
    auto hash = auth::HashPassword(password);
    ASSERT_TRUE(hash.ok());
    ASSERT_TRUE(db().Transact([&](store::Tx& tx) -> Status {
                      for (int i = 0; i < n; ++i) {
                        char name[16];
                        std::snprintf(name, sizeof name, "t%03d", i);
                        PEIXUN_RETURN_IF_ERROR(tx.Exec(
                            "INSERT INTO users (username, display_name, role, password_hash, "
                            "active, created_at, updated_at) VALUES (?, ?, 'trainee', ?, 1, ?, ?)",
                            {store::Text(name), store::Text(name), store::Text(*hash),
                             store::Int(now_), store::Int(now_)}));
                      }
                      return Ok();
                    })
                    .ok());
  }
};

TEST_F(LoginThrottleTest, TwoInstancesShareTheCount) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto other = SecondInstance();
  // Five failures spread over two instances (a load balancer alternating).
  for (int i = 0; i < 5; ++i) {
    auth::AuthServices& instance = i % 2 == 0 ? auth() : *other;
    EXPECT_EQ(Code(instance.auth.Login("zhang", "wrong password", "10.0.0.1", "")),
              "auth.invalid_credentials")
        << i;
    now_ += kMinute;
  }
  // Locked on both: neither instance alone saw five.
  for (auth::AuthServices* instance : {&auth(), other.get()}) {
    auto blocked = instance->auth.Login("zhang", zhang.password, "10.0.0.2", "");
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, "auth.throttled");
    EXPECT_NE(blocked.error().message_en.find("10 minutes"), std::string::npos);
    EXPECT_EQ(*Wait("zhang", "10.0.0.2"), 10 * 60);
  }
  now_ += 10 * kMinute;
  EXPECT_EQ(Code(other->auth.Login("zhang", zhang.password, "10.0.0.2", "")), "ok");
}

TEST_F(LoginThrottleTest, AHammeredAccountSlowsDownThenLocks) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  // Two failures are free; the third makes the next attempt wait 1 s.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Code(auth().auth.Login("zhang", "wrong password", "10.0.0.1", "")),
              "auth.invalid_credentials");
  }
  auto slowed = auth().auth.Login("zhang", zhang.password, "10.0.0.1", "");
  ASSERT_FALSE(slowed.ok());
  EXPECT_EQ(slowed.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(*Wait("zhang", "10.0.0.1"), 1);
  EXPECT_NE(slowed.error().message_en.find("this account"), std::string::npos);
  // A refused attempt is not counted: after the wait the account may try again.
  now_ += 1000;
  EXPECT_EQ(Code(auth().auth.Login("zhang", "wrong password", "10.0.0.1", "")),
            "auth.invalid_credentials");
  now_ += 2000;
  EXPECT_EQ(Code(auth().auth.Login("zhang", "wrong password", "10.0.0.1", "")),
            "auth.invalid_credentials");
  // Five failures: locked for the rest of the 15-minute window.
  auto locked = auth().auth.Login("zhang", zhang.password, "10.0.0.1", "");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "auth.throttled");
  EXPECT_EQ(*Wait("zhang", "10.0.0.9"), 15 * 60 - 3);
  // Another account on the same address is not held up.
  auto li = MakeUser("li", Role::kLecturer);
  EXPECT_EQ(Code(auth().auth.Login("li", li.password, "10.0.0.1", "")), "ok");
}

TEST_F(LoginThrottleTest, AHallOf150PhonesBehindOneAddressStillLogsIn) {
  const std::string password = "Hall-password-2026";
  MakeTrainees(150, password);
  // A few trainees mistype, twenty times in all, from the hall's address.
  for (int i = 0; i < 20; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "t%03d", i % 10);
    EXPECT_EQ(Code(auth().auth.Login(name, "typo typo typo", kHall, "")),
              "auth.invalid_credentials")
        << i;
    now_ += 5000;  // each mistyping account's own slow-down passes
  }
  // Every one of the 150 (those ten included) logs in from the same address.
  int ok = 0;
  for (int i = 0; i < 150; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "t%03d", i);
    auto r = auth().auth.Login(name, password, kHall, "phone");
    EXPECT_TRUE(r.ok()) << name << " " << Code(r);
    ok += r.ok() ? 1 : 0;
  }
  EXPECT_EQ(ok, 150);
}

TEST_F(LoginThrottleTest, OneAddressGuessingManyAccountsBacksOffThenLocks) {
  const auth::DbThrottleLimits limits;
  // 50 failures on 50 different accounts cost the address nothing...
  for (int i = 0; i < limits.address.free_failures; ++i) {
    EXPECT_EQ(Code(auth().auth.Login("guess" + std::to_string(i), "x", "198.51.100.9", "")),
              "auth.invalid_credentials");
  }
  // ...the next one makes every attempt from it wait a second.
  EXPECT_EQ(Code(auth().auth.Login("guess-a", "x", "198.51.100.9", "")),
            "auth.invalid_credentials");
  auto backed_off = auth().auth.Login("guess-b", "x", "198.51.100.9", "");
  ASSERT_FALSE(backed_off.ok());
  EXPECT_EQ(backed_off.error().code, "auth.throttled");
  EXPECT_EQ(*Wait("guess-b", "198.51.100.9"), 1);
  EXPECT_NE(backed_off.error().message_en.find("network address"), std::string::npos);
  // Other addresses are not affected.
  EXPECT_EQ(Code(auth().auth.Login("guess-b", "x", "198.51.100.10", "")),
            "auth.invalid_credentials");
}

TEST_F(LoginThrottleTest, OldWindowsAreDeleted) {
  (void)auth().auth.Login("zhang", "x", "10.0.0.1", "");
  now_ += 16 * kMinute;
  (void)auth().auth.Login("li", "x", "10.0.0.2", "");
  auto rows = store::ReadValue<store::Rows>(db(), [](store::Tx& tx) {
    return tx.Query("SELECT subject FROM login_throttle ORDER BY scope, subject");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);  // li and 10.0.0.2 only
  EXPECT_EQ((*rows)[0].Str(0), "li");
  EXPECT_EQ((*rows)[1].Str(0), "10.0.0.2");
}

}  // namespace
}  // namespace peixun::test
