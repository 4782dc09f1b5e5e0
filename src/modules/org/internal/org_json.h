#ifndef PEIXUN_MODULE_ORG_INTERNALS
#error "modules/org/internal is private to the org module"
#endif
// JSON forms of org entities for the API (docs/api.md "Unit").
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "modules/org/unit.h"

namespace peixun::org {

nlohmann::json UnitToJson(const Unit& unit);
// The OpenAPI schema of UnitToJson's output.
nlohmann::json UnitSchema();

}  // namespace peixun::org
