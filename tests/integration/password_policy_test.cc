// The password policy wired into the auth module (modules/auth/password_rules.h)
// on SQLite and PostgreSQL: the MLPS defaults on change, the history, the
// configurable numbers, and an expired password renewed before login.
#include <string>

#include "auth_fixture.h"
#include "modules/auth/login_log.h"
#include "modules/auth/password_renewal.h"
#include "modules/auth/password_rules.h"

namespace peixun::test {
namespace {

std::string Code(const Status& s) { return s.ok() ? "ok" : s.error().code; }
template <typename T>
std::string Code(const Result<T>& r) {
  return r.ok() ? "ok" : r.error().code;
}

class PasswordPolicyTest : public AuthTest {
 protected:
  Principal Admin() {
    Principal p;
    p.user_id = 1;
    p.username = "root";
    p.role = Role::kAdmin;
    return p;
  }
};

TEST_F(PasswordPolicyTest, TheDefaultsMeetMlps) {
  auto policy = auth::GetPasswordPolicy(db());
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(policy->min_chars, 8);
  EXPECT_EQ(policy->min_classes, 3);
  EXPECT_EQ(policy->history, 5);
  EXPECT_EQ(policy->expiry_days, 90);
}

TEST_F(PasswordPolicyTest, ChangeEnforcesClassesAndHistory) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  Principal me = auth::PrincipalOf(zhang.user);
  // 8 characters but two classes only.
  auto two = auth().auth.ChangePassword(me, zhang.password, "abcdefgh1");
  EXPECT_EQ(Code(two), "auth.password.classes");
  EXPECT_EQ(two.error().field, "new_password");
  EXPECT_EQ(Code(auth().auth.ChangePassword(me, zhang.password, "Ab1!")),
            "auth.password.too_short");
  // Five changes in a row; each old one is refused while in the last five.
  std::string current = zhang.password;
  for (int i = 0; i < 5; ++i) {
    const std::string next = "Peixun-" + std::to_string(i) + "x";
    ASSERT_EQ(Code(auth().auth.ChangePassword(me, current, next)), "ok") << i;
    current = next;
  }
  EXPECT_EQ(Code(auth().auth.ChangePassword(me, current, "Peixun-0x")), "auth.password.reused");
  // One more change pushes Peixun-0x out of the last five: allowed again.
  ASSERT_EQ(Code(auth().auth.ChangePassword(me, current, "Peixun-5x")), "ok");
  EXPECT_EQ(Code(auth().auth.ChangePassword(me, "Peixun-5x", "Peixun-0x")), "ok");
}

TEST_F(PasswordPolicyTest, AdminsConfigureIt) {
  auto li = MakeUser("li", Role::kLecturer);
  core::PasswordPolicy strict{12, 4, 2, 30};
  EXPECT_EQ(Code(auth::SetPasswordPolicy(db(), auth::PrincipalOf(li.user), strict)),
            "auth.forbidden");
  core::PasswordPolicy bad{0, 3, 5, 90};
  auto refused = auth::SetPasswordPolicy(db(), Admin(), bad);
  EXPECT_EQ(Code(refused), "password.policy.invalid");
  EXPECT_EQ(refused.error().field, "min_chars");
  ASSERT_EQ(Code(auth::SetPasswordPolicy(db(), Admin(), strict)), "ok");
  auto now = auth::GetPasswordPolicy(db());
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->min_chars, 12);
  EXPECT_EQ(now->expiry_days, 30);
  Principal me = auth::PrincipalOf(li.user);
  EXPECT_EQ(Code(auth().auth.ChangePassword(me, li.password, "peixun-2026xy")),
            "auth.password.classes");  // 3 classes, 4 asked
  EXPECT_EQ(Code(auth().auth.ChangePassword(me, li.password, "Peixun-2026")),
            "auth.password.too_short");  // 11 characters, 12 asked
  EXPECT_EQ(Code(auth().auth.ChangePassword(me, li.password, "Peixun-2026x")), "ok");
}

TEST_F(PasswordPolicyTest, AnExpiredPasswordIsRenewedBeforeLogin) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  now_ += 89 * kDay;
  EXPECT_EQ(Code(auth().auth.Login("zhang", zhang.password, "10.0.0.1", "")), "ok");
  EXPECT_EQ(Code(auth::RenewExpiredPassword(auth(), "zhang", zhang.password, "Renewed-2026",
                                            "10.0.0.1", "")),
            "auth.password.not_expired");
  now_ += kDay;  // 90 days after it was set
  auto expired = auth().auth.Login("zhang", zhang.password, "10.0.0.1", "");
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, "auth.password.expired");
  EXPECT_EQ(expired.error().kind, ErrorKind::kForbidden);
  // A wrong password says nothing about expiry.
  EXPECT_EQ(Code(auth().auth.Login("zhang", "Wrong-2026x", "10.0.0.1", "")),
            "auth.invalid_credentials");
  EXPECT_EQ(Code(auth::RenewExpiredPassword(auth(), "zhang", "Wrong-2026x", "Renewed-2026",
                                            "10.0.0.1", "")),
            "auth.invalid_credentials");
  // The same password again is not a renewal.
  EXPECT_EQ(Code(auth::RenewExpiredPassword(auth(), "zhang", zhang.password, zhang.password,
                                            "10.0.0.1", "")),
            "auth.password.reused");
  now_ += 5000;
  ASSERT_EQ(Code(auth::RenewExpiredPassword(auth(), "zhang", zhang.password, "Renewed-2026",
                                            "10.0.0.1", "")),
            "ok");
  now_ += 5000;
  EXPECT_EQ(Code(auth().auth.Login("zhang", "Renewed-2026", "10.0.0.1", "")), "ok");
  // The login log says why the first try was refused.
  auth::LoginLogQuery q;
  q.outcome = auth::LoginOutcome::kPasswordExpired;
  auto page = auth::ListLoginLog(db(), Admin(), q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 1);
}

}  // namespace
}  // namespace peixun::test
