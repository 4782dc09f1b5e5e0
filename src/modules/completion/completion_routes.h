// HTTP routes of completion (结业) and 优秀学员 (docs: the OpenAPI document).
#pragma once

#include <memory>

#include "api/router.h"
#include "modules/completion/completion_service.h"

namespace peixun::completion {

// The routes share `service` (its AssessmentSource is set by the caller).
void RegisterCompletionRoutes(api::Router& router, std::shared_ptr<CompletionService> service);

// JSON of the API. lang "en…" picks the English messages.
nlohmann::json ClassCompletionJson(const ClassCompletion& c, const std::string& lang);
nlohmann::json DecisionJson(const Decision& d, const std::string& lang);

}  // namespace peixun::completion
