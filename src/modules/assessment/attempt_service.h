// A trainee taking an exam: start (or resume) an attempt, read it on any device,
// save answers one at a time, submit, and read their own result.
//
// The server's clock decides (issue 12): at start the deadline is fixed as
// min(start + time limit, session end) + the trainee's extra minutes (which may
// pass the session's end). An answer is accepted up to and including the
// deadline; after it the attempt is submitted by the server as it stands (on any
// read or write that touches it, and by ExamService::SubmitExpired on a timer)
// and the answer is refused with a reason. The device's clock is never asked.
//
// Access: only a trainee (Principal::person_id) approved in the exam's class, and
// only their own attempts; anyone else gets 403 assessment.forbidden — a trainee
// reading another's attempt included. Each entry point is one transaction.
//
// Errors:
//   409 assessment.exam.not_open          before the session starts     (exam_id)
//   409 assessment.exam.closed            the session (and any extra time) is over
//   409 assessment.attempt.limit          every allowed attempt is used (exam_id)
//   409 assessment.answer.after_deadline  the deadline has passed; the message says
//                                         when, by the server's clock (answer)
//   409 assessment.attempt.submitted      the attempt is already submitted
//   422 assessment.answer.not_in_attempt  the question is not on this paper (question_id)
//   422 assessment.answer.option_range / assessment.answer.shape (core/exam_scoring.h)
//   422 assessment.answer.batch           an empty batch or more than 200 answers
//   422 assessment.answer.key             an idempotency key that is empty or too long
// Thread-safe.
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

class AttemptService {
 public:
  explicit AttemptService(store::Store& store, std::function<int64_t()> now_ms = NowMillis);

  // The open attempt if there is one (a resume: same deadline, answers kept);
  // otherwise a new one, when attempts remain.
  Result<AttemptView> Start(const Principal& who, int64_t exam_id);
  // The attempt as the trainee saw it (same order, same remaining time).
  Result<AttemptView> View(const Principal& who, int64_t attempt_id);
  // Saves (replaces) the answer to one question. A key already applied to this
  // attempt returns the first result without applying again.
  Result<SavedAnswer> SaveAnswer(const Principal& who, int64_t attempt_id, int64_t question_id,
                                 const core::Response& response,
                                 const std::string& idempotency_key);
  // Several answers in one transaction (a phone's offline queue, sent when the
  // connection returns), in order; each key applies once. All or nothing: one
  // bad answer refuses the batch; past the deadline the batch is refused whole.
  struct AnswerWrite {
    int64_t question_id = 0;
    core::Response response;
    std::string idempotency_key;
  };
  Result<std::vector<SavedAnswer>> SaveAnswers(const Principal& who, int64_t attempt_id,
                                               const std::vector<AnswerWrite>& answers);
  Result<AttemptView> Submit(const Principal& who, int64_t attempt_id);
  Result<TraineeResult> MyResult(const Principal& who, int64_t exam_id);
  // The exams of a class the trainee is approved in, without their papers.
  Result<std::vector<Exam>> MyExams(const Principal& who, int64_t class_id);

 private:
  store::Store& store_;
  std::function<int64_t()> now_ms_;
};

}  // namespace peixun::assessment
