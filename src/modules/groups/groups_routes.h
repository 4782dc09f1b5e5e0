// HTTP routes of the groups module (docs/api.md "Enrollment, groups and logistics").
#pragma once

#include "api/router.h"
#include "store/store.h"

namespace peixun::groups {

void RegisterGroupsRoutes(api::Router& router, store::Store& store);

}  // namespace peixun::groups
