// HTTP routes of the logistics module (docs/api.md "Enrollment, groups and
// logistics"): lodging rooms and assignments, diets and meal counts, buses of
// on-site sessions, and a trainee's own group, room and buses (/api/v1/me/class/{id}).
#pragma once

#include <cstdint>
#include <functional>

#include "api/router.h"
#include "modules/logistics/meal_service.h"
#include "store/store.h"

namespace peixun::logistics {

struct LogisticsHooks {
  // Approved leave in a class (the attendance module's LeaveCheckForClass), made
  // once per request; unset: nobody is on leave.
  std::function<OnLeave(int64_t class_id)> leave_of_class;
};

void RegisterLogisticsRoutes(api::Router& router, store::Store& store, LogisticsHooks hooks = {});

}  // namespace peixun::logistics
