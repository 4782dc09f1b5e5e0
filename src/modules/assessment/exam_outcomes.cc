#include "modules/assessment/exam_outcomes.h"

#include <vector>

#include "modules/assessment/exam_rows.h"

namespace peixun::assessment {

Result<ClassExamOutcome> ClassExamOutcomeIn(store::Tx& tx, int64_t class_id) {
  ClassExamOutcome out;
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows, tx.Query("SELECT id FROM exams WHERE class_id = ? ORDER BY id DESC LIMIT 1",
                                 {store::Int(class_id)}));
  if (rows.empty()) return out;
  PEIXUN_ASSIGN_OR_RETURN(Exam exam, LoadExamIn(tx, rows[0].Int(0)));
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
