#include "core/credit_hours.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "core/text_normalize.h"

namespace peixun::core {
namespace {

constexpr int64_t kMsPerMinute = 60'000;
constexpr int kMaxMinutesPerHour = 600;
constexpr int kMaxTenthsPerHalfDay = 1000;
constexpr int kMinutesPerDay = 1440;
// The largest figure ParseCreditTenths accepts: 1000 学时, far above any class.
constexpr int kMaxParsedTenths = 10'000;

int ClampToInt(int64_t value) {
  return static_cast<int>(std::min<int64_t>(value, std::numeric_limits<int>::max()));
}

Error RuleError(std::string field, std::string zh, std::string en) {
  return Invalid("credit_hours.rule", std::move(zh), std::move(en), std::move(field));
}

}  // namespace

Status ValidateCreditHourRule(const CreditHourRule& rule) {
  if (rule.minutes_per_hour < 1 || rule.minutes_per_hour > kMaxMinutesPerHour) {
    return RuleError("minutes_per_hour", "每学时分钟数须在 1 至 600 之间",
                     "minutes per credit hour must be between 1 and 600");
  }
  if (rule.tenths_per_half_day &&
      (*rule.tenths_per_half_day < 0 || *rule.tenths_per_half_day > kMaxTenthsPerHalfDay)) {
    return RuleError("tenths_per_half_day", "每半天学时须在 0 至 100 之间",
                     "credit hours per half day must be between 0 and 100");
  }
  if (rule.half_day_minutes < 1 || rule.half_day_minutes > kMinutesPerDay) {
    return RuleError("half_day_minutes", "半天的分钟数须在 1 至 1440 之间",
                     "a half day must be between 1 and 1440 minutes");
  }
  return Ok();
}

int CreditTenthsForDuration(int64_t duration_ms, const CreditHourRule& rule) {
  if (!ValidateCreditHourRule(rule)) return 0;
  const int64_t minutes = std::max<int64_t>(0, duration_ms / kMsPerMinute);
  if (rule.tenths_per_half_day) {
    const int64_t half_days = minutes / rule.half_day_minutes;
    if (half_days > 0) return ClampToInt(half_days * *rule.tenths_per_half_day);
  }
  switch (rule.rounding) {
    case CreditHourRule::Rounding::kHalf:
      return ClampToInt(minutes * 2 / rule.minutes_per_hour * 5);
    case CreditHourRule::Rounding::kNone:
      return ClampToInt(minutes * 10 / rule.minutes_per_hour);
  }
  return 0;
}

int SessionCreditTenths(std::optional<int> explicit_tenths, int64_t start_ms, int64_t end_ms,
                        const CreditHourRule& rule) {
  if (explicit_tenths) return std::max(0, *explicit_tenths);
  return CreditTenthsForDuration(end_ms - start_ms, rule);
}

std::string FormatCreditTenths(int tenths) {
  const int64_t value = tenths;  // INT_MIN has no positive int twin
  const int64_t magnitude = value < 0 ? -value : value;
  char text[32];
  if (magnitude % 10 == 0) {
    std::snprintf(text, sizeof text, "%s%lld", value < 0 ? "-" : "",
                  static_cast<long long>(magnitude / 10));
  } else {
    std::snprintf(text, sizeof text, "%s%lld.%lld", value < 0 ? "-" : "",
                  static_cast<long long>(magnitude / 10), static_cast<long long>(magnitude % 10));
  }
  return text;
}

Result<int> ParseCreditTenths(std::string_view text) {
  const std::string normalized = NormalizeField(text);
  auto format_error = [] {
    return Invalid("credit_hours.format", "学时须为非负数，如 2 或 2.5",
                   "credit hours must be a non-negative number such as 2 or 2.5");
  };
  const size_t dot = normalized.find('.');
  const std::string whole = normalized.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : normalized.substr(dot + 1);
  const bool has_dot = dot != std::string::npos;
  auto all_digits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!all_digits(whole) || !all_digits(fraction)) return format_error();
  if (whole.empty() && fraction.empty()) return format_error();
  if (has_dot && fraction.empty()) return format_error();  // "2."
  if (fraction.size() > 1 && fraction.find_first_not_of('0', 1) != std::string::npos) {
    return Invalid("credit_hours.precision", "学时最多保留一位小数",
                   "credit hours take at most one decimal place");
  }
  const size_t first_digit = whole.find_first_not_of('0');
  if (first_digit != std::string::npos && whole.size() - first_digit > 5) {
    return Invalid("credit_hours.range", "学时不能超过 1000", "credit hours cannot exceed 1000");
  }
  int64_t tenths = whole.empty() ? 0 : std::stoll(whole) * 10;
  if (!fraction.empty()) tenths += fraction[0] - '0';
  if (tenths > kMaxParsedTenths) {
    return Invalid("credit_hours.range", "学时不能超过 1000", "credit hours cannot exceed 1000");
  }
  return static_cast<int>(tenths);
}

}  // namespace peixun::core
