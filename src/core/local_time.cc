#include "core/local_time.h"

#include <cstdio>

namespace peixun::core {
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

int64_t LocalDay(int64_t utc_ms, int utc_offset_minutes) {
  return FloorDiv(utc_ms + utc_offset_minutes * kMinuteMs, kDayMs);
}

CivilDate LocalDate(int64_t utc_ms, int utc_offset_minutes) {
  return CivilDateFromDays(LocalDay(utc_ms, utc_offset_minutes));
}

int LocalMinuteOfDay(int64_t utc_ms, int utc_offset_minutes) {
  const int64_t local = utc_ms + utc_offset_minutes * kMinuteMs;
  return static_cast<int>(FloorDiv(local, kMinuteMs) -
                          LocalDay(utc_ms, utc_offset_minutes) * 24 * 60);
}

int64_t UtcOfLocal(const CivilDate& date, int minute_of_day, int utc_offset_minutes) {
  const int64_t local_minutes = DaysSinceEpoch(date) * 24 * 60 + minute_of_day;
  return (local_minutes - utc_offset_minutes) * kMinuteMs;
}

Result<int64_t> ParseLocalDateTime(std::string_view text, int utc_offset_minutes,
                                   const std::string& field) {
  auto bad = [&]() -> Error {
    return Invalid(
        "timetable.time.format",
        "时间格式应为 2020-06-02T08:30（" + field + "：" + std::string(text) + "）",
        "time must look like 2020-06-02T08:30 (" + field + ": " + std::string(text) + ")", field);
  };
  CivilDate date;
  int hour = 0, minute = 0, second = 0;
  const bool shape_ok =
      (text.size() == 16 || text.size() == 19) && Digits(text, 0, 4, &date.year) &&
      text[4] == '-' && Digits(text, 5, 2, &date.month) && text[7] == '-' &&
      Digits(text, 8, 2, &date.day) && (text[10] == 'T' || text[10] == ' ') &&
      Digits(text, 11, 2, &hour) && text[13] == ':' && Digits(text, 14, 2, &minute) &&
      (text.size() == 16 || (text[16] == ':' && Digits(text, 17, 2, &second)));
  if (!shape_ok || !IsValidCivilDate(date) || hour > 23 || minute > 59 || second != 0) {
    return bad();
  }
  return UtcOfLocal(date, hour * 60 + minute, utc_offset_minutes);
}

std::string FormatLocalDateTime(int64_t utc_ms, int utc_offset_minutes, char separator) {
  return FormatLocalDate(utc_ms, utc_offset_minutes) + separator +
         FormatLocalClock(utc_ms, utc_offset_minutes);
}

std::string FormatLocalDate(int64_t utc_ms, int utc_offset_minutes) {
  return FormatCivilDate(LocalDate(utc_ms, utc_offset_minutes));
}

std::string FormatLocalClock(int64_t utc_ms, int utc_offset_minutes) {
  const int minute_of_day = LocalMinuteOfDay(utc_ms, utc_offset_minutes);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return buf;
}

}  // namespace peixun::core
