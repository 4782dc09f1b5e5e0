#include "io/excel_number.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace peixun::io {
namespace {

// Excel keeps and shows 15 significant decimal digits.
constexpr int kExcelSignificantDigits = 15;
// Serial of 9999-12-31, the last day Excel knows.
constexpr double kMaxSerial = 2958465;
// Days from 1970-01-01 back to the start of each Excel date system.
constexpr int kUnixDaysOf1899_12_30 = -25569;
constexpr int kUnixDaysOf1899_12_31 = -25568;
constexpr int kUnixDaysOf1904_01_01 = -24107;
constexpr int kSecondsPerDay = 86400;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(text[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsPlainInteger(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string TwoDigits(int value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", value);
  return buffer;
}

}  // namespace

NumberFormatKind ClassifyBuiltinFormat(int id) {
  switch (id) {
    case 14:
    case 15:
    case 16:
    case 17:
    case 27:
    case 28:
    case 29:
    case 30:
    case 31:
    case 36:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 57:
    case 58:
      return NumberFormatKind::kDate;
    case 22:
      return NumberFormatKind::kDateTime;
    case 18:
    case 19:
    case 20:
    case 21:
    case 32:
    case 33:
    case 34:
    case 35:
    case 45:
    case 46:
    case 47:
    case 55:
    case 56:
      return NumberFormatKind::kTime;
    default:
      return NumberFormatKind::kNumber;
  }
}

NumberFormatKind ClassifyFormatCode(std::string_view code) {
  if (StartsWithIgnoreCase(Trim(code), "general")) return NumberFormatKind::kNumber;
  bool date = false;
  bool time = false;
  bool month_or_minute = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;  // later sections (negative, zero, text) add nothing
    if (c == '"') {
      size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i;  // escaped, padding or fill character
      continue;
    }
    if (c == '[') {
      size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view inside = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time. Everything else ([$-804], [Red], [DBNum1]) is not.
      if (!inside.empty() && inside.find_first_not_of(inside[0]) == std::string_view::npos) {
        char unit = Lower(inside[0]);
        if (unit == 'h' || unit == 'm' || unit == 's') time = true;
      }
      i = close;
      continue;
    }
    if (StartsWithIgnoreCase(code.substr(i), "am/pm")) {
      time = true;
      i += 4;
      continue;
    }
    if (StartsWithIgnoreCase(code.substr(i), "a/p")) {
      time = true;
      i += 2;
      continue;
    }
    switch (Lower(c)) {
      case 'y':
      case 'd':
        date = true;
        break;
      case 'e':  // year in East Asian formats, unless it is an exponent (0.00E+00)
        if (i + 1 >= code.size() || (code[i + 1] != '+' && code[i + 1] != '-')) date = true;
        break;
      case 'h':
      case 's':
        time = true;
        break;
      case 'm':
        month_or_minute = true;
        break;
      default:
        break;
    }
  }
  // A lone "m" or "mmm" is a month; next to h or s it is minutes.
  if (month_or_minute && !time) date = true;
  if (date && time) return NumberFormatKind::kDateTime;
  if (date) return NumberFormatKind::kDate;
  if (time) return NumberFormatKind::kTime;
  return NumberFormatKind::kNumber;
}

std::string FormatNumber(std::string_view raw) {
  std::string_view text = Trim(raw);
  if (IsPlainInteger(text)) return text == "-0" ? "0" : std::string(text);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::string(raw);
  }
  // Round to Excel's precision first, so 0.30000000000000004 shows as 0.3.
  char rounded[64];
  std::snprintf(rounded, sizeof rounded, "%.*g", kExcelSignificantDigits, value);
  std::from_chars(rounded, rounded + std::char_traits<char>::length(rounded), value);
  if (value == 0) return "0";
  std::array<char, 400> buffer;  // fixed notation of 1e308 needs 309 digits
  auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed);
  if (result.ec != std::errc()) return std::string(raw);
  return std::string(buffer.data(), result.ptr);
}

std::optional<std::string> FormatSerialDate(double serial, NumberFormatKind kind, bool date1904) {
  if (kind == NumberFormatKind::kNumber || !std::isfinite(serial) || serial < 0 ||
      serial > kMaxSerial) {
    return std::nullopt;
  }
  int64_t days = static_cast<int64_t>(std::floor(serial));
  int64_t seconds = std::llround((serial - static_cast<double>(days)) * kSecondsPerDay);
  if (seconds >= kSecondsPerDay) {
    ++days;
    seconds -= kSecondsPerDay;
  }
  std::string clock = TwoDigits(static_cast<int>(seconds / 3600)) + ":" +
                      TwoDigits(static_cast<int>(seconds / 60 % 60));
  if (seconds % 60 != 0) clock += ":" + TwoDigits(static_cast<int>(seconds % 60));
  if (kind == NumberFormatKind::kTime) return clock;

  std::string date;
  if (!date1904 && days == 60) {
    date = "1900-02-29";  // Excel's phantom leap day, kept for Lotus 1-2-3
  } else {
    int64_t unix_days = days + (date1904    ? kUnixDaysOf1904_01_01
                                : days < 60 ? kUnixDaysOf1899_12_31
                                            : kUnixDaysOf1899_12_30);
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{unix_days}}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    date = buffer;
  }
  if (kind == NumberFormatKind::kDateTime && seconds != 0) return date + " " + clock;
  return date;
}

}  // namespace peixun::io
