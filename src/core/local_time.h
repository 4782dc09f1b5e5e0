// Wall-clock times of a class's zone, as forms, sheets and printed timetables write
// them, to and from the UTC instants the store keeps (DESIGN.md "Time"). The one
// home of local time arithmetic; calendar days themselves are core/civil_date.h.
//
// A zone is given as its offset from UTC in minutes at the instant concerned
// (a class stores utc_offset_minutes: China keeps +480 all year). For a zone with
// daylight saving time the caller passes the offset in force (e.g. Europe/Berlin
// +60 in winter, +120 in summer); nothing here looks up zone rules.
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/civil_date.h"
#include "core/result.h"

namespace peixun::core {

inline constexpr int64_t kMinuteMs = 60 * 1000;
inline constexpr int64_t kDayMs = 24 * 60 * kMinuteMs;

// Days since 1970-01-01 of the local calendar day of `utc_ms` (floored: instants
// before the epoch fall on earlier days).
int64_t LocalDay(int64_t utc_ms, int utc_offset_minutes);

// The local calendar day of `utc_ms`.
CivilDate LocalDate(int64_t utc_ms, int utc_offset_minutes);

// Minutes since local midnight of `utc_ms`, 0..1439 (seconds dropped).
int LocalMinuteOfDay(int64_t utc_ms, int utc_offset_minutes);

// The UTC instant of local `date` at `minute_of_day` (minutes since local
// midnight; values outside 0..1439 roll into the neighbouring days).
int64_t UtcOfLocal(const CivilDate& date, int minute_of_day, int utc_offset_minutes);

// Parses ISO-8601 local time without a zone: "2020-06-02T08:30", "2020-06-02 08:30"
// or with seconds "2020-06-02T08:30:00" (seconds must be 00), and returns the UTC
// instant in ms for the zone `utc_offset_minutes` ahead of UTC.
// Errors (ErrorKind::kInvalid, `field` as given): any other shape, a day that does
// not exist, hours above 23 or minutes above 59. The code is
// timetable.time.format, as the API has documented it since before this moved
// here (docs/api.md).
Result<int64_t> ParseLocalDateTime(std::string_view text, int utc_offset_minutes,
                                   const std::string& field);

// "2020-06-02T08:30": the instant `utc_ms` in the zone (seconds dropped); with
// separator ' ' "2020-06-02 08:30", as sheets and reports print it.
std::string FormatLocalDateTime(int64_t utc_ms, int utc_offset_minutes, char separator = 'T');

// "2020-06-02": the local calendar day only.
std::string FormatLocalDate(int64_t utc_ms, int utc_offset_minutes);

// "08:30": the time of day only.
std::string FormatLocalClock(int64_t utc_ms, int utc_offset_minutes);

}  // namespace peixun::core
