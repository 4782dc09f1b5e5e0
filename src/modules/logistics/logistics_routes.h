// HTTP routes of the logistics module (docs/api.md "Enrollment, groups and
// logistics"): lodging rooms and assignments, diets and meal counts, buses of
// on-site sessions, and a trainee's own group, room and buses (/api/v1/me/class/{id}).
#pragma once

#include "api/router.h"
#include "modules/logistics/meal_service.h"
#include "store/store.h"

namespace peixun::logistics {

struct LogisticsHooks {
  // Approved leave (the leave module, a later issue); unset: nobody is on leave.
  OnLeave on_leave;
};

void RegisterLogisticsRoutes(api::Router& router, store::Store& store, LogisticsHooks hooks = {});

}  // namespace peixun::logistics
