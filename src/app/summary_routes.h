// GET /api/v1/classes/{id}/summary.pdf and .docx: the class summary report
// (class_summary.h). Access is checked by ClassSummaryService.
#pragma once

#include <memory>

#include "api/router.h"
#include "app/class_summary.h"

namespace peixun::app {

void RegisterSummaryRoutes(api::Router& router, std::shared_ptr<ClassSummaryService> service);

}  // namespace peixun::app
