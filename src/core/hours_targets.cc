#include "core/hours_targets.h"

#include <algorithm>

namespace peixun::core {
namespace {

// The same month and day `years` later (29 Feb → 28 Feb in a common year).
CivilDate AddYears(const CivilDate& d, int years) {
  CivilDate out{d.year + years, d.month, d.day};
  out.day = std::min(out.day, DaysInMonth(out.year, out.month));
  return out;
}

int SumYears(const std::vector<DatedHours>& hours, int from_year, int to_year) {
  int sum = 0;
  for (const auto& h : hours) {
    if (h.date.year >= from_year && h.date.year <= to_year) sum += h.tenths;
  }
  return sum;
}

// Hours dated between `from` and `to`, each end included or not as asked.
int SumBetween(const std::vector<DatedHours>& hours, const CivilDate& from, const CivilDate& to,
               bool include_from, bool include_to) {
  int sum = 0;
  for (const auto& h : hours) {
    bool after = include_from ? h.date >= from : h.date > from;
    bool before = include_to ? h.date <= to : h.date < to;
    if (after && before) sum += h.tenths;
  }
  return sum;
}

int Required(int tenths, int days, int per_day) {
  if (days <= 0) return tenths;
  return std::min(tenths, days * per_day);
}

TargetCheck YearCheck(const std::string& code, int required, const HoursTargetRules& rules,
                      const std::vector<DatedHours>& hours, int year) {
  TargetCheck c;
  c.code = code;
  c.required_tenths = required;
  c.from_year = c.to_year = year;
  const int earned = SumYears(hours, year, year);
  if (rules.carry_over) {
    c.carried_in_tenths = std::max(0, SumYears(hours, year - 1, year - 1) - required);
  }
  c.earned_tenths = earned + c.carried_in_tenths;
  c.shortfall_tenths = std::max(0, required - c.earned_tenths);
  c.state = c.shortfall_tenths > 0 ? TargetState::kBelow : TargetState::kMet;
  return c;
}

}  // namespace

const char* TargetStateCode(TargetState state) {
  switch (state) {
    case TargetState::kMet:
      return "met";
    case TargetState::kBelow:
      return "below";
    case TargetState::kDue:
      return "due";
  }
  return "met";
}

Status ValidateHoursTargetRules(const HoursTargetRules& r) {
  auto bad = [](const char* field) -> Status {
    return Invalid("records.targets.range", std::string("学时目标设置超出范围：") + field,
                   std::string("hours target setting out of range: ") + field, field);
  };
  auto tenths_ok = [](int v) { return v >= 0 && v <= 100000; };
  if (!tenths_ok(r.township_year_tenths)) return bad("township_year_hours");
  if (r.township_year_days < 0 || r.township_year_days > 366) return bad("township_year_days");
  if (!tenths_ok(r.county_window_tenths)) return bad("county_window_hours");
  if (r.county_window_days < 0 || r.county_window_days > 1830) return bad("county_window_days");
  if (r.county_window_years < 1 || r.county_window_years > 10) return bad("county_window_years");
  if (!tenths_ok(r.party_member_year_tenths)) return bad("party_member_year_hours");
  if (!tenths_ok(r.secretary_year_tenths)) return bad("secretary_year_hours");
  if (r.tenths_per_day < 1 || r.tenths_per_day > 240) return bad("hours_per_day");
  if (r.tenths_per_half_day < 1 || r.tenths_per_half_day > 120) return bad("hours_per_half_day");
  if (r.promotion_grace_years < 0 || r.promotion_grace_years > 5) {
    return bad("promotion_grace_years");
  }
  return Ok();
}

int TenthsForDays(const HoursTargetRules& rules, int days, int half_days) {
  return std::max(0, days) * rules.tenths_per_day +
         std::max(0, half_days) * rules.tenths_per_half_day;
}

YearVerdict EvaluateYear(const HoursTargetRules& rules, const HoursProfile& p,
                         const std::vector<DatedHours>& hours, int year, const CivilDate& as_of) {
  YearVerdict v;
  v.year = year;
  v.year_tenths = SumYears(hours, year, year);

  const int township_required =
      Required(rules.township_year_tenths, rules.township_year_days, rules.tenths_per_day);
  const int county_required =
      Required(rules.county_window_tenths, rules.county_window_days, rules.tenths_per_day);
  const int window = rules.county_window_years;

  if (p.rank == CadreRank::kTownship ||
      (p.rank == CadreRank::kCounty && p.promoted_on && year < p.promoted_on->year)) {
    // Before the promotion year a county cadre was still at township level.
    v.checks.push_back(YearCheck("township_year", township_required, rules, hours, year));
  } else if (p.rank == CadreRank::kCounty) {
    bool promotion_check = false;
    if (p.promoted_on) {
      const CivilDate promoted = *p.promoted_on;
      const int before =
          SumBetween(hours, AddYears(promoted, -window), promoted, /*include_from=*/true,
                     /*include_to=*/false);
      const CivilDate due = AddYears(promoted, rules.promotion_grace_years);
      if (before < county_required && year <= due.year) {
        promotion_check = true;
        TargetCheck c;
        c.code = "county_promotion";
        c.required_tenths = county_required;
        c.earned_tenths = SumBetween(hours, AddYears(due, -window), due, false, true);
        c.shortfall_tenths = std::max(0, county_required - c.earned_tenths);
        c.from_year = due.year - window + 1;
        c.to_year = due.year;
        c.due = due;
        if (c.shortfall_tenths == 0) {
          c.state = TargetState::kMet;
        } else {
          c.state = due >= as_of ? TargetState::kDue : TargetState::kBelow;
        }
        v.checks.push_back(c);
      }
    }
    if (!promotion_check) {
      TargetCheck c;
      c.code = "county_window";
      c.required_tenths = county_required;
      c.from_year = year - window + 1;
      c.to_year = year;
      c.earned_tenths = SumYears(hours, c.from_year, c.to_year);
      c.shortfall_tenths = std::max(0, county_required - c.earned_tenths);
      c.state = c.shortfall_tenths > 0 ? TargetState::kBelow : TargetState::kMet;
      v.checks.push_back(c);
    }
  }
  if (p.party_member) {
    v.checks.push_back(
        YearCheck("party_member_year", rules.party_member_year_tenths, rules, hours, year));
  }
  if (p.grassroots_secretary) {
    v.checks.push_back(
        YearCheck("secretary_year", rules.secretary_year_tenths, rules, hours, year));
  }
  v.has_target = !v.checks.empty();
  for (const auto& c : v.checks) {
    if (c.state == TargetState::kBelow) {
      v.below = true;
      v.shortfall_tenths = std::max(v.shortfall_tenths, c.shortfall_tenths);
    }
  }
  return v;
}

}  // namespace peixun::core
