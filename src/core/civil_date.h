// A calendar day without time or time zone (birth dates, class days, the day a
// certificate was issued), and the forms people write it in.
//
// All functions are pure and thread-safe, except TodayInChina, which reads the
// system clock.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::core {

// A day of the proleptic Gregorian calendar. A default-constructed value is
// 1970-01-01. Ordering is chronological for valid dates.
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..DaysInMonth(year, month)

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// The years ParseCivilDate accepts; wider values are typing mistakes
// ("0202-05-01") rather than dates anybody means in peixun.
inline constexpr int kMinCivilYear = 1900;
inline constexpr int kMaxCivilYear = 9999;

// China has kept UTC+8 all year round since 1991.
inline constexpr std::chrono::minutes kChinaUtcOffset{8 * 60};

bool IsLeapYear(int year);

// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
int DaysInMonth(int year, int month);

// True when `date` names a day that exists (2021-02-29 does not). Any year is
// allowed here; the kMin/kMaxCivilYear bounds apply to parsing only.
bool IsValidCivilDate(const CivilDate& date);

// Days since 1970-01-01 (negative before it). `date` must be valid.
int64_t DaysSinceEpoch(const CivilDate& date);

// The inverse of DaysSinceEpoch.
CivilDate CivilDateFromDays(int64_t days_since_epoch);

// The calendar day at instant `t` in the zone `utc_offset` ahead of UTC.
CivilDate CivilDateAt(std::chrono::system_clock::time_point t, std::chrono::minutes utc_offset);

// Today's date in China (UTC+8), from the system clock.
CivilDate TodayInChina();

// Whole years from `birth` to `on` (the age on that day; 0 if `on` is earlier).
// Someone born on 29 February turns a year older on 1 March in common years.
int AgeOn(const CivilDate& birth, const CivilDate& on);

// Parses a date as people and spreadsheets write it. The text goes through
// NormalizeField first (so full-width digits and stray spaces are fine); then
// one of these forms must match the whole text:
//   2020-05-01   2020/5/1   2020.05.01   (the same separator twice; one or two
//                digits for month and day; a trailing time such as " 08:30" or
//                "T08:30:00" is allowed and ignored, as spreadsheets add one)
//   20200501     (exactly eight digits)
//   2020年5月1日 (日 or 号 or nothing at the end; spaces allowed)
//   43952        an Excel serial day number of the 1900 date system, five
//                digits (10000..99999 = 1927-05-18..2173-10-13; a fraction
//                "43952.5" is the time of day and is ignored). Shorter numbers
//                are refused, so that "2020" is not read as 1905-07-12.
// Errors (ErrorKind::kInvalid, field left empty for the caller to set):
//   date.format   no form matches
//   date.invalid  the form matches but the day does not exist (2021-02-29)
//   date.range    the year is outside kMinCivilYear..kMaxCivilYear
Result<CivilDate> ParseCivilDate(std::string_view text);

// "YYYY-MM-DD", zero-padded (years below 1000 too: "0999-01-02").
std::string FormatCivilDate(const CivilDate& date);

}  // namespace peixun::core
