#include "core/gender.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

TEST(GenderTest, ParsesMale) {
  for (const char* text :
       {"男", "男性", "M", "m", "male", "Male", "MALE", " 男 ", "Ｍ", "ｍａｌｅ"}) {
    auto gender = ParseGender(text);
    ASSERT_TRUE(gender.ok()) << text;
    EXPECT_EQ(*gender, Gender::kMale) << text;
  }
}

TEST(GenderTest, ParsesFemale) {
  for (const char* text :
       {"女", "女性", "F", "f", "female", "Female", "FEMALE", "\u3000女", "Ｆ"}) {
    auto gender = ParseGender(text);
    ASSERT_TRUE(gender.ok()) << text;
    EXPECT_EQ(*gender, Gender::kFemale) << text;
  }
}

TEST(GenderTest, RefusesAnythingElse) {
  for (const char* text :
       {"", " ", "未知", "男女", "x", "man", "woman", "1", "0", "ma le", "男 性"}) {
    auto gender = ParseGender(text);
    ASSERT_FALSE(gender.ok()) << text;
    EXPECT_EQ(gender.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(gender.error().code, "gender.format");
    EXPECT_FALSE(gender.error().message.empty());
    EXPECT_FALSE(gender.error().message_en.empty());
    EXPECT_TRUE(gender.error().field.empty());
  }
}

TEST(GenderTest, MessageQuotesTheInput) {
  auto gender = ParseGender("未知");
  ASSERT_FALSE(gender.ok());
  EXPECT_NE(gender.error().message.find("未知"), std::string::npos);
}

TEST(GenderTest, LabelsAndCodes) {
  EXPECT_EQ(GenderLabel(Gender::kMale), "男");
  EXPECT_EQ(GenderLabel(Gender::kFemale), "女");
  EXPECT_EQ(GenderCode(Gender::kMale), "male");
  EXPECT_EQ(GenderCode(Gender::kFemale), "female");
}

TEST(GenderTest, LabelAndCodeParseBack) {
  for (Gender g : {Gender::kMale, Gender::kFemale}) {
    EXPECT_EQ(*ParseGender(GenderLabel(g)), g);
    EXPECT_EQ(*ParseGender(GenderCode(g)), g);
  }
}

}  // namespace
}  // namespace peixun::core
