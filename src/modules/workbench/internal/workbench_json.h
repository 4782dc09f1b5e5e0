#ifndef PEIXUN_MODULE_WORKBENCH_INTERNALS
#error "modules/workbench/internal is private to the workbench module"
#endif
// The JSON of each start page and its OpenAPI schema, side by side in
// workbench_json.cc so that they change together.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "modules/workbench/workbench.h"

namespace peixun::workbench {

// `lang` picks the language of completion reasons ("en…" or zh-CN).
nlohmann::json HeadTeacherJson(const HeadTeacherWorkbench& w, const std::string& lang);
nlohmann::json OrganizerJson(const OrganizerWorkbench& w);
nlohmann::json LiaisonJson(const LiaisonWorkbench& w);
nlohmann::json AdminJson(const AdminWorkbench& w);

nlohmann::json HeadTeacherSchema();
nlohmann::json OrganizerSchema();
nlohmann::json LiaisonSchema();
nlohmann::json AdminSchema();

}  // namespace peixun::workbench
