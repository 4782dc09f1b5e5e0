// What the attendance module's route files share: who may call (Access), the
// OpenAPI description helpers, and the path id. Internal to the module.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/router.h"

namespace peixun::attendance::routes {

inline const api::Access kManagers =
    api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
inline const api::Access kTrainees = api::Access::Roles({Role::kTrainee});
inline const api::Access kLeaveUsers =
    api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee});

// An operation tagged "attendance"; a plain 200 unless `extra` has responses.
inline nlohmann::json Doc(const std::string& summary,
                          nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json d = {{"summary", summary}, {"tags", {"attendance"}}};
  if (!extra.contains("responses")) {
    extra["responses"] = {{"200", {{"description", "ok"}}}};
  }
  d.update(extra);
  return d;
}

inline nlohmann::json FileDoc(const std::string& summary, const std::string& media,
                              nlohmann::json params = nlohmann::json::array()) {
  return Doc(
      summary,
      {{"parameters", std::move(params)},
       {"responses",
        {{"200",
          {{"description", "the file"},
           {"content", {{media, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}});
}

inline nlohmann::json QueryParam(const std::string& name, nlohmann::json schema,
                                 bool required = false) {
  return {{"name", name}, {"in", "query"}, {"required", required}, {"schema", std::move(schema)}};
}

inline Result<int64_t> IdParam(api::Call& c) {
  return api::ParseId(c.request.PathParam("id"), "id");
}

}  // namespace peixun::attendance::routes
