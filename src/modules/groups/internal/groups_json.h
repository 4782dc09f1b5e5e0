#ifndef PEIXUN_MODULE_GROUPS_INTERNALS
#error "modules/groups/internal is private to the groups module"
#endif
// JSON forms of discussion groups for the API (docs/api.md "Enrollment, groups and
// logistics").
#pragma once

#include <nlohmann/json.hpp>

#include "modules/groups/class_group.h"

namespace peixun::groups {

nlohmann::json GroupMemberToJson(const GroupMember& m);
nlohmann::json ClassGroupToJson(const ClassGroup& g);
nlohmann::json ClassGroupsToJson(const ClassGroups& g);
nlohmann::json ClassGroupSchema();
nlohmann::json ClassGroupsSchema();

}  // namespace peixun::groups
