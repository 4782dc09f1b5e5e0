#include "core/sheet_time.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace peixun::core {
namespace {

constexpr int kShanghai = 480;
// UTC instants computed independently (Python datetime, +08:00).
constexpr int64_t k20200602T0827 = 1'591'057'620'000;
constexpr int64_t k20200602T0000 = 1'591'027'200'000;
constexpr int64_t k20240229T0705 = 1'709'161'500'000;
constexpr int64_t k99991231T2359 = 253'402'271'940'000;
constexpr int64_t kMinute = 60'000;
// The session's day: 2020-06-02 08:00 local.
constexpr int64_t kSessionStart = k20200602T0000 + 8 * 60 * kMinute;

TEST(SheetTimeTest, ReadsTheShapesPeopleType) {
  EXPECT_EQ(ParseSheetTime("2020-06-02 08:27", kSessionStart, kShanghai), k20200602T0827);
  EXPECT_EQ(ParseSheetTime("2020/6/2 8:27", kSessionStart, kShanghai), k20200602T0827);
  EXPECT_EQ(ParseSheetTime("2020-06-02T08:27", kSessionStart, kShanghai), k20200602T0827);
  EXPECT_EQ(ParseSheetTime("2020.06.02  08:27", kSessionStart, kShanghai), k20200602T0827);
  // Seconds (and anything else after the minutes) are dropped, as before.
  EXPECT_EQ(ParseSheetTime("2020-06-02 08:27:59", kSessionStart, kShanghai), k20200602T0827);
  EXPECT_EQ(ParseSheetTime("2024-02-29 07:05", kSessionStart, kShanghai), k20240229T0705);
  EXPECT_EQ(ParseSheetTime("9999-12-31 23:59", kSessionStart, kShanghai), k99991231T2359);
}

TEST(SheetTimeTest, AClockTimeIsOnTheSessionsDay) {
  EXPECT_EQ(ParseSheetTime("08:27", kSessionStart, kShanghai), k20200602T0827);
  EXPECT_EQ(ParseSheetTime("8:27", kSessionStart, kShanghai), k20200602T0827);
  EXPECT_EQ(ParseSheetTime("0:00", kSessionStart, kShanghai), k20200602T0000);
  EXPECT_EQ(ParseSheetTime("23:59", kSessionStart, kShanghai),
            k20200602T0000 + (24 * 60 - 1) * kMinute);
}

TEST(SheetTimeTest, RefusesTimesAndDaysThatDoNotExist) {
  for (const char* text : {"", "abc", "24:00", "08:60", "8", "08:", ":27", "-1:30", "08:-5",
                           "08:275", "2020-13-01 08:00", "2020-00-10 08:00", "2020-06-00 08:00",
                           "2020-06-32 08:00", "2021-02-29 08:00", "2020-02-31 08:00", "2020-06-02",
                           "2020-06-0208:27", "2020--6-2 08:27"}) {
    EXPECT_EQ(ParseSheetTime(text, kSessionStart, kShanghai), std::nullopt) << text;
  }
}

// Found by fuzz/fuzz_sheet_time.cc under UBSan: a year of 9 or more digits overflowed
// int64 milliseconds (signed overflow, undefined), and one of 10 or more overflowed
// sscanf's int (undefined too). Years outside 1900..9999 are refused.
TEST(SheetTimeTest, RefusesYearsOutsideTheCalendarRange) {
  for (const char* text :
       {"2147483647-1-1 08:00", "999999999-1-1 08:00", "99999999999999999999-1-1 08:00",
        "10000-01-01 00:00", "1899-12-31 23:59", "0-1-1 00:00", "-2020-06-02 08:27"}) {
    EXPECT_EQ(ParseSheetTime(text, kSessionStart, kShanghai), std::nullopt) << text;
  }
  EXPECT_EQ(ParseSheetTime("08:99999999999999999999", kSessionStart, kShanghai), std::nullopt);
  EXPECT_EQ(ParseSheetTime("99999999999999999999:00", kSessionStart, kShanghai), std::nullopt);
}

}  // namespace
}  // namespace peixun::core
