#include "core/civil_date.h"

#include <cstdio>
#include <optional>

#include "core/text_normalize.h"

namespace peixun::core {
namespace {

// Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is the
// 1900-02-29 that never was (kept by Excel for Lotus 1-2-3 compatibility), so
// from serial 61 on the day is 1899-12-30 plus the serial.
constexpr int64_t kExcelEpochDays = -25569;  // 1899-12-30 in days since 1970-01-01
constexpr int64_t kMinExcelSerial = 10000;
constexpr int64_t kMaxExcelSerial = 99999;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits at text[*pos]; nullopt if there is none.
std::optional<int> ReadNumber(std::string_view text, size_t* pos, size_t max_digits) {
  size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && IsDigit(text[*pos]) && *pos - start < max_digits) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  if (*pos == start) return std::nullopt;
  return value;
}

bool ConsumeLiteral(std::string_view text, size_t* pos, std::string_view literal) {
  if (text.substr(*pos, literal.size()) != literal) return false;
  *pos += literal.size();
  return true;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// " 08:30", "T08:30:00", " 8:30:00.000": the time part a spreadsheet appends.
bool IsTimeSuffix(std::string_view text) {
  if (text.empty()) return true;
  if (text[0] != ' ' && text[0] != 'T') return false;
  size_t pos = 1;
  auto hour = ReadNumber(text, &pos, 2);
  if (!hour || *hour > 23 || !ConsumeLiteral(text, &pos, ":")) return false;
  size_t minute_start = pos;
  auto minute = ReadNumber(text, &pos, 2);
  if (!minute || pos - minute_start != 2 || *minute > 59) return false;
  if (pos == text.size()) return true;
  if (!ConsumeLiteral(text, &pos, ":")) return false;
  size_t second_start = pos;
  auto second = ReadNumber(text, &pos, 2);
  if (!second || pos - second_start != 2 || *second > 60) return false;
  if (pos == text.size()) return true;
  if (!ConsumeLiteral(text, &pos, ".")) return false;
  return AllDigits(text.substr(pos));
}

// "2020-05-01", "2020/5/1", "2020.05.01", with an optional time suffix.
std::optional<CivilDate> MatchSeparated(std::string_view text) {
  size_t pos = 0;
  CivilDate date;
  auto year = ReadNumber(text, &pos, 4);
  if (!year || pos != 4 || pos >= text.size()) return std::nullopt;
  const char separator = text[pos];
  if (separator != '-' && separator != '/' && separator != '.') return std::nullopt;
  ++pos;
  auto month = ReadNumber(text, &pos, 2);
  if (!month || pos >= text.size() || text[pos] != separator) return std::nullopt;
  ++pos;
  auto day = ReadNumber(text, &pos, 2);
  if (!day || !IsTimeSuffix(text.substr(pos))) return std::nullopt;
  return CivilDate{*year, *month, *day};
}

std::optional<CivilDate> MatchCompact(std::string_view text) {
  if (text.size() != 8 || !AllDigits(text)) return std::nullopt;
  auto number = [&](size_t from, size_t length) {
    int value = 0;
    for (size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  return CivilDate{number(0, 4), number(4, 2), number(6, 2)};
}

// "2020年5月1日", "2020 年 05 月 01 号", "2020年5月1".
std::optional<CivilDate> MatchChinese(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact.push_back(c);
  }
  std::string_view s = compact;
  size_t pos = 0;
  auto year = ReadNumber(s, &pos, 4);
  if (!year || pos != 4 || !ConsumeLiteral(s, &pos, "年")) return std::nullopt;
  auto month = ReadNumber(s, &pos, 2);
  if (!month || !ConsumeLiteral(s, &pos, "月")) return std::nullopt;
  auto day = ReadNumber(s, &pos, 2);
  if (!day) return std::nullopt;
  if (!ConsumeLiteral(s, &pos, "日")) ConsumeLiteral(s, &pos, "号");
  if (pos != s.size()) return std::nullopt;
  return CivilDate{*year, *month, *day};
}

std::optional<CivilDate> MatchExcelSerial(std::string_view text) {
  const size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  if (whole.size() != 5 || !AllDigits(whole)) return std::nullopt;
  if (point != std::string_view::npos && !AllDigits(text.substr(point + 1))) return std::nullopt;
  int64_t serial = 0;
  for (char c : whole) serial = serial * 10 + (c - '0');
  if (serial < kMinExcelSerial || serial > kMaxExcelSerial) return std::nullopt;
  return CivilDateFromDays(kExcelEpochDays + serial);
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidCivilDate(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= DaysInMonth(date.year, date.month);
}

// Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html).
int64_t DaysSinceEpoch(const CivilDate& date) {
  const int64_t y = static_cast<int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Howard Hinnant's civil_from_days.
CivilDate CivilDateFromDays(int64_t days_since_epoch) {
  const int64_t z = days_since_epoch + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const int month =
      static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

CivilDate CivilDateAt(std::chrono::system_clock::time_point t, std::chrono::minutes utc_offset) {
  const auto local = std::chrono::floor<std::chrono::days>(t + utc_offset);
  return CivilDateFromDays(local.time_since_epoch().count());
}

CivilDate TodayInChina() { return CivilDateAt(std::chrono::system_clock::now(), kChinaUtcOffset); }

int AgeOn(const CivilDate& birth, const CivilDate& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age < 0 ? 0 : age;
}

Result<CivilDate> ParseCivilDate(std::string_view text) {
  const std::string normalized = NormalizeField(text);
  std::optional<CivilDate> date = MatchSeparated(normalized);
  if (!date) date = MatchCompact(normalized);
  if (!date) date = MatchChinese(normalized);
  if (!date) date = MatchExcelSerial(normalized);
  if (!date) {
    return Invalid("date.format",
                   "无法识别的日期“" + normalized + "”，请写成 2020-05-01 或 2020年5月1日",
                   "unrecognized date \"" + normalized + "\"; write it like 2020-05-01");
  }
  if (date->year < kMinCivilYear || date->year > kMaxCivilYear) {
    return Invalid("date.range",
                   "日期“" + normalized + "”的年份应在 " + std::to_string(kMinCivilYear) + " 到 " +
                       std::to_string(kMaxCivilYear) + " 之间",
                   "the year of date \"" + normalized + "\" must be between " +
                       std::to_string(kMinCivilYear) + " and " + std::to_string(kMaxCivilYear));
  }
  if (!IsValidCivilDate(*date)) {
    return Invalid("date.invalid", "日期“" + normalized + "”不存在",
                   "date \"" + normalized + "\" does not exist");
  }
  return *date;
}

std::string FormatCivilDate(const CivilDate& date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

}  // namespace peixun::core
