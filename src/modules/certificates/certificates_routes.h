// HTTP routes of 结业证书: templates, issue, re-issue, revoke, downloads, batch jobs
// and the public verification (documented in the OpenAPI document).
#pragma once

#include <memory>

#include "api/router.h"
#include "modules/certificates/certificate_service.h"

namespace peixun::certificates {

void RegisterCertificatesRoutes(api::Router& router, std::shared_ptr<CertificateService> service);

nlohmann::json CertificateJson(const Certificate& c);
nlohmann::json VerificationJson(const Verification& v);

}  // namespace peixun::certificates
