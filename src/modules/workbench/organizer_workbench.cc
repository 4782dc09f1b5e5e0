// The organizer's start page: classes by status, enrollment against the quotas of
// every unit, and what waits for their approval (nominations, substitutions,
// 优秀学员 nominations). The yearly hours shortfalls join once the ledger exists.
#include <algorithm>

#include "core/civil_date.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/workbench/internal/workbench_access.h"
#include "modules/workbench/workbench.h"

namespace peixun::workbench {
namespace {

constexpr classes::ClassStatus kLifecycle[] = {
    classes::ClassStatus::kPlanning, classes::ClassStatus::kEnrolling,
    classes::ClassStatus::kRunning, classes::ClassStatus::kFinished,
    classes::ClassStatus::kArchived};

// Enrollments read per class and status (EnrollmentQuery's upper limit).
constexpr int64_t kEnrollmentPage = 1000;

}  // namespace

Result<OrganizerWorkbench> WorkbenchService::Organizer(const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kOrganizer, Role::kAdmin}));
  OrganizerWorkbench out;
  classes::ClassService class_service(store_);
  classes::ClassQuery query;
  query.limit = 1000;
  PEIXUN_ASSIGN_OR_RETURN(classes::ClassPage page, class_service.ListFor(who, query));
  for (classes::ClassStatus s : kLifecycle) {
    const int n = static_cast<int>(std::count_if(page.items.begin(), page.items.end(),
                                                 [s](const auto& c) { return c.status == s; }));
    out.by_status.push_back({std::string(classes::ClassStatusCode(s)), n});
  }

  enrollment::EnrollmentService enroll(store_);
  for (const classes::TrainingClass& c : page.items) {
    if (c.status == classes::ClassStatus::kArchived) continue;
    ClassLine line{c.id,
                   c.name,
                   std::string(classes::ClassStatusCode(c.status)),
                   core::FormatCivilDate(c.start_date),
                   core::FormatCivilDate(c.end_date),
                   c.capacity,
                   0};
    PEIXUN_ASSIGN_OR_RETURN(std::vector<enrollment::Quota> quotas, enroll.Quotas(who, c.id));
    for (const auto& q : quotas) line.approved += q.approved;
    const bool open = c.status == classes::ClassStatus::kPlanning ||
                      c.status == classes::ClassStatus::kEnrolling ||
                      c.status == classes::ClassStatus::kRunning;
    if (open) {
      for (const auto& q : quotas) {
        out.quotas.push_back(
            {c.id, c.name, q.unit_id, q.unit_name, q.seats, q.used, q.approved, q.waitlisted});
      }
      enrollment::EnrollmentQuery pending;
      pending.status = enrollment::EnrollmentStatus::kNominated;
      pending.order = enrollment::EnrollmentOrder::kCreated;
      pending.limit = kEnrollmentPage;
      PEIXUN_ASSIGN_OR_RETURN(enrollment::EnrollmentPage nominated,
                              enroll.List(who, c.id, pending));
      for (const auto& e : nominated.items) {
        PendingEnrollment p{e.id,          c.id,        c.name, e.person_id,
                            e.person_name, e.unit_name, "",     e.created_at};
        if (e.replaces_id) {
          // A substitution (替训): the new enrollment carries why.
          p.reason = e.substitution_reason;
          out.substitutions.push_back(std::move(p));
        } else {
          out.nominations.push_back(std::move(p));
        }
      }
    }
    if (c.status == classes::ClassStatus::kRunning || c.status == classes::ClassStatus::kFinished) {
      PEIXUN_ASSIGN_OR_RETURN(completion::ClassCompletion status, completion_->Status(who, c.id));
      for (const auto& t : status.trainees) {
        if (t.excellent == "nominated") {
          out.excellent.push_back({c.id, c.name, t.person_id, t.name, t.unit_name});
        }
      }
    }
    out.classes.push_back(std::move(line));
  }
  return out;
}

}  // namespace peixun::workbench
