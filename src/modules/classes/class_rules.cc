#include "modules/classes/class_rules.h"

#include <array>
#include <limits>

namespace peixun::classes {
namespace {

using nlohmann::json;

struct IntRule {
  const char* key;
  int ClassRules::*member;
  int min;
  int max;
};

constexpr int kMinutesPerDay = 24 * 60;

// Every integer figure with its allowed range. Order = JSON key order.
constexpr std::array<IntRule, 13> kIntRules = {{
    {"checkin_before_minutes", &ClassRules::checkin_before_minutes, 0, kMinutesPerDay},
    {"checkin_after_minutes", &ClassRules::checkin_after_minutes, 0, kMinutesPerDay},
    {"checkout_before_minutes", &ClassRules::checkout_before_minutes, 0, kMinutesPerDay},
    {"checkout_after_minutes", &ClassRules::checkout_after_minutes, 0, kMinutesPerDay},
    {"late_grace_minutes", &ClassRules::late_grace_minutes, 0, kMinutesPerDay},
    {"early_grace_minutes", &ClassRules::early_grace_minutes, 0, kMinutesPerDay},
    {"leave_share_numerator", &ClassRules::leave_share_numerator, 0, 1000},
    {"leave_share_denominator", &ClassRules::leave_share_denominator, 1, 1000},
    {"absence_limit", &ClassRules::absence_limit, 0, 1000},
    {"discipline_limit", &ClassRules::discipline_limit, 0, 1000},
    {"exam_pass_mark", &ClassRules::exam_pass_mark, 0, 100},
    {"minutes_per_credit_hour", &ClassRules::minutes_per_credit_hour, 1, 600},
    {"qr_period_seconds", &ClassRules::qr_period_seconds, 5, 600},
}};

constexpr char kReflectionKey[] = "reflection_required";
constexpr char kRoundingKey[] = "credit_rounding";
constexpr char kHalfDayKey[] = "credit_tenths_per_half_day";
constexpr int kMaxTenthsPerHalfDay = 1000;

Error FormatError(const std::string& key, const char* zh_type, const char* en_type) {
  return Invalid("classes.rules.format", "规则 " + key + " 应为" + zh_type,
                 "rule " + key + " must be " + en_type, "rules." + key);
}

Error RangeError(const std::string& key, int min, int max) {
  const std::string range = std::to_string(min) + "–" + std::to_string(max);
  return Invalid("classes.rules.range", "规则 " + key + " 应在 " + range + " 之间",
                 "rule " + key + " must be within " + range, "rules." + key);
}

Result<int> ReadInt(const json& value, const std::string& key) {
  if (!value.is_number_integer()) return FormatError(key, "整数", "an integer");
  const int64_t v = value.get<int64_t>();
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    return RangeError(key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  }
  return static_cast<int>(v);
}

}  // namespace

json ClassRulesToJson(const ClassRules& rules) {
  json out = json::object();
  for (const IntRule& r : kIntRules) out[r.key] = rules.*(r.member);
  out[kReflectionKey] = rules.reflection_required;
  out[kRoundingKey] =
      rules.credit_rounding == core::CreditHourRule::Rounding::kHalf ? "half" : "none";
  out[kHalfDayKey] =
      rules.credit_tenths_per_half_day ? json(*rules.credit_tenths_per_half_day) : json(nullptr);
  return out;
}

Result<ClassRules> ClassRulesFromJson(const json& input) {
  ClassRules rules;
  if (input.is_null()) return rules;
  if (!input.is_object()) {
    return Invalid("classes.rules.format", "规则应为 JSON 对象", "rules must be a JSON object",
                   "rules");
  }
  for (const auto& [key, value] : input.items()) {
    bool known = false;
    for (const IntRule& r : kIntRules) {
      if (key != r.key) continue;
      PEIXUN_ASSIGN_OR_RETURN(rules.*(r.member), ReadInt(value, key));
      known = true;
    }
    if (known) continue;
    if (key == kReflectionKey) {
      if (!value.is_boolean()) return FormatError(key, " true 或 false", "true or false");
      rules.reflection_required = value.get<bool>();
    } else if (key == kRoundingKey) {
      if (value == "half") {
        rules.credit_rounding = core::CreditHourRule::Rounding::kHalf;
      } else if (value == "none") {
        rules.credit_rounding = core::CreditHourRule::Rounding::kNone;
      } else {
        return FormatError(key, " \"half\" 或 \"none\"", "\"half\" or \"none\"");
      }
    } else if (key == kHalfDayKey) {
      if (value.is_null()) {
        rules.credit_tenths_per_half_day.reset();
      } else {
        PEIXUN_ASSIGN_OR_RETURN(int tenths, ReadInt(value, key));
        rules.credit_tenths_per_half_day = tenths;
      }
    } else {
      return Invalid("classes.rules.unknown", "未知的规则：" + key, "unknown rule: " + key,
                     "rules." + key);
    }
  }
  PEIXUN_RETURN_IF_ERROR(ValidateClassRules(rules));
  return rules;
}

Status ValidateClassRules(const ClassRules& rules) {
  for (const IntRule& r : kIntRules) {
    const int v = rules.*(r.member);
    if (v < r.min || v > r.max) return RangeError(r.key, r.min, r.max);
  }
  if (rules.leave_share_numerator > rules.leave_share_denominator) {
    return Invalid("classes.rules.range", "请假比例不能超过 1（分子不能大于分母）",
                   "the leave share limit must not exceed 1 (numerator above denominator)",
                   "rules.leave_share_numerator");
  }
  if (rules.credit_tenths_per_half_day &&
      (*rules.credit_tenths_per_half_day < 0 ||
       *rules.credit_tenths_per_half_day > kMaxTenthsPerHalfDay)) {
    return RangeError(kHalfDayKey, 0, kMaxTenthsPerHalfDay);
  }
  return Ok();
}

core::CreditHourRule CreditRuleOf(const ClassRules& rules) {
  core::CreditHourRule rule;
  rule.minutes_per_hour = rules.minutes_per_credit_hour;
  rule.rounding = rules.credit_rounding;
  rule.tenths_per_half_day = rules.credit_tenths_per_half_day;
  return rule;
}

}  // namespace peixun::classes
