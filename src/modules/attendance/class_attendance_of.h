// A class's attendance for some of its trainees only: the hours ledger of one unit
// asks for its few people in a class of thousands (bench/ledger).
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "modules/attendance/attendance_service.h"
#include "store/store.h"

namespace peixun::attendance {

// AttendanceService::ForClassIn for the trainees of `people` only: the others are
// left out of `trainees` and of the sessions' rows. No access check; inside the
// caller's transaction.
Result<ClassAttendance> ForClassPeopleIn(store::Tx& tx, int64_t class_id, int64_t now,
                                         const std::vector<int64_t>& people);

}  // namespace peixun::attendance
