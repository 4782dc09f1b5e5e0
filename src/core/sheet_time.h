// The times people type into a paper sign-in sheet (签到表) before uploading it
// (attendance/paper_import.h): "2020-06-02 08:27", "2020/6/2 8:27", "2020-06-02T08:27"
// or only "08:27", which means that time on the local day of `day_of_ms` (the
// session's day). Local to the class's zone, `utc_offset_minutes` ahead of UTC.
// The date's separators may be any character but a digit; the time follows one or
// more blanks or a 'T'; whatever follows the minutes (":00" seconds) is ignored. The
// day must exist (2021-02-29 does not) in the years kMinCivilYear..kMaxCivilYear, with
// hours 0..23 and minutes 0..59.
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace peixun::core {

// The UTC instant in ms; nullopt for anything else.
std::optional<int64_t> ParseSheetTime(std::string_view text, int64_t day_of_ms,
                                      int utc_offset_minutes);

}  // namespace peixun::core
