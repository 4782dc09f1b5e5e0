// Routes every deployment has: /healthz, /metrics, /api/v1/openapi.json.
#pragma once

#include "api/metrics.h"
#include "api/router.h"

namespace peixun::app {

// `router` must be complete when openapi.json is requested (it is generated
// from the table on each request, so it always matches the router).
void RegisterSystemRoutes(api::Router& router, api::Metrics& metrics);

}  // namespace peixun::app
