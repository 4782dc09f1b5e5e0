// A trainee's own attendance in a class (GET /api/v1/me/attendance), for any
// transport: trainees only (403 auth.forbidden), linked to a person (403
// attendance.forbidden otherwise), enrolled in the class.
#pragma once

#include <cstdint>

#include "core/principal.h"
#include "core/result.h"
#include "modules/attendance/attendance_service.h"

namespace peixun::attendance {

Result<ClassAttendance> MyAttendance(AttendanceService& service, const Principal& who,
                                     int64_t class_id);

}  // namespace peixun::attendance
