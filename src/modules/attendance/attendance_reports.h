// The printable attendance reports of a class: the summary per trainee (考勤汇总, PDF)
// and the daily notice (考勤通报: who was absent, late, left early or midway, or on
// leave in the sessions of one day). Access as AttendanceService::ForClass.
#pragma once

#include <cstdint>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "modules/attendance/attendance_service.h"

namespace peixun::attendance {

Result<std::string> AttendanceSummaryPdf(AttendanceService& service, const Principal& who,
                                         int64_t class_id);

// `date` is a local date of the class, "YYYY-MM-DD" (422 attendance.notice.date otherwise).
Result<std::string> AttendanceNoticePdf(AttendanceService& service, const Principal& who,
                                        int64_t class_id, const std::string& date);

}  // namespace peixun::attendance
