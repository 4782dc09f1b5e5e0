#include "modules/assessment/exam_monitor.h"

#include <algorithm>
#include <map>

#include "modules/assessment/exam_rows.h"
#include "modules/classes/class_access.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/people/people_service.h"

namespace peixun::assessment {

const char* MonitorStatusCode(MonitorStatus s) {
  switch (s) {
    case MonitorStatus::kInProgress:
      return "in_progress";
    case MonitorStatus::kSubmitted:
      return "submitted";
    case MonitorStatus::kNotStarted:
      break;
  }
  return "not_started";
}

Result<ExamMonitor> MonitorExam(store::Store& store, const Principal& who, int64_t exam_id,
                                int64_t now_ms) {
  return store::TransactValue<ExamMonitor>(store, [&](store::Tx& tx) -> Result<ExamMonitor> {
    PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, exam_id));
    PEIXUN_RETURN_IF_ERROR(
        classes::CheckClassAccessIn(tx, who, exam.class_id, classes::ClassNeed::kManage));
    PEIXUN_RETURN_IF_ERROR(SubmitExpiredIn(tx, now_ms, exam_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<AttemptRow> attempts, AttemptsOfIn(tx, exam_id, {}));
    // Attempts come by person, then number: the last one of a person is the latest.
    std::map<int64_t, AttemptRow> latest;
    std::map<int64_t, int> count;
    for (const AttemptRow& a : attempts) {
      latest[a.person_id] = a;
      ++count[a.person_id];
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows answered,
        tx.Query("SELECT a.attempt_id, COUNT(*) FROM exam_answers a "
                 "JOIN exam_attempts t ON t.id = a.attempt_id WHERE t.exam_id = ? "
                 "GROUP BY a.attempt_id",
                 {store::Int(exam_id)}));
    std::map<int64_t, int> answers_of;
    for (const auto& r : answered) answers_of[r.Int(0)] = static_cast<int>(r.Int(1));

    // Everyone approved, plus anyone who attempted and has since left the class.
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                            enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, exam.class_id));
    for (const auto& [person, a] : latest) ids.push_back(person);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                            people::PeopleService::GetManyIn(tx, ids));

    ExamMonitor out;
    out.exam_id = exam_id;
    out.now_ms = now_ms;
    out.question_count = static_cast<int>(exam.paper.size());
    for (const people::Person& p : people) {
      MonitorRow row;
      row.person_id = p.id;
      row.name = p.name;
      row.unit_name = p.unit_name;
      const auto it = latest.find(p.id);
      if (it != latest.end()) {
        const AttemptRow& a = it->second;
        row.attempts = count[p.id];
        row.attempt_id = a.id;
        row.started_ms = a.started_ms;
        row.deadline_ms = a.deadline_ms;
        row.submitted_ms = a.submitted_ms;
        row.submitted_by = a.submitted_by;
        row.answered = answers_of[a.id];
        if (a.submitted_ms) {
          row.status = MonitorStatus::kSubmitted;
        } else {
          row.status = MonitorStatus::kInProgress;
          row.remaining_ms = std::max<int64_t>(0, a.deadline_ms - now_ms);
        }
      }
      switch (row.status) {
        case MonitorStatus::kNotStarted:
          ++out.not_started;
          break;
        case MonitorStatus::kInProgress:
          ++out.in_progress;
          break;
        case MonitorStatus::kSubmitted:
          ++out.submitted;
          break;
      }
      out.people.push_back(std::move(row));
    }
    return out;
  });
}

}  // namespace peixun::assessment
