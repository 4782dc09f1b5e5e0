// HTTP routes of the org module (docs/api.md "Organizations").
#pragma once

#include "api/router.h"
#include "store/store.h"

namespace peixun::org {

void RegisterOrgRoutes(api::Router& router, store::Store& store);

}  // namespace peixun::org
