#include "core/id_number.h"

#include <gtest/gtest.h>

#include <string>

namespace peixun::core {
namespace {

// Check characters below were computed by hand with the GB 11643 weights
// (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 -> "10X98765432");
// 11010519491231002X and 440524188001010014 are the examples of the standard.
constexpr CivilDate kToday{2024, 6, 1};

std::string ErrorCode(std::string_view text, CivilDate today = kToday) {
  auto info = ParseIdNumber(text, today);
  if (info.ok()) return "ok";
  EXPECT_EQ(info.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(info.error().message.empty());
  EXPECT_FALSE(info.error().message_en.empty());
  EXPECT_TRUE(info.error().field.empty());
  return info.error().code;
}

std::string WithCheck(const std::string& first17) {
  return first17 + IdNumberCheckCharacter(first17);
}

TEST(IdNumberTest, DecodesAMaleNumber) {
  auto info = ParseIdNumber("110101199003071233", kToday);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->normalized, "110101199003071233");
  EXPECT_EQ(info->birth_date, (CivilDate{1990, 3, 7}));
  EXPECT_EQ(info->gender, Gender::kMale);  // 17th digit 3 is odd
  EXPECT_EQ(info->region_code, "110101");
}

TEST(IdNumberTest, DecodesAFemaleNumberWithCheckX) {
  auto info = ParseIdNumber("11010519491231002X", kToday);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->normalized, "11010519491231002X");
  EXPECT_EQ(info->birth_date, (CivilDate{1949, 12, 31}));
  EXPECT_EQ(info->gender, Gender::kFemale);  // 17th digit 2 is even
  EXPECT_EQ(info->region_code, "110105");
}

TEST(IdNumberTest, GenderFollowsTheParityOfThe17thDigit) {
  for (char digit = '0'; digit <= '9'; ++digit) {
    const std::string number = WithCheck(std::string("1101011990030712") + digit);
    auto info = ParseIdNumber(number, kToday);
    ASSERT_TRUE(info.ok()) << number;
    EXPECT_EQ(info->gender, (digit - '0') % 2 == 1 ? Gender::kMale : Gender::kFemale) << number;
  }
}

TEST(IdNumberTest, NormalizesLowercaseXFullWidthAndSeparators) {
  for (const char* text : {"11010519491231002x", " 11010519491231002X ", "110105 19491231 002X",
                           "110105-19491231-002x", "１１０１０５１９４９１２３１００２ｘ",
                           "１１０１０５１９４９１２３１００２Ｘ", "\u3000110105194912310 02X"}) {
    auto info = ParseIdNumber(text, kToday);
    ASSERT_TRUE(info.ok()) << text;
    EXPECT_EQ(info->normalized, "11010519491231002X") << text;
  }
}

TEST(IdNumberTest, CheckCharacter) {
  EXPECT_EQ(IdNumberCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(IdNumberCheckCharacter("44052418800101001"), '4');
  EXPECT_EQ(IdNumberCheckCharacter("11010119900307123"), '3');
  EXPECT_EQ(IdNumberCheckCharacter("11010119900307124"), '1');
  EXPECT_EQ(IdNumberCheckCharacter("32058520000229003"), '2');
  EXPECT_EQ(IdNumberCheckCharacter("65010219850615887"), '2');
  EXPECT_EQ(IdNumberCheckCharacter("00000000000000000"), '1');
}

TEST(IdNumberTest, WrongCheckCharacterNamesTheRightOne) {
  auto info = ParseIdNumber("110101199003071234", kToday);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().code, "id_number.check_digit");
  EXPECT_EQ(info.error().message, "身份证号校验位错误：应为 3");
  EXPECT_EQ(info.error().message_en, "ID number check digit is wrong: expected 3");

  auto x = ParseIdNumber("110105194912310021", kToday);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.error().code, "id_number.check_digit");
  EXPECT_EQ(x.error().message, "身份证号校验位错误：应为 X");
  EXPECT_EQ(x.error().message_en, "ID number check digit is wrong: expected X");

  EXPECT_EQ(ErrorCode("11010119900307123X"), "id_number.check_digit");
}

TEST(IdNumberTest, EverySingleDigitTypoIsCaught) {
  const std::string valid = "650102198506158872";
  for (size_t i = 0; i < valid.size(); ++i) {
    for (char digit = '0'; digit <= '9'; ++digit) {
      if (digit == valid[i]) continue;
      std::string typo = valid;
      typo[i] = digit;
      EXPECT_NE(ErrorCode(typo), "ok") << typo;
    }
  }
}

TEST(IdNumberTest, Length) {
  for (const char* text : {"", "1", "11010519491231002", "11010519491231002X1",
                           "110105491231002",  // first-generation 15-digit number
                           "11010519491231002XX", "   "}) {
    EXPECT_EQ(ErrorCode(text), "id_number.length") << text;
  }
}

TEST(IdNumberTest, LengthMessageCountsCharacters) {
  auto info = ParseIdNumber("11010519491231002", kToday);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().message, "身份证号应为 18 位，现为 17 位");
  EXPECT_EQ(ErrorCode("一二三四五六七八九十一二三四五六七八"), "id_number.format");
}

TEST(IdNumberTest, Format) {
  for (const char* text :
       {"1101051949123100XX", "X1010519491231002X", "11010519491231X021", "1101051949123100a2",
        "11010519491231002Y", "1.10105194912E+17.", "110105194912310 2X+", "11010519491231002*"}) {
    EXPECT_EQ(ErrorCode(text), "id_number.format") << text;
  }
}

TEST(IdNumberTest, Region) {
  EXPECT_EQ(ErrorCode(WithCheck("10010119900101001")), "id_number.region");
  EXPECT_EQ(ErrorCode(WithCheck("99010119900101001")), "id_number.region");
  EXPECT_EQ(ErrorCode(WithCheck("00010119900101001")), "id_number.region");
  EXPECT_EQ(ErrorCode(WithCheck("16010119900101001")), "id_number.region");
  EXPECT_EQ(ErrorCode(WithCheck("84010119900101001")), "id_number.region");
  for (const char* province : {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61",
                               "65", "71", "81", "82", "83"}) {
    const std::string number = WithCheck(std::string(province) + "000019800101001");
    EXPECT_EQ(ErrorCode(number), "ok") << number;
  }
}

TEST(IdNumberTest, BirthDateMustBeARealDay) {
  EXPECT_EQ(ErrorCode("320585200002290032"), "ok");  // 2000-02-29
  EXPECT_EQ(ErrorCode("32058520010229003X"), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010119901301001")), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010119900001001")), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010119900431001")), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010119900100001")), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010100000101001")), "id_number.birth_date");
}

TEST(IdNumberTest, BirthDateBefore1900IsRefused) {
  EXPECT_EQ(ErrorCode("440524188001010014"), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010118991231001")), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010119000101001")), "ok");
}

TEST(IdNumberTest, BirthDateMustNotBeInTheFuture) {
  EXPECT_EQ(ErrorCode(WithCheck("11010120240601001")), "ok");  // born today
  EXPECT_EQ(ErrorCode(WithCheck("11010120240602001")), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010120990101001")), "id_number.birth_date");
  EXPECT_EQ(ErrorCode(WithCheck("11010120240602001"), {2024, 6, 2}), "ok");
}

TEST(IdNumberTest, BirthDateMessageShowsTheDigits) {
  auto info = ParseIdNumber("32058520010229003X", kToday);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.error().message.find("20010229"), std::string::npos);
  EXPECT_NE(info.error().message_en.find("20010229"), std::string::npos);
}

TEST(IdNumberTest, ChecksRunInTheDocumentedOrder) {
  // Bad region, bad date and bad check digit at once: region is reported.
  EXPECT_EQ(ErrorCode("100101200113320010"), "id_number.region");
  // Bad date and bad check digit: the date is reported.
  EXPECT_EQ(ErrorCode("110101200113320010"), "id_number.birth_date");
  // Letters and wrong length: length first.
  EXPECT_EQ(ErrorCode("abc"), "id_number.length");
}

TEST(IdNumberTest, OneArgumentFormUsesTodayInChina) {
  auto info = ParseIdNumber("11010519491231002X");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->gender, Gender::kFemale);
  auto future = ParseIdNumber(WithCheck("11010129991231001"));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, "id_number.birth_date");
}

TEST(MaskIdNumberTest, KeepsTheFirstAndTheLastFourOnly) {
  EXPECT_EQ(MaskIdNumber("110101199003071234"), "1*************1234");
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "1*************002X");
  EXPECT_EQ(MaskIdNumber("11010519491231002x"), "1*************002X");
  EXPECT_EQ(MaskIdNumber(" １１０１０５１９４９１２３１００２ｘ "), "1*************002X");
}

TEST(MaskIdNumberTest, MasksAnyText) {
  EXPECT_EQ(MaskIdNumber(""), "");
  EXPECT_EQ(MaskIdNumber("12345678"), "********");
  EXPECT_EQ(MaskIdNumber("1234"), "****");
  EXPECT_EQ(MaskIdNumber("123456789"), "1****6789");
  EXPECT_EQ(MaskIdNumber("110105491231002"), "1**********1002");
  EXPECT_EQ(MaskIdNumber("身份证号码一二三四五"), "身*****二三四五");
}

TEST(MaskIdNumberTest, LeavesTooManyCandidatesToGuess) {
  // Shown: the first digit and the last four (3 sequence digits and the check
  // digit). Hidden: 5 region digits and the 8-digit birth date; even with the birth
  // date known, hundreds of real region codes remain, not 9 candidates.
  const std::string masked = MaskIdNumber("370102198805016343");
  EXPECT_EQ(masked, "3*************6343");
  EXPECT_EQ(masked.find("3701"), std::string::npos);
}

TEST(MaskIdNumberTest, NeverShowsTheBirthDate) {
  const std::string masked = MaskIdNumber("110101199003071234");
  EXPECT_EQ(masked.find("1990"), std::string::npos);
  EXPECT_EQ(masked.size(), kIdNumberLength);
}

}  // namespace
}  // namespace peixun::core
