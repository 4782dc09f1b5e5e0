#include "core/civil_date.h"

#include <gtest/gtest.h>

#include <chrono>

namespace peixun::core {
namespace {

CivilDate Parsed(std::string_view text) {
  auto date = ParseCivilDate(text);
  EXPECT_TRUE(date.ok()) << text << ": " << (date.ok() ? "" : date.error().message);
  return date.ok() ? *date : CivilDate{0, 0, 0};
}

std::string ErrorCode(std::string_view text) {
  auto date = ParseCivilDate(text);
  if (date.ok()) return "ok " + FormatCivilDate(*date);
  EXPECT_EQ(date.error().kind, ErrorKind::kInvalid);
  EXPECT_FALSE(date.error().message.empty());
  EXPECT_FALSE(date.error().message_en.empty());
  EXPECT_TRUE(date.error().field.empty());
  return date.error().code;
}

constexpr CivilDate kMayDay{2020, 5, 1};

TEST(CivilDateTest, LeapYears) {
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_TRUE(IsLeapYear(2020));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_FALSE(IsLeapYear(2023));
}

TEST(CivilDateTest, DaysInMonth) {
  EXPECT_EQ(DaysInMonth(2021, 1), 31);
  EXPECT_EQ(DaysInMonth(2021, 2), 28);
  EXPECT_EQ(DaysInMonth(2020, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2021, 4), 30);
  EXPECT_EQ(DaysInMonth(2021, 12), 31);
  EXPECT_EQ(DaysInMonth(2021, 0), 0);
  EXPECT_EQ(DaysInMonth(2021, 13), 0);
}

TEST(CivilDateTest, Validity) {
  EXPECT_TRUE(IsValidCivilDate({2020, 2, 29}));
  EXPECT_TRUE(IsValidCivilDate({2021, 12, 31}));
  EXPECT_FALSE(IsValidCivilDate({2021, 2, 29}));
  EXPECT_FALSE(IsValidCivilDate({2021, 4, 31}));
  EXPECT_FALSE(IsValidCivilDate({2021, 0, 1}));
  EXPECT_FALSE(IsValidCivilDate({2021, 13, 1}));
  EXPECT_FALSE(IsValidCivilDate({2021, 1, 0}));
}

TEST(CivilDateTest, DaysSinceEpochAndBack) {
  EXPECT_EQ(DaysSinceEpoch({1970, 1, 1}), 0);
  EXPECT_EQ(DaysSinceEpoch({1970, 1, 2}), 1);
  EXPECT_EQ(DaysSinceEpoch({1969, 12, 31}), -1);
  EXPECT_EQ(DaysSinceEpoch({2000, 3, 1}), 11017);
  EXPECT_EQ(DaysSinceEpoch(kMayDay), 18383);
  EXPECT_EQ(DaysSinceEpoch({1899, 12, 30}), -25569);
  for (int64_t days = -80000; days <= 80000; days += 97) {
    const CivilDate date = CivilDateFromDays(days);
    EXPECT_TRUE(IsValidCivilDate(date)) << days;
    EXPECT_EQ(DaysSinceEpoch(date), days);
  }
  EXPECT_EQ(CivilDateFromDays(18383), kMayDay);
}

TEST(CivilDateTest, Ordering) {
  EXPECT_LT((CivilDate{2020, 5, 1}), (CivilDate{2020, 5, 2}));
  EXPECT_LT((CivilDate{2020, 4, 30}), (CivilDate{2020, 5, 1}));
  EXPECT_LT((CivilDate{2019, 12, 31}), (CivilDate{2020, 1, 1}));
  EXPECT_EQ((CivilDate{2020, 5, 1}), kMayDay);
  EXPECT_EQ(CivilDate{}, (CivilDate{1970, 1, 1}));
}

TEST(CivilDateTest, CivilDateAtUsesTheOffset) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::sys_days;
  // 2024-01-01 16:00 UTC is already 2024-01-02 in Beijing.
  const auto t = sys_days{std::chrono::year{2024} / 1 / 1} + hours{16};
  EXPECT_EQ(CivilDateAt(t, kChinaUtcOffset), (CivilDate{2024, 1, 2}));
  EXPECT_EQ(CivilDateAt(t, minutes{0}), (CivilDate{2024, 1, 1}));
  EXPECT_EQ(CivilDateAt(t - hours{1}, kChinaUtcOffset), (CivilDate{2024, 1, 1}));
  // Before the epoch, days still start at midnight.
  EXPECT_EQ(CivilDateAt(sys_days{std::chrono::year{1960} / 6 / 1} + hours{1}, minutes{-120}),
            (CivilDate{1960, 5, 31}));
}

TEST(CivilDateTest, TodayInChinaIsPlausible) {
  const CivilDate today = TodayInChina();
  EXPECT_TRUE(IsValidCivilDate(today));
  EXPECT_GE(today.year, 2024);
}

TEST(CivilDateTest, AgeOn) {
  const CivilDate birth{1990, 3, 7};
  EXPECT_EQ(AgeOn(birth, {2020, 3, 6}), 29);
  EXPECT_EQ(AgeOn(birth, {2020, 3, 7}), 30);
  EXPECT_EQ(AgeOn(birth, {2020, 12, 31}), 30);
  EXPECT_EQ(AgeOn(birth, birth), 0);
  EXPECT_EQ(AgeOn(birth, {1980, 1, 1}), 0);
  const CivilDate leap_day{2000, 2, 29};
  EXPECT_EQ(AgeOn(leap_day, {2001, 2, 28}), 0);
  EXPECT_EQ(AgeOn(leap_day, {2001, 3, 1}), 1);
  EXPECT_EQ(AgeOn(leap_day, {2004, 2, 29}), 4);
}

TEST(CivilDateTest, FormatsIsoDates) {
  EXPECT_EQ(FormatCivilDate(kMayDay), "2020-05-01");
  EXPECT_EQ(FormatCivilDate({1999, 12, 31}), "1999-12-31");
  EXPECT_EQ(FormatCivilDate({999, 1, 2}), "0999-01-02");
}

TEST(ParseCivilDateTest, SeparatedForms) {
  for (const char* text :
       {"2020-05-01", "2020-5-1", "2020/05/01", "2020/5/1", "2020.05.01", "2020.5.1", "2020-05-1",
        " 2020-05-01 ", "２０２０－０５－０１", "２０２０／５／１", "２０２０．５．１"}) {
    EXPECT_EQ(Parsed(text), kMayDay) << text;
  }
}

TEST(ParseCivilDateTest, SeparatedFormsWithATimeOfDay) {
  for (const char* text : {"2020-05-01 00:00:00", "2020-05-01 08:30", "2020/5/1 8:30",
                           "2020-05-01T23:59:59", "2020-05-01 00:00:00.000", "2020-05-01  8:30"}) {
    EXPECT_EQ(Parsed(text), kMayDay) << text;
  }
  EXPECT_EQ(ErrorCode("2020-05-01 24:00"), "date.format");
  EXPECT_EQ(ErrorCode("2020-05-01 8:60"), "date.format");
  EXPECT_EQ(ErrorCode("2020-05-01 8:5"), "date.format");
  EXPECT_EQ(ErrorCode("2020-05-01 noon"), "date.format");
  EXPECT_EQ(ErrorCode("2020-05-01T"), "date.format");
  EXPECT_EQ(ErrorCode("2020-05-01 08:30:"), "date.format");
}

TEST(ParseCivilDateTest, CompactForm) {
  EXPECT_EQ(Parsed("20200501"), kMayDay);
  EXPECT_EQ(Parsed("19491231"), (CivilDate{1949, 12, 31}));
  EXPECT_EQ(Parsed("２０２００５０１"), kMayDay);
  EXPECT_EQ(ErrorCode("2020051"), "date.format");
  EXPECT_EQ(ErrorCode("202005011"), "date.format");
  EXPECT_EQ(ErrorCode("20201301"), "date.invalid");
}

TEST(ParseCivilDateTest, ChineseForm) {
  for (const char* text : {"2020年5月1日", "2020年05月01日", "2020年5月1号", "2020年5月1",
                           "2020 年 5 月 1 日", "２０２０年５月１日"}) {
    EXPECT_EQ(Parsed(text), kMayDay) << text;
  }
  EXPECT_EQ(ErrorCode("2020年5月"), "date.format");
  EXPECT_EQ(ErrorCode("20年5月1日"), "date.format");
  EXPECT_EQ(ErrorCode("2020年5月1日上午"), "date.format");
  EXPECT_EQ(ErrorCode("二〇二〇年五月一日"), "date.format");
  EXPECT_EQ(ErrorCode("2020年2月30日"), "date.invalid");
}

TEST(ParseCivilDateTest, ExcelSerialNumbers) {
  EXPECT_EQ(Parsed("43952"), kMayDay);
  EXPECT_EQ(Parsed("43831"), (CivilDate{2020, 1, 1}));
  EXPECT_EQ(Parsed("36526"), (CivilDate{2000, 1, 1}));
  EXPECT_EQ(Parsed("10000"), (CivilDate{1927, 5, 18}));
  EXPECT_EQ(Parsed("99999"), (CivilDate{2173, 10, 13}));
  EXPECT_EQ(Parsed("43952.0"), kMayDay);
  EXPECT_EQ(Parsed("43952.75"), kMayDay);
  EXPECT_EQ(Parsed("４３９５２"), kMayDay);
  // Short numbers are years or typos, not days of 1900-1927.
  EXPECT_EQ(ErrorCode("2020"), "date.format");
  EXPECT_EQ(ErrorCode("9999"), "date.format");
  EXPECT_EQ(ErrorCode("60"), "date.format");
  EXPECT_EQ(ErrorCode("100000"), "date.format");
  EXPECT_EQ(ErrorCode("43952."), "date.format");
  EXPECT_EQ(ErrorCode("43952.x"), "date.format");
  EXPECT_EQ(ErrorCode("-43952"), "date.format");
}

TEST(ParseCivilDateTest, LeapDays) {
  EXPECT_EQ(Parsed("2020-02-29"), (CivilDate{2020, 2, 29}));
  EXPECT_EQ(Parsed("2000-02-29"), (CivilDate{2000, 2, 29}));
  EXPECT_EQ(ErrorCode("2021-02-29"), "date.invalid");
  EXPECT_EQ(ErrorCode("1900-02-29"), "date.invalid");
  EXPECT_EQ(ErrorCode("2100-02-29"), "date.invalid");
}

TEST(ParseCivilDateTest, ImpossibleDays) {
  EXPECT_EQ(ErrorCode("2020-00-10"), "date.invalid");
  EXPECT_EQ(ErrorCode("2020-13-01"), "date.invalid");
  EXPECT_EQ(ErrorCode("2020-04-31"), "date.invalid");
  EXPECT_EQ(ErrorCode("2020-05-00"), "date.invalid");
  EXPECT_EQ(ErrorCode("2020-05-32"), "date.invalid");
}

TEST(ParseCivilDateTest, YearRange) {
  EXPECT_EQ(Parsed("1900-01-01"), (CivilDate{1900, 1, 1}));
  EXPECT_EQ(Parsed("9999-12-31"), (CivilDate{9999, 12, 31}));
  EXPECT_EQ(ErrorCode("1899-12-31"), "date.range");
  EXPECT_EQ(ErrorCode("0202-05-01"), "date.range");
  EXPECT_EQ(ErrorCode("02020501"), "date.range");
}

TEST(ParseCivilDateTest, UnrecognizedText) {
  for (const char* text : {"", " ", "abc", "2020-05", "2020-05-01-02", "2020-05/01", "2020--05-01",
                           "20-5-1", "5/1/2020", "01.05.2020", "2020_05_01", "2020-005-01",
                           "2020-05-001", "+2020-05-01", "2020 05 01", "May 1, 2020"}) {
    EXPECT_EQ(ErrorCode(text), "date.format") << text;
  }
}

TEST(ParseCivilDateTest, MessagesNameTheInput) {
  auto date = ParseCivilDate("abc");
  ASSERT_FALSE(date.ok());
  EXPECT_NE(date.error().message.find("abc"), std::string::npos);
  EXPECT_NE(date.error().message_en.find("abc"), std::string::npos);
  EXPECT_EQ(date.error().MessageFor("en"), date.error().message_en);
}

TEST(ParseCivilDateTest, FormatParsesBack) {
  for (int64_t days = -25000; days <= 60000; days += 331) {
    const CivilDate date = CivilDateFromDays(days);
    EXPECT_EQ(Parsed(FormatCivilDate(date)), date);
  }
}

}  // namespace
}  // namespace peixun::core
