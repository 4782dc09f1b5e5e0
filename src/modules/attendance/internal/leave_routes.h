#ifndef PEIXUN_MODULE_ATTENDANCE_INTERNALS
#error "modules/attendance/internal is private to the attendance module"
#endif
// The leave routes (请假/销假, docs/api.md "Attendance and leave"): a trainee's
// request (or the head teacher's on their behalf), the list, the attachment, and
// the decisions approve / reject / cancel / return.
#pragma once

#include <memory>

#include "api/router.h"
#include "modules/attendance/leave_service.h"

namespace peixun::attendance {

void RegisterLeaveRoutes(api::Router& router, std::shared_ptr<LeaveService> leave);

}  // namespace peixun::attendance
