// The figures of DESIGN.md's domain rules, configurable per class and stored as
// JSON in training_classes.rules_json. Attendance, leave, completion and hours
// (their modules) read them from here; the defaults are DESIGN.md's.
//
// JSON form: one flat object, every key optional (a missing key takes its
// default), unknown keys refused:
//   {"checkin_before_minutes":30, "checkin_after_minutes":0,
//    "checkout_before_minutes":0, "checkout_after_minutes":30,
//    "late_grace_minutes":5, "early_grace_minutes":5,
//    "leave_share_numerator":1, "leave_share_denominator":7,
//    "absence_limit":0, "discipline_limit":3, "exam_pass_mark":60,
//    "reflection_required":true, "minutes_per_credit_hour":45,
//    "credit_rounding":"half", "credit_tenths_per_half_day":null,
//    "qr_period_seconds":20}
//
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/credit_hours.h"
#include "core/result.h"

namespace peixun::classes {

struct ClassRules {
  // Check-in is open from start − checkin_before to end + checkin_after;
  // check-out from start − checkout_before to end + checkout_after.
  int checkin_before_minutes = 30;
  int checkin_after_minutes = 0;
  int checkout_before_minutes = 0;
  int checkout_after_minutes = 30;
  // Exactly at start + late grace is still on time; likewise for early leave.
  int late_grace_minutes = 5;
  int early_grace_minutes = 5;
  // Leave share (hours excused ÷ class hours) may be at most this fraction:
  // 1/7 from the 2023 《干部教育培训工作条例》 art. 15. Kept as a fraction so
  // that comparisons are exact.
  int leave_share_numerator = 1;
  int leave_share_denominator = 7;
  int absence_limit = 0;     // 旷课 sessions allowed for completion
  int discipline_limit = 3;  // late + early + midway flags allowed
  int exam_pass_mark = 60;   // 0..100
  bool reflection_required = true;
  // 学时 from duration (core/credit_hours.h).
  int minutes_per_credit_hour = 45;
  core::CreditHourRule::Rounding credit_rounding = core::CreditHourRule::Rounding::kHalf;
  std::optional<int> credit_tenths_per_half_day;  // set: count per half day instead
  // The rotating check-in QR code changes every period.
  int qr_period_seconds = 20;

  friend bool operator==(const ClassRules&, const ClassRules&) = default;
};

// Every key with its value (nulls included), in the form above.
nlohmann::json ClassRulesToJson(const ClassRules& rules);

// Reads `json` (an object; null counts as {}) over the defaults and validates.
// Errors (ErrorKind::kInvalid, `field` = "rules." + key):
//   classes.rules.format   not an object, or a value of the wrong type
//   classes.rules.unknown  a key this version does not know
//   classes.rules.range    a value outside its range (message names the range)
Result<ClassRules> ClassRulesFromJson(const nlohmann::json& json);

// Ranges: minutes 0..1440 (grace and windows), leave share 0 ≤ n ≤ d, d 1..1000,
// limits 0..1000, pass mark 0..100, minutes per 学时 1..600, tenths per half day
// 0..1000, QR period 5..600 s. Same errors as ClassRulesFromJson.
Status ValidateClassRules(const ClassRules& rules);

// The 学时 rule for core::SessionCreditTenths.
core::CreditHourRule CreditRuleOf(const ClassRules& rules);

}  // namespace peixun::classes
