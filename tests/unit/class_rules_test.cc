// ClassRules: DESIGN.md's defaults, JSON round trip, defaults for missing keys,
// validation errors that name the key.
#include <gtest/gtest.h>

#include "modules/classes/class_rules.h"

namespace peixun::classes {
namespace {

using nlohmann::json;

TEST(ClassRulesTest, DefaultsAreDesignFigures) {
  ClassRules r;
  EXPECT_EQ(r.checkin_before_minutes, 30);
  EXPECT_EQ(r.checkin_after_minutes, 0);
  EXPECT_EQ(r.checkout_after_minutes, 30);
  EXPECT_EQ(r.late_grace_minutes, 5);
  EXPECT_EQ(r.early_grace_minutes, 5);
  EXPECT_EQ(r.leave_share_numerator, 1);
  EXPECT_EQ(r.leave_share_denominator, 7);
  EXPECT_EQ(r.absence_limit, 0);
  EXPECT_EQ(r.discipline_limit, 3);
  EXPECT_EQ(r.exam_pass_mark, 60);
  EXPECT_TRUE(r.reflection_required);
  EXPECT_EQ(r.minutes_per_credit_hour, 45);
  EXPECT_EQ(r.qr_period_seconds, 20);
  EXPECT_FALSE(r.credit_tenths_per_half_day.has_value());
  EXPECT_TRUE(ValidateClassRules(r).ok());
}

TEST(ClassRulesTest, EmptyAndNullGiveDefaults) {
  auto a = ClassRulesFromJson(json::object());
  auto b = ClassRulesFromJson(nullptr);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, ClassRules{});
  EXPECT_EQ(*b, ClassRules{});
}

TEST(ClassRulesTest, RoundTrip) {
  ClassRules r;
  r.late_grace_minutes = 10;
  r.leave_share_numerator = 1;
  r.leave_share_denominator = 5;
  r.reflection_required = false;
  r.credit_rounding = core::CreditHourRule::Rounding::kNone;
  r.credit_tenths_per_half_day = 40;
  r.qr_period_seconds = 30;
  const json j = ClassRulesToJson(r);
  EXPECT_EQ(j["late_grace_minutes"], 10);
  EXPECT_EQ(j["leave_share_denominator"], 5);
  EXPECT_EQ(j["credit_rounding"], "none");
  EXPECT_EQ(j["credit_tenths_per_half_day"], 40);
  auto back = ClassRulesFromJson(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, r);
  // Through text too, as the store keeps it.
  auto again = ClassRulesFromJson(json::parse(j.dump()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, r);
}

TEST(ClassRulesTest, DefaultsJsonHasEveryKeyWithNullHalfDay) {
  const json j = ClassRulesToJson(ClassRules{});
  EXPECT_EQ(j.size(), 16u);
  EXPECT_TRUE(j["credit_tenths_per_half_day"].is_null());
  EXPECT_EQ(j["exam_pass_mark"], 60);
  EXPECT_EQ(j["reflection_required"], true);
}

TEST(ClassRulesTest, MissingKeysKeepDefaults) {
  auto r = ClassRulesFromJson(json{{"exam_pass_mark", 70}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exam_pass_mark, 70);
  EXPECT_EQ(r->late_grace_minutes, 5);
  EXPECT_EQ(r->leave_share_denominator, 7);
}

TEST(ClassRulesTest, ErrorsNameTheKey) {
  struct Case {
    json input;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {json{{"late_grace_minutes", -1}}, "classes.rules.range", "rules.late_grace_minutes"},
      {json{{"exam_pass_mark", 101}}, "classes.rules.range", "rules.exam_pass_mark"},
      {json{{"leave_share_denominator", 0}}, "classes.rules.range",
       "rules.leave_share_denominator"},
      {json{{"leave_share_numerator", 8}}, "classes.rules.range", "rules.leave_share_numerator"},
      {json{{"qr_period_seconds", 1}}, "classes.rules.range", "rules.qr_period_seconds"},
      {json{{"minutes_per_credit_hour", 0}}, "classes.rules.range",
       "rules.minutes_per_credit_hour"},
      {json{{"late_grace_minutes", "5"}}, "classes.rules.format", "rules.late_grace_minutes"},
      {json{{"late_grace_minutes", 5.5}}, "classes.rules.format", "rules.late_grace_minutes"},
      {json{{"reflection_required", 1}}, "classes.rules.format", "rules.reflection_required"},
      {json{{"credit_rounding", "up"}}, "classes.rules.format", "rules.credit_rounding"},
      {json{{"credit_tenths_per_half_day", 1001}}, "classes.rules.range",
       "rules.credit_tenths_per_half_day"},
      {json{{"late_grace", 5}}, "classes.rules.unknown", "rules.late_grace"},
      {json::array(), "classes.rules.format", "rules"},
  };
  for (const auto& c : cases) {
    auto r = ClassRulesFromJson(c.input);
    ASSERT_FALSE(r.ok()) << c.input.dump();
    EXPECT_EQ(r.error().code, c.code) << c.input.dump();
    EXPECT_EQ(r.error().field, c.field) << c.input.dump();
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(ClassRulesTest, CreditRuleFollowsRules) {
  ClassRules r;
  r.minutes_per_credit_hour = 40;
  r.credit_tenths_per_half_day = 40;
  const core::CreditHourRule rule = CreditRuleOf(r);
  EXPECT_EQ(rule.minutes_per_hour, 40);
  EXPECT_EQ(rule.tenths_per_half_day, 40);
  EXPECT_EQ(core::CreditTenthsForDuration(90 * 60 * 1000, CreditRuleOf(ClassRules{})), 20);
}

}  // namespace
}  // namespace peixun::classes
