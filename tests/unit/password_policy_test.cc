#include "core/password_policy.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

std::string Code(const Status& s) { return s.ok() ? "ok" : s.error().code; }

TEST(PasswordPolicyTest, DefaultsMeetMlpsLevelThree) {
  const PasswordPolicy p;
  EXPECT_EQ(p.min_chars, 8);
  EXPECT_EQ(p.min_classes, 3);
  EXPECT_EQ(p.history, 5);
  EXPECT_EQ(p.expiry_days, 90);
  EXPECT_TRUE(ValidatePolicy(p).ok());
}

TEST(PasswordPolicyTest, CountsTheFourClasses) {
  EXPECT_EQ(PasswordClasses("abcdefgh"), 1);
  EXPECT_EQ(PasswordClasses("abcdEFGH"), 2);
  EXPECT_EQ(PasswordClasses("abcDEF12"), 3);
  EXPECT_EQ(PasswordClasses("aB3!"), 4);
  EXPECT_EQ(PasswordClasses("学习abc12"), 3);  // a Chinese character is a symbol
}

TEST(PasswordPolicyTest, LengthAndClassesNameTheField) {
  const PasswordPolicy p;
  // 7 characters, 3 classes: too short; the message says 8.
  auto short_one = CheckPasswordRules(p, "abcD123", "zhang", "new_password");
  EXPECT_EQ(Code(short_one), "auth.password.too_short");
  EXPECT_EQ(short_one.error().field, "new_password");
  EXPECT_NE(short_one.error().message.find("8"), std::string::npos);
  EXPECT_EQ(Code(CheckPasswordRules(p, "abcD1234", "zhang", "f")), "ok");
  // 8 characters of 2 classes: refused for classes, naming 3.
  auto two = CheckPasswordRules(p, "abcdefg1", "zhang", "f");
  EXPECT_EQ(Code(two), "auth.password.classes");
  EXPECT_NE(two.error().message_en.find("at least 3"), std::string::npos);
  EXPECT_EQ(Code(CheckPasswordRules(p, "学习是终身的事1a", "zhang", "f")), "ok");
  EXPECT_EQ(Code(CheckPasswordRules(p, std::string(129, 'a') + "B1", "zhang", "f")),
            "auth.password.too_long");
  EXPECT_EQ(Code(CheckPasswordRules(p, "Zhang123", "Zhang123", "f")), "auth.password.weak");
  // A laxer policy takes what the default refuses.
  PasswordPolicy lax{6, 1, 0, 0};
  EXPECT_EQ(Code(CheckPasswordRules(lax, "abcdef", "zhang", "f")), "ok");
}

TEST(PasswordPolicyTest, ExpiresAfterTheDays) {
  const PasswordPolicy p;
  const int64_t day = 24 * 60 * 60 * 1000LL;
  EXPECT_FALSE(PasswordExpired(p, 0, 90 * day - 1));
  EXPECT_TRUE(PasswordExpired(p, 0, 90 * day));
  EXPECT_FALSE(PasswordExpired(PasswordPolicy{8, 3, 5, 0}, 0, 10000 * day));
}

TEST(PasswordPolicyTest, RefusesSettingsOutOfRange) {
  EXPECT_EQ(ValidatePolicy(PasswordPolicy{0, 3, 5, 90}).error().field, "min_chars");
  EXPECT_EQ(ValidatePolicy(PasswordPolicy{8, 5, 5, 90}).error().field, "min_classes");
  EXPECT_EQ(ValidatePolicy(PasswordPolicy{8, 3, -1, 90}).error().field, "history");
  EXPECT_EQ(ValidatePolicy(PasswordPolicy{8, 3, 5, -1}).error().field, "expiry_days");
}

}  // namespace
}  // namespace peixun::core
