// Exams for the people who run a class: make one on an exam session of the
// timetable, give a trainee extra time, grade answers by hand, release results,
// read results and item statistics. Trainees use attempt_service.h.
//
// Access: every entry point needs classes::ClassNeed::kManage on the exam's class
// (admin, organizer, the class's head teacher); anyone else gets 403 (a lecturer
// never reads a raw answer). Each entry point is one transaction.
//
// Errors (beyond access and 404 assessment.exam.not_found):
//   422 assessment.exam.session_kind    the session is not of kind exam  (session_id)
//   409 assessment.exam.exists          the session already has an exam (session_id)
//   422 assessment.exam.empty           no question on the paper        (question_ids)
//   422 assessment.exam.question        a question not in the bank or archived (question_ids)
//   422 assessment.exam.draw_short      fewer questions tagged than asked for (draws)
//   422 assessment.exam.field           a limit out of range (field named)
//   422 assessment.grade.range          a score outside 0..the question's points (score)
//   422 assessment.grade.question       the question is not on the paper (question_id)
//   409 assessment.grade.paper          the attempt is a paper exam's imported score (attempt_id)
// Thread-safe. The clock is injectable so tests move time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/assessment/exam.h"
#include "store/store.h"

namespace peixun::assessment {

class ExamService {
 public:
  explicit ExamService(store::Store& store, std::function<int64_t()> now_ms = NowMillis);

  Result<Exam> Create(const Principal& who, const ExamInput& input);
  // The exam with its paper and key.
  Result<Exam> Get(const Principal& who, int64_t exam_id);
  Result<std::vector<Exam>> ListForClass(const Principal& who, int64_t class_id);
  // Extra minutes for one trainee (0 removes them); added to the deadline of
  // attempts started afterwards, even past the session's end.
  Status SetExtraTime(const Principal& who, int64_t exam_id, int64_t person_id, int minutes);

  // Every answer to question `question_id` of the exam's submitted attempts.
  Result<std::vector<GradingItem>> AnswersToGrade(const Principal& who, int64_t exam_id,
                                                  int64_t question_id);
  Status Grade(const Principal& who, int64_t attempt_id, int64_t question_id, int score_centi,
               const std::string& comment);
  // Trainees see their score, pass/fail and the key from now on.
  Result<Exam> Release(const Principal& who, int64_t exam_id);
  // Submits every expired attempt first.
  Result<ExamResults> Results(const Principal& who, int64_t exam_id);

  // The timer's sweep: submits every open attempt past its deadline. Returns how many.
  Result<int> SubmitExpired();

 private:
  store::Store& store_;
  std::function<int64_t()> now_ms_;
};

}  // namespace peixun::assessment
