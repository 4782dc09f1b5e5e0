// HTTP routes of reflection papers (心得体会); they translate HTTP to
// ReflectionService calls, which check access (reflection_service.h).
#pragma once

#include "api/router.h"
#include "store/store.h"

namespace peixun::reflection {

void RegisterReflectionRoutes(api::Router& router, store::Store& store);

}  // namespace peixun::reflection
