// Each role's start page (工作台): what a head teacher, an organizer, a liaison and
// an admin land on after signing in. Read-only; composed from the other modules'
// public services, which check access again for what they return.
//
// Access (each entry point checks; any other role 403 workbench.forbidden):
//   HeadTeacher  head_teacher: only the classes they head (ClassService::ListFor);
//   Organizer    organizer and admin: every class;
//   Liaison      liaison: only the enrollments of their unit's subtree
//                (EnrollmentService::List scopes them), and the attendance of those
//                trainees only;
//   Admin        admin.
//
// "Today" and "tomorrow" are local dates in each class's time zone.
// Thread-safe: no mutable state (the completion service is shared and thread-safe).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/completion_rules.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/completion/completion_service.h"
#include "store/store.h"

namespace peixun::workbench {

struct NamedPerson {
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
};

// One of today's sessions of a head teacher's classes.
struct TodaySession {
  int64_t class_id = 0;
  std::string class_name;
  int64_t session_id = 0;
  std::string title;
  std::string kind;  // timetable SessionKindCode
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  int utc_offset_minutes = 480;
  std::string place;                 // room, or the sites joined by "、"
  std::string phase;                 // "running", "upcoming", "ended"
  int expected = 0;                  // trainees the session expects
  std::optional<int> checked_in;     // distinct trainees checked in; unset before check-in opens
  std::optional<int> excused;        // on approved leave covering it
  std::vector<NamedPerson> missing;  // neither checked in nor excused (姓氏笔画); begun only
};

struct PendingLeave {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string class_name;
  int64_t person_id = 0;
  std::string person_name;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::string reason;
  int64_t created_ms = 0;
};

struct TraineeAtRisk {
  int64_t class_id = 0;
  std::string class_name;
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
  std::string state;  // "at_risk" or "ineligible"
  std::vector<core::CompletionReason> reasons;
};

struct BusLoad {
  int64_t session_id = 0;
  std::string session_title;
  int64_t start_ms = 0;
  std::string bus_name;
  int seats = 0;
  int passengers = 0;
};

struct MealLoad {
  std::string meal;  // breakfast | lunch | dinner
  int total = 0;
  int regular = 0;
  int halal = 0;
  int vegetarian = 0;
  int on_leave = 0;
};

// Tomorrow in one class: its buses and meal head counts (empty when the class has
// no day tomorrow).
struct Tomorrow {
  int64_t class_id = 0;
  std::string class_name;
  std::string date;  // YYYY-MM-DD, local
  std::vector<BusLoad> buses;
  std::vector<MealLoad> meals;
};

struct HeadTeacherWorkbench {
  int64_t now_ms = 0;
  std::vector<TodaySession> today;           // running first, then upcoming, then ended; by start
  std::vector<PendingLeave> leave_requests;  // oldest first
  std::vector<TraineeAtRisk> at_risk;        // at risk first, then ineligible
  std::vector<Tomorrow> tomorrow;            // classes with a day tomorrow
};

struct ClassLine {
  int64_t id = 0;
  std::string name;
  std::string status;  // ClassStatusCode
  std::string start_date;
  std::string end_date;
  int capacity = 0;
  int approved = 0;  // sums of the quotas' approved (organizer) / of the caller's trainees
};

struct StatusCount {
  std::string status;
  int count = 0;
};

struct QuotaLine {
  int64_t class_id = 0;
  std::string class_name;
  int64_t unit_id = 0;
  std::string unit_name;
  int seats = 0;
  int used = 0;
  int approved = 0;
  int waitlisted = 0;
};

struct PendingEnrollment {
  int64_t enrollment_id = 0;
  int64_t class_id = 0;
  std::string class_name;
  int64_t person_id = 0;
  std::string person_name;
  std::string unit_name;
  std::string reason;  // substitutions: why; else ""
  int64_t created_at = 0;
};

struct PendingExcellent {
  int64_t class_id = 0;
  std::string class_name;
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
};

struct OrganizerWorkbench {
  std::vector<StatusCount> by_status;            // every status, in lifecycle order
  std::vector<ClassLine> classes;                // not archived, by start date descending
  std::vector<QuotaLine> quotas;                 // of classes in planning, enrolling or running
  std::vector<PendingEnrollment> nominations;    // 待审核 new nominations
  std::vector<PendingEnrollment> substitutions;  // 待审核 替训
  std::vector<PendingExcellent> excellent;       // 优秀学员 nominated, not yet approved
};

struct UnitEnrollment {
  int64_t enrollment_id = 0;
  int64_t class_id = 0;
  std::string class_name;
  int64_t person_id = 0;
  std::string person_name;
  std::string unit_name;
  std::string status;  // EnrollmentStatusCode
};

struct TraineeAttendance {
  int64_t class_id = 0;
  std::string class_name;
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
  int attended = 0;  // decided sessions
  int excused = 0;
  int absent = 0;
  int late = 0;
  int pending = 0;  // not ended yet
  int credited_tenths = 0;
  int programme_tenths = 0;
  std::string state;  // CompletionStateCode
};

struct LiaisonWorkbench {
  std::optional<int64_t> unit_id;
  std::string unit_name;
  // Classes with enrollments of the unit, to come, running or ended in the last 30
  // days (older ones are in the training records); approved = theirs.
  std::vector<ClassLine> classes;
  std::vector<UnitEnrollment> nominations;
  std::vector<TraineeAttendance> attendance;  // classes running or finished
};

struct RoleCount {
  std::string role;
  int64_t count = 0;
};

struct AdminWorkbench {
  int64_t users = 0;
  std::vector<RoleCount> users_by_role;
  bool audit_ok = false;
  int64_t audit_entries = 0;
  std::optional<int64_t> audit_first_bad_id;
  std::string audit_reason;
  std::string audit_last_hash;
  std::string db_kind;  // "sqlite" | "postgresql"
  std::string version;
  int64_t started_ms = 0;
  int64_t uptime_s = 0;
  // The last scheduled backup (settings::kLastBackup): "none" when serve makes
  // none (or has not yet), "ok" or "failed".
  std::string backup_state = "none";
  std::optional<int64_t> backup_at;
  std::string backup_file;
  std::string backup_message;
};

// What the server process knows of itself (the composition root supplies it).
struct ServerFacts {
  std::string version;
  int64_t started_ms = 0;
};

class WorkbenchService {
 public:
  using Clock = std::function<int64_t()>;
  // `store` must outlive the service; `completion` is shared with the completion routes.
  WorkbenchService(store::Store& store, std::shared_ptr<completion::CompletionService> completion,
                   ServerFacts facts, Clock now_ms = {});

  Result<HeadTeacherWorkbench> HeadTeacher(const Principal& who);
  Result<OrganizerWorkbench> Organizer(const Principal& who);
  Result<LiaisonWorkbench> Liaison(const Principal& who);
  Result<AdminWorkbench> Admin(const Principal& who);

 private:
  store::Store& store_;
  std::shared_ptr<completion::CompletionService> completion_;
  ServerFacts facts_;
  Clock now_ms_;
};

}  // namespace peixun::workbench
