// Paper sign-in sheets (签到表) typed into a spreadsheet and uploaded: each row
// (姓名/trainee, 课程/session, 签到时间/checkin, 签退时间/checkout) becomes check-in and
// check-out events of source "paper" through CheckinService — the same rules
// (enrollment, windows) as a scan, with the sheet's time. Times are local to the
// class: "2020-06-02 08:27" or "08:27" (the session's day). A session is named by
// its title (unique on its day is enough when a date is given) or its id.
//
// Rows are independent: good rows are recorded, bad rows reported (ImportReport);
// importing the same sheet again records nothing twice (the idempotency key is
// derived from session, trainee, direction and time). One audit entry
// (attendance.paper_import, entity "class") records the file and its counts.
// Access: kManage on the class.
#pragma once

#include <cstdint>
#include <string>

#include "core/import_report.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/attendance/checkin_service.h"

namespace peixun::attendance {

Result<ImportReport> ImportPaperSheet(CheckinService& checkins, const Principal& who,
                                      int64_t class_id, const std::string& bytes,
                                      const std::string& filename, bool dry_run);

}  // namespace peixun::attendance
