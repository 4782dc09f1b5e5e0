// 学时 targets of the hours ledger (学时台账): which targets a person has by rank and
// role, and whether the hours they earned meet them in a given year. Pure.
//
// Defaults (DESIGN.md; 《干部教育培训工作条例》 art. 14, 党员教育管理工作条例):
//   乡科级及以下        ≥ 90 学时 or 12 days in the calendar year
//   县处级及以上        ≥ 550 学时 or 3 months (90 days) in the 5 calendar years ending
//                      with the year (a rolling window: 2021-2025 for 2025)
//   party members       ≥ 32 学时 a year
//   grassroots party secretaries ≥ 56 学时 a year
// "Or N days": days are hours under the day conversion (tenths_per_day, e.g. 8 or 6
// 学时 a day), so a target is met when earned ≥ min(hours, days × per day).
//
// Promotion: one promoted to 县处级 on date P who had not met the 5-year target in
// the 5 years before P must meet it within a year (due P + 1 year, same month and
// day; 29 Feb → 28 Feb), counting the 5 years before the due date. While the due
// date is on or after `as_of`, the check is "due" (shown with its shortfall, not
// below).
//
// Carry-over (off by default): the surplus of a yearly target in year Y−1 (earned in
// Y−1 without its own carry-in, minus that year's requirement) counts in year Y. One
// step only: surplus does not snowball over several years.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"

namespace peixun::core {

struct HoursTargetRules {
  int township_year_tenths = 900;  // 乡科级及以下, a year
  int township_year_days = 12;
  int county_window_tenths = 5500;  // 县处级及以上, per window
  int county_window_days = 90;      // 3 months
  int county_window_years = 5;
  int party_member_year_tenths = 320;
  int secretary_year_tenths = 560;
  int tenths_per_day = 80;       // day → 学时 (8 a day; 6 is common too)
  int tenths_per_half_day = 40;  // half a day → 学时
  bool carry_over = false;
  int promotion_grace_years = 1;
};

// Ok, or kInvalid "records.targets.range" naming the member out of range.
Status ValidateHoursTargetRules(const HoursTargetRules& rules);

enum class CadreRank { kNone, kTownship, kCounty };

struct HoursProfile {
  CadreRank rank = CadreRank::kNone;
  bool party_member = false;
  bool grassroots_secretary = false;
  std::optional<CivilDate> promoted_on;  // to 县处级
};

// Credited 学时 on a date (a class counts on its last day; outside study on its end).
struct DatedHours {
  CivilDate date;
  int tenths = 0;
};

enum class TargetState { kMet, kBelow, kDue };
const char* TargetStateCode(TargetState state);  // "met", "below", "due"

struct TargetCheck {
  std::string code;  // township_year | county_window | county_promotion | party_member_year
                     // | secretary_year
  int required_tenths = 0;
  int earned_tenths = 0;  // carry-in included
  int carried_in_tenths = 0;
  int shortfall_tenths = 0;  // max(0, required − earned)
  int from_year = 0;         // the years counted (inclusive)
  int to_year = 0;
  std::optional<CivilDate> due;  // county_promotion only
  TargetState state = TargetState::kMet;
};

struct YearVerdict {
  int year = 0;
  int year_tenths = 0;              // earned in the year itself
  std::vector<TargetCheck> checks;  // empty: no target applies
  bool has_target = false;
  bool below = false;        // some check is kBelow
  int shortfall_tenths = 0;  // the largest shortfall of the kBelow checks
};

// `hours` in any order; `as_of` decides whether a promotion's due date has passed.
YearVerdict EvaluateYear(const HoursTargetRules& rules, const HoursProfile& profile,
                         const std::vector<DatedHours>& hours, int year, const CivilDate& as_of);

// The 学时 of `days` whole days and `half_days` half days under the rules.
int TenthsForDays(const HoursTargetRules& rules, int days, int half_days);

}  // namespace peixun::core
