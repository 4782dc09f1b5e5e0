// 学时 (credit hours) of a session: the explicit figure the timetable sets, or one
// derived from the session's length under the class's rule.
//
// Hours are fixed point, in tenths of a 学时 (25 = 2.5 学时), so that a year's ledger
// sums exactly. All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::core {

// How a session's length becomes 学时. The defaults are the common rule: 45 minutes
// make one 学时, rounded down to a half.
struct CreditHourRule {
  enum class Rounding {
    kHalf,  // round down to the nearest 0.5: 90 min → 2.0, 100 min → 2.0, 120 min → 2.5
    kNone,  // keep the tenths (truncated): 100 min → 2.2
  };

  int minutes_per_hour = 45;  // 1..600
  Rounding rounding = Rounding::kHalf;

  // Per half day instead (按半天计): when set, a session of at least half_day_minutes
  // counts as this many tenths per whole half day it spans (3 h–6 h: one half day;
  // 6 h–9 h, e.g. a 08:30–17:00 field trip: two). Shorter sessions still follow
  // minutes_per_hour and rounding.
  std::optional<int> tenths_per_half_day;  // 0..1000
  int half_day_minutes = 180;              // 1..1440
};

// Ok, or ErrorKind::kInvalid with code "credit_hours.rule" and `field` naming the
// member out of range.
Status ValidateCreditHourRule(const CreditHourRule& rule);

// Tenths for a session lasting `duration_ms` (whole minutes count; a negative length
// counts as 0). `rule` must be valid; for an invalid one the result is 0.
int CreditTenthsForDuration(int64_t duration_ms, const CreditHourRule& rule);

// Tenths for a session: `explicit_tenths` when set (a negative figure counts as 0),
// otherwise CreditTenthsForDuration(end_ms - start_ms, rule).
int SessionCreditTenths(std::optional<int> explicit_tenths, int64_t start_ms, int64_t end_ms,
                        const CreditHourRule& rule);

// "2.5", "2" (no ".0" for whole hours), "0", "-1.5".
std::string FormatCreditTenths(int tenths);

// Parses what a timetable cell or form holds: "2", "2.5", "2.0", "0.5", ".5", "2.50"
// (the text goes through NormalizeField first, so "２．５" and " 2.5 " are fine). At
// most one significant decimal digit.
// Errors (ErrorKind::kInvalid, field left empty):
//   credit_hours.format     not a non-negative decimal number
//   credit_hours.precision  finer than a tenth ("2.25")
//   credit_hours.range      more than 1000 学时
Result<int> ParseCreditTenths(std::string_view text);

}  // namespace peixun::core
