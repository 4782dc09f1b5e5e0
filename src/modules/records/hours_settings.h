// The ledger's 学时 targets and day conversion (core/hours_targets.h), kept as one
// installation setting ("records.targets", JSON). Missing keys take the defaults.
//
// JSON (hours in 学时, one decimal at most):
//   {"township_year_hours":90, "township_year_days":12, "county_window_hours":550,
//    "county_window_days":90, "county_window_years":5, "party_member_year_hours":32,
//    "secretary_year_hours":56, "hours_per_day":8, "hours_per_half_day":4,
//    "carry_over":false, "promotion_grace_years":1}
#pragma once

#include <nlohmann/json.hpp>

#include "core/hours_targets.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::records {

inline constexpr char kTargetsSetting[] = "records.targets";

Result<core::HoursTargetRules> TargetRulesIn(store::Tx& tx);
// Validates (422 records.targets.range / records.targets.type naming the key).
Status SetTargetRulesIn(store::Tx& tx, const core::HoursTargetRules& rules);

nlohmann::json TargetRulesJson(const core::HoursTargetRules& rules);
// Keys absent from `j` keep their value in `base`; unknown keys are refused
// (422 records.targets.unknown naming the key).
Result<core::HoursTargetRules> TargetRulesFromJson(const nlohmann::json& j,
                                                   core::HoursTargetRules base = {});

}  // namespace peixun::records
