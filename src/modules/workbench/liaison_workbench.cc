// The liaison's start page: the classes their unit takes part in (with the dates),
// the nominations of their unit's people, and those trainees' attendance. Every
// person shown comes from EnrollmentService::List, which scopes a liaison to their
// unit's subtree; the attendance of the class is then read for those people only.
#include <chrono>
#include <map>
#include <set>

#include "core/civil_date.h"
#include "modules/attendance/attendance_service.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/org/org_service.h"
#include "modules/workbench/internal/workbench_access.h"
#include "modules/workbench/workbench.h"

namespace peixun::workbench {
namespace {

constexpr int64_t kEnrollmentPage = 1000;
// Classes that ended longer ago than this are left off the start page.
constexpr int64_t kRecentDays = 30;

// The rows of one person in the class's sessions, tallied.
void Tally(const attendance::ClassAttendance& cls, TraineeAttendance& t) {
  for (const auto& s : cls.sessions) {
    for (const auto& row : s.rows) {
      if (row.person_id != t.person_id) continue;
      if (row.status == "attended") {
        ++t.attended;
        if (row.result.late) ++t.late;
      } else if (row.status == "excused") {
        ++t.excused;
      } else if (row.status == "absent") {
        ++t.absent;
      } else {
        ++t.pending;
      }
    }
  }
}

}  // namespace

Result<LiaisonWorkbench> WorkbenchService::Liaison(const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kLiaison}));
  const int64_t now = now_ms_();
  LiaisonWorkbench out;
  out.unit_id = who.unit_id;
  if (who.unit_id) {
    PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(org::Unit unit, org::OrgService::GetIn(tx, *who.unit_id));
      out.unit_name = unit.name;
      return Ok();
    }));
  }

  classes::ClassService class_service(store_);
  classes::ClassQuery query;
  query.limit = 1000;
  query.order = classes::ClassOrder::kStart;
  PEIXUN_ASSIGN_OR_RETURN(classes::ClassPage page, class_service.ListFor(who, query));
  enrollment::EnrollmentService enroll(store_);

  // The start page is about the work at hand: classes to come or running, and
  // those that ended in the last kRecentDays (their attendance is still asked
  // about); earlier classes are in the training records.
  const int64_t today = core::DaysSinceEpoch(
      core::CivilDateAt(std::chrono::system_clock::time_point(std::chrono::milliseconds(now)),
                        core::kChinaUtcOffset));
  for (const classes::TrainingClass& c : page.items) {
    if (c.status == classes::ClassStatus::kArchived) continue;
    if (core::DaysSinceEpoch(c.end_date) < today - kRecentDays) continue;
    enrollment::EnrollmentQuery all;
    all.limit = kEnrollmentPage;
    PEIXUN_ASSIGN_OR_RETURN(enrollment::EnrollmentPage mine, enroll.List(who, c.id, all));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<enrollment::Quota> quotas, enroll.Quotas(who, c.id));
    if (mine.items.empty() && quotas.empty()) continue;

    ClassLine line{c.id,
                   c.name,
                   std::string(classes::ClassStatusCode(c.status)),
                   core::FormatCivilDate(c.start_date),
                   core::FormatCivilDate(c.end_date),
                   c.capacity,
                   0};
    std::map<int64_t, const enrollment::Enrollment*> approved;
    for (const auto& e : mine.items) {
      out.nominations.push_back({e.id, c.id, c.name, e.person_id, e.person_name, e.unit_name,
                                 std::string(enrollment::EnrollmentStatusCode(e.status))});
      if (e.status == enrollment::EnrollmentStatus::kApproved) approved[e.person_id] = &e;
    }
    line.approved = static_cast<int>(approved.size());
    out.classes.push_back(std::move(line));

    const bool attendance_kept =
        c.status == classes::ClassStatus::kRunning || c.status == classes::ClassStatus::kFinished;
    if (!attendance_kept || approved.empty()) continue;
    // No access check inside ForClassIn: the people are those EnrollmentService
    // showed this liaison, and nothing of anyone else leaves this function.
    PEIXUN_ASSIGN_OR_RETURN(
        attendance::ClassAttendance cls,
        store::ReadValue<attendance::ClassAttendance>(store_, [&](store::Tx& tx) {
          return attendance::AttendanceService::ForClassIn(tx, c.id, now);
        }));
    for (const auto& summary : cls.trainees) {
      if (!approved.count(summary.person_id)) continue;
      TraineeAttendance t;
      t.class_id = c.id;
      t.class_name = c.name;
      t.person_id = summary.person_id;
      t.name = summary.name;
      t.unit_name = summary.unit_name;
      t.credited_tenths = summary.verdict.credited_tenths;
      t.programme_tenths = summary.verdict.programme_tenths;
      t.state = core::CompletionStateCode(summary.verdict.state);
      Tally(cls, t);
      out.attendance.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace peixun::workbench
