#include "modules/assessment/exam_outcomes.h"

#include <vector>

#include "modules/assessment/exam_rows.h"
#include "modules/timetable/session_service.h"

namespace peixun::assessment {

Result<ClassExamOutcome> ClassExamOutcomeIn(store::Tx& tx, int64_t class_id) {
  ClassExamOutcome out;
  // The class's exam is the one held last on its timetable (the closing exam), not
  // the last one created: a 随堂测验 added mid-class must not become what completion reads.
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows, tx.Query("SELECT id, session_id FROM exams WHERE class_id = ? ORDER BY id",
                                 {store::Int(class_id)}));
  if (rows.empty()) return out;
  int64_t chosen = 0, chosen_start = 0;
  for (const auto& r : rows) {
    PEIXUN_ASSIGN_OR_RETURN(timetable::ClassSession session,
                            timetable::SessionService::GetIn(tx, r.Int(1)));
    if (chosen == 0 || session.start_ms >= chosen_start) {
      chosen = r.Int(0);
      chosen_start = session.start_ms;
    }
  }
  PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, chosen));
  out.has_exam = true;
  out.pass_mark = exam.pass_mark;
  const int total = exam.TotalCenti();
  if (total <= 0) return out;
  PEIXUN_ASSIGN_OR_RETURN(std::vector<AttemptRow> attempts,
                          AttemptsOfIn(tx, exam.id, std::nullopt));
  std::map<int64_t, std::vector<AttemptRow>> by_person;
  for (auto& a : attempts) {
    if (a.submitted_ms) by_person[a.person_id].push_back(std::move(a));
  }
  for (const auto& [person, mine] : by_person) {
    std::vector<std::optional<int>> scores;
    for (const auto& a : mine) {
      PEIXUN_ASSIGN_OR_RETURN(auto answers, AnswersOfIn(tx, a.id));
      scores.push_back(AttemptScore(a, answers));
    }
    std::optional<size_t> counted = CountedAttempt(mine, scores, exam.counting);
    if (!counted || !scores[*counted]) continue;
    out.percent_by_person[person] = 100.0 * *scores[*counted] / total;
  }
  return out;
}

}  // namespace peixun::assessment
