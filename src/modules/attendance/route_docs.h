// What the attendance module's route files share: who may call (Access), the
// OpenAPI description helpers, and the path id. Internal to the module.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "api/router.h"

namespace peixun::attendance::routes {

inline const api::Access kManagers =
    api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
inline const api::Access kTrainees = api::Access::Roles({Role::kTrainee});
inline const api::Access kLeaveUsers =
    api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee});

// The module's OpenAPI tag.
inline nlohmann::json Doc(const std::string& summary,
                          nlohmann::json extra = nlohmann::json::object()) {
  return api::OperationDoc("attendance", summary, std::move(extra));
}

inline nlohmann::json FileDoc(const std::string& summary, const std::string& media,
                              nlohmann::json params = nlohmann::json::array()) {
  return Doc(summary, {{"parameters", std::move(params)},
                       {"responses", {{"200", api::FileResponseDoc("the file", media)}}}});
}

using api::IdParam;
using api::QueryParam;

}  // namespace peixun::attendance::routes
