#include "core/credit_hours.h"

#include <gtest/gtest.h>

#include <climits>

namespace peixun::core {
namespace {

constexpr int64_t kMinute = 60'000;

int Tenths(int minutes, const CreditHourRule& rule = {}) {
  return CreditTenthsForDuration(minutes * kMinute, rule);
}

TEST(CreditHoursTest, DefaultRuleIsFortyFiveMinutesRoundedDownToAHalf) {
  EXPECT_EQ(Tenths(0), 0);
  EXPECT_EQ(Tenths(22), 0);
  EXPECT_EQ(Tenths(23), 5);  // 23 min is just over half a 学时
  EXPECT_EQ(Tenths(44), 5);
  EXPECT_EQ(Tenths(45), 10);
  EXPECT_EQ(Tenths(90), 20);
  EXPECT_EQ(Tenths(100), 20);
  EXPECT_EQ(Tenths(112), 20);
  EXPECT_EQ(Tenths(113), 25);  // 2.51 学时
  EXPECT_EQ(Tenths(120), 25);
  EXPECT_EQ(Tenths(135), 30);
  EXPECT_EQ(Tenths(180), 40);
  EXPECT_EQ(Tenths(8 * 60), 105);  // 10.67 学时 → 10.5
}

TEST(CreditHoursTest, PartialMinutesDoNotCount) {
  EXPECT_EQ(CreditTenthsForDuration(45 * kMinute - 1, {}), 5);
  EXPECT_EQ(CreditTenthsForDuration(45 * kMinute + 59'999, {}), 10);
}

TEST(CreditHoursTest, NegativeDurationCountsAsZero) {
  EXPECT_EQ(CreditTenthsForDuration(-90 * kMinute, {}), 0);
  EXPECT_EQ(SessionCreditTenths(std::nullopt, 1000 * kMinute, 900 * kMinute, {}), 0);
}

TEST(CreditHoursTest, NoRoundingKeepsTruncatedTenths) {
  CreditHourRule rule;
  rule.rounding = CreditHourRule::Rounding::kNone;
  EXPECT_EQ(Tenths(90, rule), 20);
  EXPECT_EQ(Tenths(100, rule), 22);  // 2.22…
  EXPECT_EQ(Tenths(4, rule), 0);     // 0.088…
  EXPECT_EQ(Tenths(5, rule), 1);
}

TEST(CreditHoursTest, SixtyMinuteHours) {
  CreditHourRule rule;
  rule.minutes_per_hour = 60;
  EXPECT_EQ(Tenths(90, rule), 15);
  EXPECT_EQ(Tenths(100, rule), 15);
  EXPECT_EQ(Tenths(120, rule), 20);
}

TEST(CreditHoursTest, PerHalfDay) {
  CreditHourRule rule;
  rule.tenths_per_half_day = 40;     // a half day counts as 4 学时
  EXPECT_EQ(Tenths(179, rule), 35);  // shorter than a half day: by duration (3.97 → 3.5)
  EXPECT_EQ(Tenths(180, rule), 40);
  EXPECT_EQ(Tenths(210, rule), 40);  // 08:30–12:00
  EXPECT_EQ(Tenths(359, rule), 40);
  EXPECT_EQ(Tenths(360, rule), 80);
  EXPECT_EQ(Tenths(510, rule), 80);  // 08:30–17:00 field trip: two half days
  rule.half_day_minutes = 150;
  EXPECT_EQ(Tenths(150, rule), 40);
}

TEST(CreditHoursTest, ExplicitValueWins) {
  CreditHourRule rule;
  EXPECT_EQ(SessionCreditTenths(15, 0, 180 * kMinute, rule), 15);
  EXPECT_EQ(SessionCreditTenths(0, 0, 180 * kMinute, rule), 0);
  EXPECT_EQ(SessionCreditTenths(-5, 0, 180 * kMinute, rule), 0);
  EXPECT_EQ(SessionCreditTenths(std::nullopt, 0, 180 * kMinute, rule), 40);
  rule.tenths_per_half_day = 30;
  EXPECT_EQ(SessionCreditTenths(std::nullopt, 0, 180 * kMinute, rule), 30);
  EXPECT_EQ(SessionCreditTenths(25, 0, 180 * kMinute, rule), 25);
}

TEST(CreditHoursTest, ValidatesTheRule) {
  EXPECT_TRUE(ValidateCreditHourRule({}).ok());
  CreditHourRule rule;
  rule.minutes_per_hour = 0;
  auto status = ValidateCreditHourRule(rule);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "credit_hours.rule");
  EXPECT_EQ(status.error().field, "minutes_per_hour");
  EXPECT_EQ(status.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(Tenths(90, rule), 0);  // an invalid rule credits nothing rather than dividing by 0

  rule = {};
  rule.tenths_per_half_day = -1;
  EXPECT_EQ(ValidateCreditHourRule(rule).error().field, "tenths_per_half_day");
  rule = {};
  rule.half_day_minutes = 0;
  EXPECT_EQ(ValidateCreditHourRule(rule).error().field, "half_day_minutes");
  rule.half_day_minutes = 1441;
  EXPECT_FALSE(ValidateCreditHourRule(rule).ok());
  rule = {};
  rule.minutes_per_hour = 601;
  EXPECT_FALSE(ValidateCreditHourRule(rule).ok());
}

TEST(CreditHoursTest, HugeDurationsSaturate) {
  EXPECT_EQ(CreditTenthsForDuration(INT64_MAX, {}), INT_MAX);
}

TEST(CreditHoursTest, FormatsTenths) {
  EXPECT_EQ(FormatCreditTenths(0), "0");
  EXPECT_EQ(FormatCreditTenths(5), "0.5");
  EXPECT_EQ(FormatCreditTenths(20), "2");
  EXPECT_EQ(FormatCreditTenths(25), "2.5");
  EXPECT_EQ(FormatCreditTenths(22), "2.2");
  EXPECT_EQ(FormatCreditTenths(5600), "560");
  EXPECT_EQ(FormatCreditTenths(-15), "-1.5");
  EXPECT_EQ(FormatCreditTenths(-3), "-0.3");
  EXPECT_EQ(FormatCreditTenths(INT_MIN), "-214748364.8");
}

TEST(CreditHoursTest, ParsesWhatCellsHold) {
  auto parsed = [](std::string_view text) {
    auto r = ParseCreditTenths(text);
    EXPECT_TRUE(r.ok()) << text;
    return r.ok() ? *r : -1;
  };
  EXPECT_EQ(parsed("2"), 20);
  EXPECT_EQ(parsed("2.5"), 25);
  EXPECT_EQ(parsed("2.0"), 20);
  EXPECT_EQ(parsed("2.50"), 25);
  EXPECT_EQ(parsed("0.5"), 5);
  EXPECT_EQ(parsed(".5"), 5);
  EXPECT_EQ(parsed("0"), 0);
  EXPECT_EQ(parsed(" 3 "), 30);
  EXPECT_EQ(parsed("２．５"), 25);  // full-width, as pasted from a Word table
  EXPECT_EQ(parsed("1000"), 10000);
  EXPECT_EQ(parsed("0001000.0"), 10000);
  for (int tenths : {0, 5, 10, 25, 123, 9999}) {
    EXPECT_EQ(parsed(FormatCreditTenths(tenths)), tenths);
  }
}

TEST(CreditHoursTest, RefusesWhatIsNotAFigure) {
  auto code = [](std::string_view text) {
    auto r = ParseCreditTenths(text);
    if (r.ok()) return std::string("ok");
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    EXPECT_FALSE(r.error().message.empty());
    EXPECT_FALSE(r.error().message_en.empty());
    return r.error().code;
  };
  EXPECT_EQ(code(""), "credit_hours.format");
  EXPECT_EQ(code("."), "credit_hours.format");
  EXPECT_EQ(code("2."), "credit_hours.format");
  EXPECT_EQ(code("-1"), "credit_hours.format");
  EXPECT_EQ(code("2,5"), "credit_hours.format");
  EXPECT_EQ(code("两"), "credit_hours.format");
  EXPECT_EQ(code("2.5.1"), "credit_hours.format");
  EXPECT_EQ(code("1e3"), "credit_hours.format");
  EXPECT_EQ(code("2.25"), "credit_hours.precision");
  EXPECT_EQ(code("2.05"), "credit_hours.precision");
  EXPECT_EQ(code("1000.1"), "credit_hours.range");
  EXPECT_EQ(code("99999999999999999999"), "credit_hours.range");
}

}  // namespace
}  // namespace peixun::core
