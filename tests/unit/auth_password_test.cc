// Pure parts of the auth module: passwords, random secrets, cookies, usernames.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/password_policy.h"
#include "modules/auth/cookies.h"
#include "modules/auth/internal/secret_token.h"
#include "modules/auth/password.h"
#include "modules/auth/user.h"

namespace peixun::auth {
namespace {

TEST(PasswordTest, HashesWithArgon2idAndVerifies) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(NeedsRehash(*hash));
}

TEST(PasswordTest, SamePasswordGetsDifferentSalts) {
  auto a = HashPassword("密码密码密码密码密码");
  auto b = HashPassword("密码密码密码密码密码");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*a, "密码密码密码密码密码"));
  EXPECT_TRUE(VerifyPassword(*b, "密码密码密码密码密码"));
}

TEST(PasswordTest, EmptyOrMalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "anything"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "anything"));
  EXPECT_FALSE(VerifyPassword(std::string(500, 'x'), "anything"));
  EXPECT_TRUE(NeedsRehash(""));
  VerifyDummyPassword("anything");  // must not crash; costs one verification
}

TEST(PasswordTest, GeneratedPasswordsAreLongUnambiguousAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string p = GeneratePassword();
    ASSERT_EQ(p.size(), kGeneratedPasswordChars);
    EXPECT_EQ(p.find_first_of("0O1lIo"), std::string::npos) << p;
    for (char c : p) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << p;
    EXPECT_TRUE(CheckNewPassword(p, "admin").ok()) << p;
    // The default policy's three classes (upper, lower, digit): 8 % of 16 uniform
    // draws from this alphabet have no digit, and a user's first renewal then failed.
    EXPECT_EQ(core::PasswordClasses(p), 3) << p;
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(PasswordTest, ChosenPasswordsNeedTenCharacters) {
  auto short_one = CheckNewPassword("abcdefghi", "zhang");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().code, "auth.password.too_short");
  EXPECT_EQ(short_one.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(short_one.error().field, "new_password");
  EXPECT_TRUE(CheckNewPassword("abcdefghij", "zhang").ok());
  // Characters, not bytes: ten Chinese characters are enough, nine are not.
  EXPECT_TRUE(CheckNewPassword("学习是终身的学习是终", "zhang").ok());
  EXPECT_FALSE(CheckNewPassword("学习是终身的学习是", "zhang").ok());
  auto long_one = CheckNewPassword(std::string(129, 'a') + "b", "zhang");
  ASSERT_FALSE(long_one.ok());
  EXPECT_EQ(long_one.error().code, "auth.password.too_long");
}

TEST(PasswordTest, RefusesUsernameAndOneRepeatedCharacter) {
  auto same = CheckNewPassword("zhangsan2020", "zhangsan2020", "password");
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code, "auth.password.weak");
  EXPECT_EQ(same.error().field, "password");
  auto repeated = CheckNewPassword("aaaaaaaaaaaa", "zhang");
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.error().code, "auth.password.weak");
}

TEST(SecretTokenTest, RandomSecretsAreBase64UrlAndHashedToHex) {
  const std::string a = RandomSecret();
  const std::string b = RandomSecret();
  EXPECT_EQ(a.size(), kSecretChars);
  EXPECT_NE(a, b);
  EXPECT_TRUE(LooksLikeSecret(a));
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
  const std::string h = SecretHash(a);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(h, SecretHash(a));
  EXPECT_NE(h, SecretHash(b));
  EXPECT_EQ(h.find(a), std::string::npos);
}

TEST(SecretTokenTest, LooksLikeSecretRefusesOtherShapes) {
  EXPECT_FALSE(LooksLikeSecret(""));
  EXPECT_FALSE(LooksLikeSecret(std::string(42, 'a')));
  EXPECT_FALSE(LooksLikeSecret(std::string(44, 'a')));
  EXPECT_FALSE(LooksLikeSecret(std::string(42, 'a') + "="));
  EXPECT_FALSE(LooksLikeSecret(std::string(42, 'a') + ";"));
  EXPECT_TRUE(LooksLikeSecret(std::string(41, 'a') + "-_"));
}

TEST(SecretTokenTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));
}

TEST(CookieTest, SessionCookieIsHttpOnlyLaxAndSecureOverTls) {
  EXPECT_EQ(SessionCookie("SID", 43200, false),
            "peixun_session=SID; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax");
  EXPECT_EQ(SessionCookie("SID", 43200, true),
            "peixun_session=SID; Path=/; Max-Age=43200; HttpOnly; "
            "SameSite=Lax; Secure");
  EXPECT_EQ(ClearSessionCookie(false),
            "peixun_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(CookieTest, DeviceCookieLivesFourHundredDays) {
  EXPECT_EQ(DeviceCookie("DEV", false),
            "peixun_device=DEV; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax");
}

TEST(UsernameTest, NormalizesCaseWidthAndSpaces) {
  EXPECT_EQ(NormalizeUsername("  Admin "), "admin");
  EXPECT_EQ(NormalizeUsername("ＺｈａｎｇＳａｎ"), "zhangsan");
  EXPECT_EQ(NormalizeUsername("张老师"), "张老师");
  EXPECT_TRUE(ValidateUsername("张老师").ok());
  EXPECT_TRUE(ValidateUsername("li.ming-2").ok());
  auto spaced = ValidateUsername("li ming");
  ASSERT_FALSE(spaced.ok());
  EXPECT_EQ(spaced.error().code, "auth.username.invalid");
  EXPECT_FALSE(ValidateUsername("a").ok());
  EXPECT_FALSE(ValidateUsername(std::string(65, 'a')).ok());
}

TEST(UsernameTest, TraineeNamesAreReserved) {
  EXPECT_EQ(TraineeUsername(42), "p42");
  EXPECT_TRUE(IsReservedUsername("p42"));
  EXPECT_FALSE(IsReservedUsername("p"));
  EXPECT_FALSE(IsReservedUsername("peter"));
  EXPECT_FALSE(IsReservedUsername("p4x"));
}

}  // namespace
}  // namespace peixun::auth
