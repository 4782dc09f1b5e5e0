// Wall-clock times of a class's zone, as forms and printed timetables write them,
// to and from the UTC instants the store keeps (DESIGN.md "Time").
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::timetable {

inline constexpr int64_t kMinuteMs = 60 * 1000;
inline constexpr int64_t kDayMs = 24 * 60 * kMinuteMs;

// Parses ISO-8601 local time without a zone: "2020-06-02T08:30", "2020-06-02 08:30"
// or with seconds "2020-06-02T08:30:00" (seconds must be 00), and returns the UTC
// instant in ms for the zone `utc_offset_minutes` ahead of UTC.
// Errors (ErrorKind::kInvalid, code timetable.time.format, `field` as given): any
// other shape, a day that does not exist, hours above 23 or minutes above 59.
Result<int64_t> ParseLocalDateTime(std::string_view text, int utc_offset_minutes,
                                   const std::string& field);

// "2020-06-02T08:30": the instant `utc_ms` in the zone (seconds dropped).
std::string FormatLocalDateTime(int64_t utc_ms, int utc_offset_minutes);

// "08:30": the time of day only.
std::string FormatLocalClock(int64_t utc_ms, int utc_offset_minutes);

// Days since 1970-01-01 of the local calendar day of `utc_ms`.
int64_t LocalDay(int64_t utc_ms, int utc_offset_minutes);

}  // namespace peixun::timetable
