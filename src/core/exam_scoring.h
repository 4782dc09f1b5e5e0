// Scoring of one answer to one exam question, for the five kinds of the
// question bank. Pure and thread-safe; the assessment module stores keys and
// answers and calls these.
//
// Scores are integer hundredths of a point ("centipoints"), so that partial
// credit (2 of 3 correct options of a 2-point question = 1.33) is exact to
// store, sum and compare. Options are numbered 0..option_count-1 in the order
// the bank stores them; a shuffle is only a view (see core/exam_shuffle.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peixun::core {

enum class QuestionKind { kSingleChoice, kMultipleChoice, kTrueFalse, kFillIn, kShortAnswer };

// "single", "multiple", "true_false", "fill_in", "short_answer".
std::string_view QuestionKindCode(QuestionKind kind);
// 单选题, 多选题, 判断题, 填空题, 简答题.
std::string_view QuestionKindLabel(QuestionKind kind);
// Accepts the code or the label (and 单选/多选/判断/填空/简答 without 题).
std::optional<QuestionKind> ParseQuestionKind(std::string_view text);

// How a multiple-choice question scores an answer that is not exactly right.
enum class MultipleCredit {
  kAllOrNothing,  // exactly the correct set, or 0
  kPartial,       // no wrong option chosen: points × chosen correct ÷ all correct
                  // (rounded down to the hundredth); any wrong option: 0
};
std::string_view MultipleCreditCode(MultipleCredit credit);  // "all_or_nothing", "partial"
std::optional<MultipleCredit> ParseMultipleCredit(std::string_view code);

// A true/false question has two options: 0 = 错 (false), 1 = 对 (true).
inline constexpr int kFalseOption = 0;
inline constexpr int kTrueOption = 1;

struct AnswerKey {
  QuestionKind kind = QuestionKind::kSingleChoice;
  int option_count = 0;      // choice kinds: 2..kMaxOptions; true/false: 2; else 0
  std::vector<int> correct;  // choice and true/false: the correct options, ascending
  MultipleCredit credit = MultipleCredit::kAllOrNothing;  // multiple choice only
  std::vector<std::string> accepted;  // fill-in: every accepted answer (as typed)
};

inline constexpr int kMaxOptions = 10;

// One trainee's answer: chosen options (choice kinds and true/false) or text
// (fill-in, short answer).
struct Response {
  std::vector<int> selected;
  std::string text;
};

// Checks that `key` can score anything. Errors (kInvalid):
//   assessment.question.options          option count outside its range (field "options")
//   assessment.question.no_correct       no correct option (field "correct")
//   assessment.question.correct_range    a correct option that does not exist ("correct")
//   assessment.question.single_multiple  single choice or true/false with more than one
//                                        correct option ("correct")
//   assessment.question.no_accepted      fill-in without an accepted answer ("accepted")
Status ValidateAnswerKey(const AnswerKey& key);

// Checks that `response` fits the question of `key` (options exist, no
// repeats, a single-choice answer has at most one option). An empty response
// is valid (an unanswered question). Errors (kInvalid, field "answer"):
//   assessment.answer.option_range  an option that does not exist or appears twice
//   assessment.answer.shape         several options for a single-choice or true/false
//                                   question, or options for a text question
Status ValidateResponse(const AnswerKey& key, const Response& response);

// Fill-in comparison form: NormalizeField (full-width letters and digits to
// half-width, NFC), then every space removed and ASCII letters lower-cased,
// so "ＣＰＵ ", "c p u" and "cpu" are one answer.
std::string NormalizeFillIn(std::string_view text);

// The score of `response` in centipoints, out of `points_centi`; nullopt for a
// short answer (graded by hand). An invalid response scores 0.
std::optional<int> ScoreResponse(const AnswerKey& key, const Response& response, int points_centi);

}  // namespace peixun::core
