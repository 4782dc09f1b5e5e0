#include "modules/timetable/local_time.h"

#include <cstdio>

#include "core/civil_date.h"

namespace peixun::timetable {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Result<int64_t> ParseLocalDateTime(std::string_view text, int utc_offset_minutes,
                                   const std::string& field) {
  auto bad = [&]() -> Error {
    return Invalid(
        "timetable.time.format",
        "时间格式应为 2020-06-02T08:30（" + field + "：" + std::string(text) + "）",
        "time must look like 2020-06-02T08:30 (" + field + ": " + std::string(text) + ")", field);
  };
  core::CivilDate date;
  int hour = 0, minute = 0, second = 0;
  const bool shape_ok =
      (text.size() == 16 || text.size() == 19) && Digits(text, 0, 4, &date.year) &&
      text[4] == '-' && Digits(text, 5, 2, &date.month) && text[7] == '-' &&
      Digits(text, 8, 2, &date.day) && (text[10] == 'T' || text[10] == ' ') &&
      Digits(text, 11, 2, &hour) && text[13] == ':' && Digits(text, 14, 2, &minute) &&
      (text.size() == 16 || (text[16] == ':' && Digits(text, 17, 2, &second)));
  if (!shape_ok || !core::IsValidCivilDate(date) || hour > 23 || minute > 59 || second != 0) {
    return bad();
  }
  const int64_t local_minutes = core::DaysSinceEpoch(date) * 24 * 60 + hour * 60 + minute;
  return (local_minutes - utc_offset_minutes) * kMinuteMs;
}

int64_t LocalDay(int64_t utc_ms, int utc_offset_minutes) {
  return FloorDiv(utc_ms + utc_offset_minutes * kMinuteMs, kDayMs);
}

std::string FormatLocalDateTime(int64_t utc_ms, int utc_offset_minutes) {
  const int64_t day = LocalDay(utc_ms, utc_offset_minutes);
  return core::FormatCivilDate(core::CivilDateFromDays(day)) + "T" +
         FormatLocalClock(utc_ms, utc_offset_minutes);
}

std::string FormatLocalClock(int64_t utc_ms, int utc_offset_minutes) {
  const int64_t local = utc_ms + utc_offset_minutes * kMinuteMs;
  const int64_t minute_of_day =
      FloorDiv(local, kMinuteMs) - LocalDay(utc_ms, utc_offset_minutes) * 24 * 60;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return buf;
}

}  // namespace peixun::timetable
