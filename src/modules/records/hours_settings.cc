#include "modules/records/hours_settings.h"

#include <cmath>
#include <set>

#include "modules/records/internal/ledger_district.h"
#include "modules/settings/settings.h"

namespace peixun::records {
namespace {

using nlohmann::json;

Error TypeError(const std::string& key) {
  return Invalid("records.targets.type", "学时目标设置的值类型不正确：" + key,
                 "hours target setting has the wrong type: " + key, key);
}

Status ReadTenths(const json& j, const std::string& key, int* out) {
  if (!j.contains(key)) return Ok();
  const json& v = j.at(key);
  if (!v.is_number()) return TypeError(key);
  const double tenths = v.get<double>() * 10;
  if (std::fabs(tenths - std::round(tenths)) > 1e-6 || std::fabs(tenths) > 1e7) {
    return Invalid("records.targets.range", "学时最多保留一位小数：" + key,
                   "hours take at most one decimal: " + key, key);
  }
  *out = static_cast<int>(std::lround(tenths));
  return Ok();
}

Status ReadInt(const json& j, const std::string& key, int* out) {
  if (!j.contains(key)) return Ok();
  const json& v = j.at(key);
  if (!v.is_number_integer()) return TypeError(key);
  const int64_t n = v.get<int64_t>();
  if (n < -1000000 || n > 1000000) return TypeError(key);
  *out = static_cast<int>(n);
  return Ok();
}

double Hours(int tenths) { return tenths / 10.0; }

}  // namespace

json TargetRulesJson(const core::HoursTargetRules& r) {
  return {{"township_year_hours", Hours(r.township_year_tenths)},
          {"township_year_days", r.township_year_days},
          {"county_window_hours", Hours(r.county_window_tenths)},
          {"county_window_days", r.county_window_days},
          {"county_window_years", r.county_window_years},
          {"party_member_year_hours", Hours(r.party_member_year_tenths)},
          {"secretary_year_hours", Hours(r.secretary_year_tenths)},
          {"hours_per_day", Hours(r.tenths_per_day)},
          {"hours_per_half_day", Hours(r.tenths_per_half_day)},
          {"carry_over", r.carry_over},
          {"promotion_grace_years", r.promotion_grace_years}};
}

Result<core::HoursTargetRules> TargetRulesFromJson(const json& j, core::HoursTargetRules r) {
  if (!j.is_object()) return TypeError("targets");
  static const std::set<std::string> kKeys = {
      "township_year_hours",  "township_year_days",   "county_window_hours",
      "county_window_days",   "county_window_years",  "party_member_year_hours",
      "secretary_year_hours", "hours_per_day",        "hours_per_half_day",
      "carry_over",           "promotion_grace_years"};
  for (const auto& [key, value] : j.items()) {
    if (!kKeys.count(key)) {
      return Invalid("records.targets.unknown", "未知的学时目标设置：" + key,
                     "unknown hours target setting: " + key, key);
    }
  }
  PEIXUN_RETURN_IF_ERROR(ReadTenths(j, "township_year_hours", &r.township_year_tenths));
  PEIXUN_RETURN_IF_ERROR(ReadInt(j, "township_year_days", &r.township_year_days));
  PEIXUN_RETURN_IF_ERROR(ReadTenths(j, "county_window_hours", &r.county_window_tenths));
  PEIXUN_RETURN_IF_ERROR(ReadInt(j, "county_window_days", &r.county_window_days));
  PEIXUN_RETURN_IF_ERROR(ReadInt(j, "county_window_years", &r.county_window_years));
  PEIXUN_RETURN_IF_ERROR(ReadTenths(j, "party_member_year_hours", &r.party_member_year_tenths));
  PEIXUN_RETURN_IF_ERROR(ReadTenths(j, "secretary_year_hours", &r.secretary_year_tenths));
  PEIXUN_RETURN_IF_ERROR(ReadTenths(j, "hours_per_day", &r.tenths_per_day));
  PEIXUN_RETURN_IF_ERROR(ReadTenths(j, "hours_per_half_day", &r.tenths_per_half_day));
  if (j.contains("carry_over")) {
    if (!j.at("carry_over").is_boolean()) return TypeError("carry_over");
    r.carry_over = j.at("carry_over").get<bool>();
  }
  PEIXUN_RETURN_IF_ERROR(ReadInt(j, "promotion_grace_years", &r.promotion_grace_years));
  PEIXUN_RETURN_IF_ERROR(core::ValidateHoursTargetRules(r));
  return r;
}

Result<core::HoursTargetRules> TargetRulesIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> text, settings::GetIn(tx, kTargetsSetting));
  if (!text) return core::HoursTargetRules{};
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return core::HoursTargetRules{};
  auto r = TargetRulesFromJson(j);
  if (!r) return core::HoursTargetRules{};  // a stored value from another version: defaults
  return *r;
}

Status SetTargetRulesIn(store::Tx& tx, const core::HoursTargetRules& rules) {
  PEIXUN_RETURN_IF_ERROR(core::ValidateHoursTargetRules(rules));
  PEIXUN_RETURN_IF_ERROR(settings::SetIn(tx, kTargetsSetting, TargetRulesJson(rules).dump()));
  // Every stored verdict may change (targets, the window, days → 学时, carry-over).
  return internal::RemarkAllIn(tx);
}

}  // namespace peixun::records
