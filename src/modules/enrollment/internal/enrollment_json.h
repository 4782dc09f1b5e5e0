#ifndef PEIXUN_MODULE_ENROLLMENT_INTERNALS
#error "modules/enrollment/internal is private to the enrollment module"
#endif
// JSON forms of enrollment entities for the API and the audit log (docs/api.md
// "Enrollment, groups and logistics").
#pragma once

#include <nlohmann/json.hpp>

#include "modules/enrollment/enrollment.h"

namespace peixun::enrollment {

nlohmann::json EnrollmentToJson(const Enrollment& e);
nlohmann::json EnrollmentSchema();
nlohmann::json QuotaToJson(const Quota& q);
nlohmann::json QuotaSchema();

}  // namespace peixun::enrollment
