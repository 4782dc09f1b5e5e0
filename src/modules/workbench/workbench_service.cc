#include "modules/workbench/workbench.h"

#include "core/clock.h"
#include "modules/workbench/internal/workbench_access.h"

namespace peixun::workbench {

WorkbenchService::WorkbenchService(store::Store& store,
                                   std::shared_ptr<completion::CompletionService> completion,
                                   ServerFacts facts, Clock now_ms)
    : store_(store),
      completion_(std::move(completion)),
      facts_(std::move(facts)),
      now_ms_(now_ms ? std::move(now_ms) : Clock(NowMillis)) {}

Error Forbidden() {
  return MakeError(ErrorKind::kForbidden, "workbench.forbidden", "此工作台不属于您的角色",
                   "this start page is not for your role");
}

Status RequireRole(const Principal& who, std::initializer_list<Role> roles) {
  for (Role r : roles) {
    if (who.role == r) return Ok();
  }
  return Forbidden();
}

}  // namespace peixun::workbench
