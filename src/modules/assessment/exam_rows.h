// Row access the assessment services share (exams, attempts, answers). Only the
// assessment module's own services call these; other modules ask the services.
// Every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/assessment/exam.h"
#include "store/store.h"

namespace peixun::assessment {

struct AttemptRow {
  int64_t id = 0;
  int64_t exam_id = 0;
  int64_t person_id = 0;
  int number = 1;
  int64_t seed = 0;
  int64_t started_ms = 0;
  int64_t deadline_ms = 0;
  std::optional<int64_t> submitted_ms;
  std::string submitted_by;  // "trainee", "server" or "paper" (a paper exam's imported score)
  std::optional<int> paper_score_centi;  // set for submitted_by "paper" only
};

struct AnswerRow {
  int64_t question_id = 0;
  core::Response response;
  std::optional<int> score_centi;
  std::string comment;
};

// 404 assessment.exam.not_found. Fills the paper, the session's times and the
// pass mark of the class rules.
Result<Exam> LoadExamIn(store::Tx& tx, int64_t exam_id);
// The paper's entry for `question_id`, without loading the whole exam; nullopt
// when the question is not on the paper.
Result<std::optional<ExamQuestion>> LoadPaperQuestionIn(store::Tx& tx, int64_t exam_id,
                                                        int64_t question_id);
// 404 assessment.attempt.not_found.
Result<AttemptRow> LoadAttemptIn(store::Tx& tx, int64_t attempt_id);
Result<std::vector<AttemptRow>> AttemptsOfIn(store::Tx& tx, int64_t exam_id,
                                             std::optional<int64_t> person_id);
Result<std::map<int64_t, AnswerRow>> AnswersOfIn(store::Tx& tx, int64_t attempt_id);

// Marks every open attempt whose deadline has passed by `now_ms` as submitted by
// the server at its deadline (of `exam_id` only, when set). Returns how many.
Result<int> SubmitExpiredIn(store::Tx& tx, int64_t now_ms, std::optional<int64_t> exam_id);

// The attempt's score: the sum of its answers' scores (unanswered counts 0);
// nullopt while an answer waits for a grader.
std::optional<int> AttemptScore(const std::map<int64_t, AnswerRow>& answers);
// The attempt's score: the imported score of a paper exam's attempt, else
// AttemptScore(answers).
std::optional<int> AttemptScore(const AttemptRow& attempt,
                                const std::map<int64_t, AnswerRow>& answers);

// Index of the submitted attempt that counts (best: the highest graded score,
// a graded one before a pending one; last: the last submitted), or nullopt.
std::optional<size_t> CountedAttempt(const std::vector<AttemptRow>& attempts,
                                     const std::vector<std::optional<int>>& scores,
                                     Counting counting);

nlohmann::json ResponseToJson(const core::Response& r);
core::Response ResponseFromJson(const nlohmann::json& j);

Error ForbiddenError(const std::string& zh, const std::string& en);

}  // namespace peixun::assessment
