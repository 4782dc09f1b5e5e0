// The login log (modules/auth/login_log.h) on SQLite and PostgreSQL: every attempt
// is one row with its outcome, never the password or code; only admins read it,
// with filters by user, result and date.
#include <string>

#include "auth_fixture.h"
#include "crypto/totp.h"
#include "modules/auth/login_log.h"

namespace peixun::test {
namespace {

using auth::LoginLogQuery;
using auth::LoginOutcome;

class LoginLogTest : public AuthTest {
 protected:
  std::vector<Role> SecondFactorRoles() const override { return {Role::kAdmin}; }

  auth::LoginLogPage List(const LoginLogQuery& q) {
    auto page = auth::ListLoginLog(db(), admin_, q);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().code);
    return page.ok() ? *page : auth::LoginLogPage{};
  }

  Principal admin_ = [] {
    Principal p;
    p.user_id = 1;
    p.username = "root";
    p.role = Role::kAdmin;
    return p;
  }();
};

TEST_F(LoginLogTest, EveryOutcomeIsOneRowWithoutThePassword) {
  auto li = MakeUser("li", Role::kLecturer);
  auto wang = MakeUser("wang", Role::kAdmin);
  const std::string ua = "Mozilla/5.0 (iPhone) 测试";
  ASSERT_TRUE(auth().auth.Login("li", li.password, "10.0.0.1", ua).ok());
  (void)auth().auth.Login("li", "Wrong-Secret-123", "10.0.0.2", ua);
  (void)auth().auth.Login("nobody", "Wrong-Secret-456", "10.0.0.3", ua);
  // wang must set up TOTP: the password step is logged as owing the second factor.
  auto first = auth().auth.Login("wang", wang.password, "10.0.0.4", ua);
  ASSERT_TRUE(first.ok());
  auto setup = auth().auth.BeginLoginEnrollment(first->challenge);
  ASSERT_TRUE(setup.ok());
  const std::string right = crypto::Totp(*crypto::Base32Decode(setup->secret), now_ / 1000);
  const std::string wrong = right == "000000" ? "111111" : "000000";
  (void)auth().auth.ConfirmLoginEnrollment(first->challenge, wrong, "10.0.0.4", ua);
  ASSERT_TRUE(auth().auth.ConfirmLoginEnrollment(first->challenge, right, "10.0.0.4", ua).ok());
  // A deactivated user with the right password.
  auth::UserChange off;
  off.active = false;
  ASSERT_TRUE(auth().users.Update(li.user.id, off).ok());
  (void)auth().auth.Login("li", li.password, "10.0.0.5", ua);
  // A hammered account: the attempt after the lock is logged as throttled.
  for (int i = 0; i < 5; ++i) {
    (void)auth().auth.Login("zhao", "Wrong-Secret-789", "10.0.0.6", ua);
    now_ += kMinute;
  }
  (void)auth().auth.Login("zhao", "Wrong-Secret-789", "10.0.0.6", ua);

  LoginLogQuery all;
  all.limit = 200;
  auto page = List(all);
  ASSERT_EQ(page.total, 13);
  // Newest first.
  EXPECT_EQ(page.items[0].username, "zhao");
  EXPECT_EQ(page.items[0].outcome, LoginOutcome::kThrottled);
  EXPECT_FALSE(page.items[0].user_id.has_value());
  EXPECT_EQ(page.items[1].outcome, LoginOutcome::kBadCredentials);
  EXPECT_EQ(page.items[6].username, "li");
  EXPECT_EQ(page.items[6].outcome, LoginOutcome::kInactive);
  EXPECT_EQ(page.items[6].user_id, li.user.id);
  EXPECT_EQ(page.items[6].remote_address, "10.0.0.5");
  EXPECT_EQ(page.items[7].outcome, LoginOutcome::kSuccess);
  EXPECT_EQ(page.items[7].user_id, wang.user.id);
  EXPECT_EQ(page.items[8].outcome, LoginOutcome::kSecondFactorFailed);
  EXPECT_EQ(page.items[9].outcome, LoginOutcome::kSecondFactorRequired);
  EXPECT_EQ(page.items[10].username, "nobody");
  EXPECT_FALSE(page.items[10].user_id.has_value());
  EXPECT_EQ(page.items[11].outcome, LoginOutcome::kBadCredentials);
  EXPECT_EQ(page.items[11].user_id, li.user.id);
  EXPECT_EQ(page.items[12].outcome, LoginOutcome::kSuccess);
  EXPECT_EQ(page.items[12].user_agent, ua);
  EXPECT_EQ(page.items[12].at, 1'700'000'000'000);

  // No password and no code anywhere in the table.
  auto dump = store::ReadValue<std::string>(db(), [](store::Tx& tx) -> Result<std::string> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT username, remote_address, user_agent, result FROM login_log"));
    std::string all_text;
    for (const store::Row& r : rows) {
      for (size_t i = 0; i < r.size(); ++i) all_text += r.Str(i) + "|";
    }
    return all_text;
  });
  ASSERT_TRUE(dump.ok());
  for (const std::string& secret :
       {li.password, wang.password, std::string("Wrong-Secret"), right, wrong}) {
    EXPECT_EQ(dump->find(secret), std::string::npos) << secret;
  }
}

TEST_F(LoginLogTest, FiltersByUserResultAndDate) {
  auto li = MakeUser("li", Role::kLecturer);
  auto zhou = MakeUser("zhou", Role::kLecturer);
  ASSERT_TRUE(auth().auth.Login("li", li.password, "a", "").ok());  // day 0
  now_ += kDay;
  (void)auth().auth.Login("li", "Wrong-Secret-1", "a", "");  // day 1
  ASSERT_TRUE(auth().auth.Login("zhou", zhou.password, "a", "").ok());
  now_ += kDay;
  ASSERT_TRUE(auth().auth.Login("LI", li.password, "a", "").ok());  // day 2

  LoginLogQuery by_name;
  by_name.username = "li";
  EXPECT_EQ(List(by_name).total, 3);
  LoginLogQuery by_id;
  by_id.user_id = zhou.user.id;
  EXPECT_EQ(List(by_id).total, 1);
  LoginLogQuery failed;
  failed.outcome = LoginOutcome::kBadCredentials;
  auto f = List(failed);
  ASSERT_EQ(f.total, 1);
  EXPECT_EQ(f.items[0].user_id, li.user.id);
  LoginLogQuery day1;
  day1.from = 1'700'000'000'000 + kDay;
  day1.to = 1'700'000'000'000 + 2 * kDay;
  EXPECT_EQ(List(day1).total, 2);
  LoginLogQuery paged;
  paged.limit = 2;
  paged.offset = 2;
  auto p = List(paged);
  EXPECT_EQ(p.total, 4);
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(p.items[1].at, 1'700'000'000'000);
}

TEST_F(LoginLogTest, OnlyAdminsMayReadIt) {
  for (Role role : kAllRoles) {
    Principal p;
    p.user_id = 2;
    p.role = role;
    auto page = auth::ListLoginLog(db(), p, LoginLogQuery{});
    if (role == Role::kAdmin) {
      EXPECT_TRUE(page.ok());
    } else {
      ASSERT_FALSE(page.ok());
      EXPECT_EQ(page.error().code, "auth.forbidden");
    }
  }
}

}  // namespace
}  // namespace peixun::test
