#include "core/phone.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

std::string Normalized(std::string_view text) {
  auto phone = NormalizePhone(text);
  if (phone.ok()) return *phone;
  EXPECT_EQ(phone.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(phone.error().code, "phone.format");
  EXPECT_FALSE(phone.error().message.empty());
  EXPECT_FALSE(phone.error().message_en.empty());
  EXPECT_TRUE(phone.error().field.empty());
  return "error";
}

TEST(PhoneTest, AcceptsElevenDigitsStartingWithOne) {
  EXPECT_EQ(Normalized("13800138000"), "13800138000");
  EXPECT_EQ(Normalized("19912345678"), "19912345678");
  EXPECT_EQ(Normalized("12345678901"), "12345678901");
}

TEST(PhoneTest, RemovesSpacesDashesAndParentheses) {
  EXPECT_EQ(Normalized("138 0013 8000"), "13800138000");
  EXPECT_EQ(Normalized("138-0013-8000"), "13800138000");
  EXPECT_EQ(Normalized(" 138\t0013\u30008000 "), "13800138000");
  EXPECT_EQ(Normalized("(138)00138000"), "13800138000");
}

TEST(PhoneTest, DropsTheCountryCode) {
  EXPECT_EQ(Normalized("+8613800138000"), "13800138000");
  EXPECT_EQ(Normalized("+86 138 0013 8000"), "13800138000");
  EXPECT_EQ(Normalized("+86-138-0013-8000"), "13800138000");
  EXPECT_EQ(Normalized("(+86) 13800138000"), "13800138000");
  EXPECT_EQ(Normalized("8613800138000"), "13800138000");
  EXPECT_EQ(Normalized("86 138 0013 8000"), "13800138000");
  EXPECT_EQ(Normalized("008613800138000"), "13800138000");
}

TEST(PhoneTest, AcceptsFullWidthDigits) {
  EXPECT_EQ(Normalized("１３８００１３８０００"), "13800138000");
  EXPECT_EQ(Normalized("＋８６　１３８００１３８０００"), "13800138000");
}

TEST(PhoneTest, RefusesOtherNumbers) {
  for (const char* text :
       {"", " ", "1380013800", "138001380001", "23800138000", "03800138000", "010-12345678",
        "861380013800", "86123456789", "+86 2380013800", "+1 13800138000x", "138-0013-800a",
        "1380013800O", "+86", "13800138000/13900139000", "138.0013.8000", "一三八00138000",
        "+8686 13800138000"}) {
    EXPECT_EQ(Normalized(text), "error") << text;
  }
}

TEST(PhoneTest, EightySixIsAPrefixOnlyWhenThirteenDigitsRemain) {
  // "86" + 9 digits is not stripped: what remains is not a mobile number.
  EXPECT_EQ(Normalized("86138001380"), "error");
}

TEST(PhoneTest, MessageQuotesTheInput) {
  auto phone = NormalizePhone("12345");
  ASSERT_FALSE(phone.ok());
  EXPECT_NE(phone.error().message.find("12345"), std::string::npos);
  EXPECT_NE(phone.error().message_en.find("12345"), std::string::npos);
}

TEST(MaskPhoneTest, HidesTheMiddleFourDigits) {
  EXPECT_EQ(MaskPhone("13800138000"), "138****8000");
  EXPECT_EQ(MaskPhone("+86 138-0013-8000"), "138****8000");
}

TEST(MaskPhoneTest, HidesEverythingOfOtherText) {
  EXPECT_EQ(MaskPhone(""), "");
  EXPECT_EQ(MaskPhone("010-12345678"), "************");
  EXPECT_EQ(MaskPhone("电话"), "**");
}

}  // namespace
}  // namespace peixun::core
