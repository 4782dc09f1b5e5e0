// Attendance beyond the scan itself: spot checks (随机点名; spot_checks.h and
// spot_checks.cc), head-teacher corrections, and the statuses computed from everything recorded —
// per session per trainee (core::EvaluateAttendance) and per class per trainee
// (core::EvaluateCompletion: leave share, absences, discipline; on track / at risk).
//
// Access (class_access.h): writes and class-wide reads need kManage on the class
// (admin, organizer, its head teachers) — spot-check confirmation is the trainee's
// own. Writes are one transaction each and audited (attendance.correction,
// attendance.spot_check).
//
// Exam and reflection belong to the assessment module, which does not exist yet:
// completion here counts attendance rules only (class_has_exam false, reflection
// not required) and says so in nothing else.
//
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/attendance_rules.h"
#include "core/completion_rules.h"
#include "core/principal.h"
#include "core/result.h"
#include "io/table.h"
#include "modules/attendance/session_context.h"
#include "modules/attendance/spot_checks.h"
#include "store/store.h"

namespace peixun::attendance {

struct CorrectionInput {
  int64_t person_id = 0;
  core::AttendanceStatus status = core::AttendanceStatus::kAttended;
  bool late = false;
  bool left_early = false;
  bool left_midway = false;
  std::string reason;
};

struct CorrectionInfo {
  int64_t id = 0;
  int64_t session_id = 0;
  int64_t person_id = 0;
  std::string status;
  std::string reason;
  int64_t by = 0;
  int64_t at_ms = 0;
};

// One trainee in one session.
struct AttendanceRow {
  int64_t person_id = 0;
  std::string name;
  std::optional<int64_t> unit_id;
  std::string unit_name;
  std::optional<int64_t> group_id;  // the trainee's group in the class, if any
  std::string group_name;
  std::string status;  // attended | excused | absent | pending
  bool corrected = false;
  std::vector<std::string> flags;  // anti-代签 flags of the counted events
  core::AttendanceResult result;
};

struct SessionAttendance {
  SessionContext ctx;
  int checked_in = 0;
  std::vector<AttendanceRow> rows;  // 姓氏笔画 order
};

struct TraineeSummary {
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;
  core::CompletionVerdict verdict;
  // The trainee's programme as the verdict saw it (undecided sessions without a
  // status): the completion module re-evaluates it with the exam, reflection and
  // evaluation rules.
  std::vector<core::SessionOutcome> outcomes;
};

struct ClassAttendance {
  classes::TrainingClass klass;
  std::vector<SessionAttendance> sessions;     // time order
  std::vector<TraineeSummary> trainees;        // 姓氏笔画 order
  std::map<int64_t, std::string> group_names;  // group id → 第一组
  std::map<int64_t, int64_t> group_of;         // person → group id
};

class AttendanceService {
 public:
  using Clock = std::function<int64_t()>;
  explicit AttendanceService(store::Store& store, Clock now_ms = {});

  // Spot checks. Open: kManage; minutes 1..60 (default 3), the session must be
  // running (409 attendance.spot_check.not_running).
  Result<SpotCheckInfo> OpenSpotCheck(const Principal& who, int64_t session_id,
                                      std::optional<int> minutes);
  Result<std::vector<SpotCheckInfo>> SpotChecks(const Principal& who, int64_t session_id);
  // The spot checks open now in sessions the trainee (who.person_id) attends, with
  // whether they confirmed already; empty for an account without a person.
  Result<std::vector<TraineeSpotCheck>> OpenSpotChecksFor(const Principal& who);
  // The trainee confirms (who.person_id); 409 attendance.spot_check.closed after
  // the window; 403 attendance.not_enrolled. Confirming twice keeps the first.
  Result<int64_t> ConfirmSpotCheck(const Principal& who, int64_t spot_check_id);

  // 422 attendance.correction.reason when the reason is empty.
  Result<CorrectionInfo> Correct(const Principal& who, int64_t session_id,
                                 const CorrectionInput& input);

  Result<SessionAttendance> ForSession(const Principal& who, int64_t session_id);
  Result<ClassAttendance> ForClass(const Principal& who, int64_t class_id);
  // One trainee's own view of a class (a trainee: only themself).
  Result<ClassAttendance> ForTrainee(const Principal& who, int64_t class_id, int64_t person_id);

  // The report: one row per trainee × session.
  Result<io::Table> ReportTable(const Principal& who, int64_t class_id);

  // No access check; inside a caller's transaction.
  static Result<SessionAttendance> ForSessionIn(store::Tx& tx, int64_t session_id, int64_t now);
  static Result<ClassAttendance> ForClassIn(store::Tx& tx, int64_t class_id, int64_t now,
                                            std::optional<int64_t> only_person = {});

 private:
  store::Store& store_;
  Clock now_ms_;
};

// Their JSON: attendance_json.h.
// 出勤 / 请假 / 缺勤 / 未结束 (or, lang "en…", attended / on leave / absent / pending).
const char* AttendanceStatusLabel(const std::string& status, const std::string& lang = "zh-CN");

}  // namespace peixun::attendance
