// JSON of the records API and its OpenAPI schemas (one place, so the document and
// the bodies cannot drift apart).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "modules/records/record_types.h"

namespace peixun::records {

nlohmann::json YearVerdictJson(const core::YearVerdict& v);
nlohmann::json OutsideJson(const OutsideEntry& e);
nlohmann::json PersonRecordJson(const PersonRecord& r);
nlohmann::json UnitLedgerJson(const UnitLedger& l);
nlohmann::json DistrictJson(const DistrictSummary& d);

nlohmann::json YearVerdictSchema();
nlohmann::json OutsideSchema();
nlohmann::json PersonRecordSchema();
nlohmann::json UnitLedgerSchema();
nlohmann::json DistrictSchema();
nlohmann::json TargetsSchema();

}  // namespace peixun::records
