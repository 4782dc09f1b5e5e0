#include "modules/assessment/question.h"

namespace peixun::assessment {

core::AnswerKey Question::Key() const {
  core::AnswerKey key;
  key.kind = kind;
  key.option_count = static_cast<int>(options.size());
  key.correct = correct;
  key.credit = credit;
  key.accepted = accepted;
  return key;
}

nlohmann::json QuestionToJson(const Question& q, bool with_key) {
  nlohmann::json j = {
      {"id", q.id},     {"bank_id", q.bank_id},  {"kind", core::QuestionKindCode(q.kind)},
      {"stem", q.stem}, {"options", q.options},  {"points", q.points},
      {"tags", q.tags}, {"archived", q.archived}};
  if (q.kind == core::QuestionKind::kMultipleChoice) {
    j["credit"] = core::MultipleCreditCode(q.credit);
  }
  if (with_key) {
    j["correct"] = q.correct;
    j["accepted"] = q.accepted;
    j["rubric"] = q.rubric;
    j["explanation"] = q.explanation;
  }
  return j;
}

Question QuestionFromSnapshot(const nlohmann::json& j) {
  Question q;
  q.id = j.value("id", int64_t{0});
  q.bank_id = j.value("bank_id", int64_t{0});
  q.kind = core::ParseQuestionKind(j.value("kind", std::string("single")))
               .value_or(core::QuestionKind::kSingleChoice);
  q.stem = j.value("stem", std::string());
  q.options = j.value("options", std::vector<std::string>{});
  q.correct = j.value("correct", std::vector<int>{});
  q.credit = core::ParseMultipleCredit(j.value("credit", std::string("all_or_nothing")))
                 .value_or(core::MultipleCredit::kAllOrNothing);
  q.accepted = j.value("accepted", std::vector<std::string>{});
  q.rubric = j.value("rubric", std::string());
  q.explanation = j.value("explanation", std::string());
  q.points = j.value("points", 1);
  q.tags = j.value("tags", std::vector<std::string>{});
  return q;
}

}  // namespace peixun::assessment
