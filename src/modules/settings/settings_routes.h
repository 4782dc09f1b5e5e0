// HTTP routes of the settings module, admin only:
//   GET /api/v1/settings/public-base-url   the configured public address and the one in use
//   PUT /api/v1/settings/public-base-url   {public_base_url}: set it ("" clears it)
#pragma once

#include "api/router.h"
#include "store/store.h"

namespace peixun::settings {

// `store` must outlive `router`'s use.
void RegisterSettingsRoutes(api::Router& router, store::Store& store);

}  // namespace peixun::settings
