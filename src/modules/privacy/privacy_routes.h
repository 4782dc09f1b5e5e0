// HTTP routes of the privacy module (PIPL export, erasure, retention setting).
#pragma once

#include <memory>

#include "api/router.h"
#include "modules/privacy/privacy_service.h"

namespace peixun::privacy {

void RegisterPrivacyRoutes(api::Router& router, std::shared_ptr<PrivacyService> service);

}  // namespace peixun::privacy
