#include "core/sheet_time.h"

#include "core/civil_date.h"
#include "core/local_time.h"

namespace peixun::core {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Reads 1..max_digits decimal digits at text[pos]; fails on none, or when more digits
// follow (so no value can overflow: sscanf's %d could, which is undefined behaviour).
std::optional<int> Number(std::string_view text, size_t& pos, size_t max_digits) {
  size_t end = pos;
  int value = 0;
  while (end < text.size() && IsDigit(text[end])) {
    if (end - pos == max_digits) return std::nullopt;
    value = value * 10 + (text[end] - '0');
    ++end;
  }
  if (end == pos) return std::nullopt;
  pos = end;
  return value;
}

// "H:MM" at text[pos]; whatever follows the minutes (seconds) is dropped unless it is
// another digit.
std::optional<int> MinuteOfDay(std::string_view text, size_t pos) {
  const auto h = Number(text, pos, 2);
  if (!h || pos >= text.size() || text[pos] != ':') return std::nullopt;
  ++pos;
  const auto mi = Number(text, pos, 2);
  if (!mi || *h > 23 || *mi > 59) return std::nullopt;
  return *h * 60 + *mi;
}

}  // namespace

std::optional<int64_t> ParseSheetTime(std::string_view text, int64_t day_of_ms,
                                      int utc_offset_minutes) {
  size_t pos = 0;
  while (pos < text.size() && IsBlank(text[pos])) ++pos;
  // "H:MM" alone: the time on the session's local day.
  if (auto minute = MinuteOfDay(text, pos)) {
    return UtcOfLocal(LocalDate(day_of_ms, utc_offset_minutes), *minute, utc_offset_minutes);
  }
  // "YYYY?M?D H:MM" or "YYYY?M?DTH:MM", where ? is any one character but a digit.
  CivilDate date;
  const auto year = Number(text, pos, 4);
  if (!year || pos >= text.size() || IsDigit(text[pos])) return std::nullopt;
  ++pos;
  const auto month = Number(text, pos, 2);
  if (!month || pos >= text.size() || IsDigit(text[pos])) return std::nullopt;
  ++pos;
  const auto day = Number(text, pos, 2);
  if (!day || pos >= text.size()) return std::nullopt;
  if (text[pos] == 'T') {
    ++pos;
  } else if (IsBlank(text[pos])) {
    while (pos < text.size() && IsBlank(text[pos])) ++pos;
  } else {
    return std::nullopt;
  }
  date.year = *year;
  date.month = *month;
  date.day = *day;
  // Only days that exist, in the years the rest of peixun reads (civil_date.h): 2021-02-29
  // used to roll into March, and a year of nine digits overflowed the milliseconds.
  if (date.year < kMinCivilYear || date.year > kMaxCivilYear || !IsValidCivilDate(date)) {
    return std::nullopt;
  }
  const auto minute = MinuteOfDay(text, pos);
  if (!minute) return std::nullopt;
  return UtcOfLocal(date, *minute, utc_offset_minutes);
}

}  // namespace peixun::core
