#include "core/exam_scoring.h"

#include <algorithm>
#include <set>

#include "core/text_normalize.h"

namespace peixun::core {
namespace {

bool IsChoiceKind(QuestionKind kind) {
  return kind == QuestionKind::kSingleChoice || kind == QuestionKind::kMultipleChoice ||
         kind == QuestionKind::kTrueFalse;
}

bool HasRepeatsOrOutOfRange(const std::vector<int>& options, int option_count) {
  std::set<int> seen;
  for (int option : options) {
    if (option < 0 || option >= option_count || !seen.insert(option).second) return true;
  }
  return false;
}

}  // namespace

std::string_view QuestionKindCode(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kSingleChoice:
      return "single";
    case QuestionKind::kMultipleChoice:
      return "multiple";
    case QuestionKind::kTrueFalse:
      return "true_false";
    case QuestionKind::kFillIn:
      return "fill_in";
    case QuestionKind::kShortAnswer:
      return "short_answer";
  }
  return "single";
}

std::string_view QuestionKindLabel(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kSingleChoice:
      return "单选题";
    case QuestionKind::kMultipleChoice:
      return "多选题";
    case QuestionKind::kTrueFalse:
      return "判断题";
    case QuestionKind::kFillIn:
      return "填空题";
    case QuestionKind::kShortAnswer:
      return "简答题";
  }
  return "单选题";
}

std::optional<QuestionKind> ParseQuestionKind(std::string_view text) {
  for (QuestionKind kind :
       {QuestionKind::kSingleChoice, QuestionKind::kMultipleChoice, QuestionKind::kTrueFalse,
        QuestionKind::kFillIn, QuestionKind::kShortAnswer}) {
    const std::string_view label = QuestionKindLabel(kind);
    // The label without its final 题 (3 bytes in UTF-8).
    const std::string_view short_label = label.substr(0, label.size() - 3);
    if (text == QuestionKindCode(kind) || text == label || text == short_label) return kind;
  }
  return std::nullopt;
}

std::string_view MultipleCreditCode(MultipleCredit credit) {
  return credit == MultipleCredit::kPartial ? "partial" : "all_or_nothing";
}

std::optional<MultipleCredit> ParseMultipleCredit(std::string_view code) {
  if (code == "partial") return MultipleCredit::kPartial;
  if (code == "all_or_nothing") return MultipleCredit::kAllOrNothing;
  return std::nullopt;
}

Status ValidateAnswerKey(const AnswerKey& key) {
  if (IsChoiceKind(key.kind)) {
    const bool tf = key.kind == QuestionKind::kTrueFalse;
    if (tf ? key.option_count != 2 : (key.option_count < 2 || key.option_count > kMaxOptions)) {
      return Invalid("assessment.question.options", "选择题须有 2 至 10 个选项，判断题恰为 2 个",
                     "a choice question needs 2 to 10 options, a true/false question exactly 2",
                     "options");
    }
    if (key.correct.empty()) {
      return Invalid("assessment.question.no_correct", "题目没有正确选项",
                     "the question has no correct option", "correct");
    }
    if (HasRepeatsOrOutOfRange(key.correct, key.option_count)) {
      return Invalid("assessment.question.correct_range", "正确选项不在选项之中或重复",
                     "a correct option does not exist or is repeated", "correct");
    }
    if (key.kind != QuestionKind::kMultipleChoice && key.correct.size() > 1) {
      return Invalid("assessment.question.single_multiple", "单选题和判断题只能有一个正确选项",
                     "a single-choice or true/false question has exactly one correct option",
                     "correct");
    }
    return Ok();
  }
  if (key.kind == QuestionKind::kFillIn) {
    const bool any = std::any_of(key.accepted.begin(), key.accepted.end(),
                                 [](const std::string& a) { return !NormalizeFillIn(a).empty(); });
    if (!any) {
      return Invalid("assessment.question.no_accepted", "填空题没有参考答案",
                     "a fill-in question needs at least one accepted answer", "accepted");
    }
  }
  return Ok();
}

Status ValidateResponse(const AnswerKey& key, const Response& response) {
  if (!IsChoiceKind(key.kind)) {
    if (!response.selected.empty()) {
      return Invalid("assessment.answer.shape", "该题应填写文字而非选择选项",
                     "this question takes text, not options", "answer");
    }
    return Ok();
  }
  if (HasRepeatsOrOutOfRange(response.selected, key.option_count)) {
    return Invalid("assessment.answer.option_range", "所选选项不存在或重复",
                   "a chosen option does not exist or is repeated", "answer");
  }
  if (key.kind != QuestionKind::kMultipleChoice && response.selected.size() > 1) {
    return Invalid("assessment.answer.shape", "该题只能选择一个选项",
                   "this question takes one option", "answer");
  }
  return Ok();
}

std::string NormalizeFillIn(std::string_view text) {
  std::string out;
  for (char c : NormalizeField(text)) {
    if (c == ' ') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::optional<int> ScoreResponse(const AnswerKey& key, const Response& response, int points_centi) {
  if (key.kind == QuestionKind::kShortAnswer) return std::nullopt;
  if (!ValidateResponse(key, response)) return 0;
  if (key.kind == QuestionKind::kFillIn) {
    const std::string given = NormalizeFillIn(response.text);
    if (given.empty()) return 0;
    for (const std::string& accepted : key.accepted) {
      if (NormalizeFillIn(accepted) == given) return points_centi;
    }
    return 0;
  }
  const std::set<int> correct(key.correct.begin(), key.correct.end());
  const std::set<int> chosen(response.selected.begin(), response.selected.end());
  if (chosen == correct) return points_centi;
  if (key.kind != QuestionKind::kMultipleChoice || key.credit != MultipleCredit::kPartial) {
    return 0;
  }
  int hits = 0;
  for (int option : chosen) {
    if (!correct.count(option)) return 0;  // a wrong option forfeits the question
    ++hits;
  }
  return static_cast<int>(static_cast<long long>(points_centi) * hits /
                          static_cast<long long>(correct.size()));
}

}  // namespace peixun::core
