#include "core/hours_targets.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

const TargetCheck* Find(const YearVerdict& v, const std::string& code) {
  for (const auto& c : v.checks) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

HoursProfile Township() {
  HoursProfile p;
  p.rank = CadreRank::kTownship;
  return p;
}

HoursProfile County(std::optional<CivilDate> promoted = {}) {
  HoursProfile p;
  p.rank = CadreRank::kCounty;
  p.promoted_on = promoted;
  return p;
}

// Year boundaries: hours count in the calendar year of their date, 31 Dec and 1 Jan
// on either side.
TEST(HoursTargetsTest, YearBoundaries) {
  struct Row {
    std::vector<DatedHours> hours;
    int year;
    int year_tenths;
    bool below;
    int shortfall;
  };
  const std::vector<Row> rows = {
      {{{D(2024, 12, 31), 900}}, 2024, 900, false, 0},
      {{{D(2024, 12, 31), 900}}, 2025, 0, true, 900},
      {{{D(2025, 1, 1), 900}}, 2024, 0, true, 900},
      {{{D(2025, 1, 1), 450}, {D(2025, 12, 31), 449}}, 2025, 899, true, 1},
      {{{D(2025, 1, 1), 450}, {D(2025, 12, 31), 450}}, 2025, 900, false, 0},  // exactly 90
      {{}, 2025, 0, true, 900},
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    YearVerdict v = EvaluateYear({}, Township(), rows[i].hours, rows[i].year, D(2026, 6, 1));
    EXPECT_EQ(v.year_tenths, rows[i].year_tenths);
    EXPECT_EQ(v.below, rows[i].below);
    EXPECT_EQ(v.shortfall_tenths, rows[i].shortfall);
    ASSERT_EQ(v.checks.size(), 1u);
    EXPECT_EQ(v.checks[0].code, "township_year");
  }
}

// "90 学时 or 12 days": with 6 学时 a day, 12 days are 72 学时, the lower bar.
TEST(HoursTargetsTest, DaysOrHoursTakesTheLowerBar) {
  HoursTargetRules six;
  six.tenths_per_day = 60;
  std::vector<DatedHours> h = {{D(2025, 5, 1), 720}};
  EXPECT_FALSE(EvaluateYear(six, Township(), h, 2025, D(2026, 1, 1)).below);
  EXPECT_EQ(
      Find(EvaluateYear(six, Township(), h, 2025, D(2026, 1, 1)), "township_year")->required_tenths,
      720);
  // 8 a day: 12 days are 96 学时, so 90 is the bar and 72 is short by 18.
  YearVerdict eight = EvaluateYear({}, Township(), h, 2025, D(2026, 1, 1));
  EXPECT_TRUE(eight.below);
  EXPECT_EQ(eight.shortfall_tenths, 180);
  EXPECT_EQ(TenthsForDays(six, 2, 1), 160);
  EXPECT_EQ(TenthsForDays({}, 2, 1), 200);
}

// 县处级: 550 学时 over the 5 calendar years ending with the year.
TEST(HoursTargetsTest, FiveYearWindow) {
  struct Row {
    std::vector<DatedHours> hours;
    int year;
    int earned;
    bool below;
  };
  const std::vector<Row> rows = {
      // 2021..2025 counts for 2025; 2020 does not.
      {{{D(2020, 12, 31), 5500}}, 2025, 0, true},
      {{{D(2021, 1, 1), 5500}}, 2025, 5500, false},
      {{{D(2021, 1, 1), 5500}}, 2026, 0, true},
      {{{D(2021, 6, 1), 1100}, {D(2023, 6, 1), 2200}, {D(2025, 6, 1), 2199}}, 2025, 5499, true},
      {{{D(2021, 6, 1), 1100}, {D(2023, 6, 1), 2200}, {D(2025, 6, 1), 2200}}, 2025, 5500, false},
      // A later year's hours do not count back.
      {{{D(2026, 1, 1), 5500}}, 2025, 0, true},
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    YearVerdict v = EvaluateYear({}, County(), rows[i].hours, rows[i].year, D(2027, 1, 1));
    const TargetCheck* c = Find(v, "county_window");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->earned_tenths, rows[i].earned);
    EXPECT_EQ(c->from_year, rows[i].year - 4);
    EXPECT_EQ(v.below, rows[i].below);
    EXPECT_EQ(v.shortfall_tenths, rows[i].below ? 5500 - rows[i].earned : 0);
  }
}

// Promoted to 县处级 on 2024-03-10 without 550 学时 in the 5 years before: due
// 2025-03-10, counting 2020-03-10 (exclusive) .. 2025-03-10. "With it": 550 学时
// dated 2019-03-10 .. 2024-03-09.
TEST(HoursTargetsTest, PromotionWithinTheWindow) {
  const CivilDate promoted = D(2024, 3, 10);
  struct Row {
    std::vector<DatedHours> hours;
    int year;
    CivilDate as_of;
    std::string code;
    TargetState state;
  };
  const std::vector<Row> rows = {
      // Before the promotion year: a township cadre's yearly target.
      {{}, 2023, D(2024, 1, 1), "township_year", TargetState::kBelow},
      // Promotion year, due date ahead: due, not below.
      {{{D(2022, 1, 1), 3000}}, 2024, D(2024, 12, 31), "county_promotion", TargetState::kDue},
      // Due date passed without the hours: below.
      {{{D(2022, 1, 1), 3000}}, 2025, D(2025, 3, 11), "county_promotion", TargetState::kBelow},
      // On the due date itself it is still due.
      {{{D(2022, 1, 1), 3000}}, 2025, D(2025, 3, 10), "county_promotion", TargetState::kDue},
      // Finished within the year (hours dated on the due date count).
      {{{D(2022, 1, 1), 3000}, {D(2025, 3, 10), 2500}},
       2025,
       D(2025, 12, 31),
       "county_promotion",
       TargetState::kMet},
      // A day late does not count for the promotion check.
      {{{D(2022, 1, 1), 3000}, {D(2025, 3, 11), 2500}},
       2025,
       D(2025, 12, 31),
       "county_promotion",
       TargetState::kBelow},
      // After the due year the rolling window applies again.
      {{{D(2022, 1, 1), 3000}, {D(2025, 3, 11), 2500}},
       2026,
       D(2026, 12, 31),
       "county_window",
       TargetState::kMet},
      // Promoted with it (550 in the 5 years before P): the rolling window at once.
      {{{D(2020, 3, 10), 5500}}, 2024, D(2024, 12, 31), "county_window", TargetState::kMet},
      // 2019-03-09 is more than 5 years before P: not "with it".
      {{{D(2019, 3, 9), 5500}}, 2024, D(2024, 12, 31), "county_promotion", TargetState::kDue},
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    YearVerdict v = EvaluateYear({}, County(promoted), rows[i].hours, rows[i].year, rows[i].as_of);
    ASSERT_EQ(v.checks.size(), 1u);
    EXPECT_EQ(v.checks[0].code, rows[i].code);
    EXPECT_EQ(v.checks[0].state, rows[i].state);
    EXPECT_EQ(v.below, rows[i].state == TargetState::kBelow);
    if (rows[i].code == "county_promotion") {
      ASSERT_TRUE(v.checks[0].due.has_value());
      EXPECT_EQ(*v.checks[0].due, D(2025, 3, 10));
    }
  }
}

TEST(HoursTargetsTest, LeapDayPromotionIsDueOnTheTwentyEighth) {
  YearVerdict v = EvaluateYear({}, County(D(2024, 2, 29)), {}, 2025, D(2025, 1, 1));
  ASSERT_EQ(v.checks.size(), 1u);
  EXPECT_EQ(*v.checks[0].due, D(2025, 2, 28));
}

// Carry-over of a yearly target's surplus, one step, on and off.
TEST(HoursTargetsTest, CarryOverOnAndOff) {
  HoursTargetRules on;
  on.carry_over = true;
  const std::vector<DatedHours> h = {
      {D(2023, 6, 1), 1500}, {D(2024, 6, 1), 1000}, {D(2025, 6, 1), 500}};
  struct Row {
    bool carry;
    int year;
    int carried;
    int earned;
    bool below;
  };
  const std::vector<Row> rows = {
      {false, 2024, 0, 1000, false}, {true, 2024, 600, 1600, false},
      {false, 2025, 0, 500, true},   {true, 2025, 100, 600, true},  // 2023's surplus is gone
      {true, 2026, 0, 0, true},                                     // 2025 had no surplus
      {true, 2023, 0, 1500, false},
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    YearVerdict v = EvaluateYear(rows[i].carry ? on : HoursTargetRules{}, Township(), h,
                                 rows[i].year, D(2027, 1, 1));
    const TargetCheck* c = Find(v, "township_year");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->carried_in_tenths, rows[i].carried);
    EXPECT_EQ(c->earned_tenths, rows[i].earned);
    EXPECT_EQ(v.below, rows[i].below);
    if (rows[i].below) EXPECT_EQ(v.shortfall_tenths, 900 - rows[i].earned);
  }
}

// Role targets add up; the largest shortfall is the person's.
TEST(HoursTargetsTest, RoleTargets) {
  HoursProfile p;
  p.party_member = true;
  p.grassroots_secretary = true;
  const std::vector<DatedHours> h = {{D(2025, 4, 1), 400}};
  YearVerdict v = EvaluateYear({}, p, h, 2025, D(2026, 1, 1));
  ASSERT_EQ(v.checks.size(), 2u);
  EXPECT_EQ(Find(v, "party_member_year")->state, TargetState::kMet);  // 40 ≥ 32
  EXPECT_EQ(Find(v, "secretary_year")->state, TargetState::kBelow);   // 40 < 56
  EXPECT_EQ(v.shortfall_tenths, 160);
  // No rank, no role: no target.
  YearVerdict none = EvaluateYear({}, HoursProfile{}, h, 2025, D(2026, 1, 1));
  EXPECT_FALSE(none.has_target);
  EXPECT_FALSE(none.below);
  // Exactly at 32.
  p.grassroots_secretary = false;
  EXPECT_FALSE(EvaluateYear({}, p, {{D(2025, 1, 1), 320}}, 2025, D(2026, 1, 1)).below);
  EXPECT_TRUE(EvaluateYear({}, p, {{D(2025, 1, 1), 319}}, 2025, D(2026, 1, 1)).below);
}

TEST(HoursTargetsTest, ValidateNamesTheField) {
  HoursTargetRules r;
  EXPECT_TRUE(ValidateHoursTargetRules(r).ok());
  r.tenths_per_day = 0;
  Status s = ValidateHoursTargetRules(r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "records.targets.range");
  EXPECT_EQ(s.error().field, "hours_per_day");
  r = {};
  r.county_window_years = 0;
  EXPECT_EQ(ValidateHoursTargetRules(r).error().field, "county_window_years");
}

}  // namespace
}  // namespace peixun::core
