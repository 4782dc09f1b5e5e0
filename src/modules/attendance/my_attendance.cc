#include "modules/attendance/my_attendance.h"

#include "core/role_guard.h"

namespace peixun::attendance {

Result<ClassAttendance> MyAttendance(AttendanceService& service, const Principal& who,
                                     int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  if (!who.person_id) {
    return MakeError(ErrorKind::kForbidden, "attendance.forbidden", "此账号未关联学员",
                     "this account is not linked to a trainee");
  }
  return service.ForTrainee(who, class_id, *who.person_id);
}

}  // namespace peixun::attendance
