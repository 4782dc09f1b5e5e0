#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "modules/enrollment/badges.h"

namespace peixun::enrollment {
namespace {

constexpr char kSecret[] = "class-42-checkin-secret-0123456789abcdef";

// libsodium 1.0.18 (Debian 12) decodes every byte >= 0x80 as '_' (63): a badge token
// with such a byte in place of a '_' named the badge's holder before the alphabet
// check (the same flaw fuzz/fuzz_checkin_token.cc found in check-in tokens).
TEST(BadgeTokenTest, ANonAlphabetByteIsNotReadAsUnderscore) {
  int64_t person = 1;
  std::string token = BadgeTokenOf(42, person, kSecret);
  while (token.find('_') == std::string::npos) token = BadgeTokenOf(42, ++person, kSecret);
  ASSERT_EQ(BadgeHolder(42, token, kSecret), person);
  for (char byte : {'\x98', '\xff', '\x80'}) {
    std::string altered = token;
    altered[altered.find('_')] = byte;
    EXPECT_EQ(BadgeHolder(42, altered, kSecret), std::nullopt);
  }
}

}  // namespace
}  // namespace peixun::enrollment
