// A question of the bank and what callers supply to create or change one.
// Plain data; thread-safe as values are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/exam_scoring.h"

namespace peixun::assessment {

struct QuestionBank {
  int64_t id = 0;
  std::string name;            // 2020年社区书记培训题库
  std::string organizer_name;  // 中共×区委组织部
  int64_t created_at = 0;
};

struct Question {
  int64_t id = 0;
  int64_t bank_id = 0;
  core::QuestionKind kind = core::QuestionKind::kSingleChoice;
  std::string stem;                  // 题干
  std::vector<std::string> options;  // choice kinds; true/false: {"错", "对"}
  std::vector<int> correct;          // option indices, ascending
  core::MultipleCredit credit = core::MultipleCredit::kAllOrNothing;
  std::vector<std::string> accepted;  // fill-in
  std::string rubric;                 // short answer: 评分要点
  std::string explanation;            // 解析, shown with the key after release
  int points = 1;                     // whole points, 1..100
  std::vector<std::string> tags;      // ascending
  bool archived = false;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  core::AnswerKey Key() const;
};

// Create or replace: every field as the caller means it. Options of a
// true/false question are fixed ({"错", "对"}) and ignored here.
struct QuestionInput {
  std::string kind;  // code or label (core::ParseQuestionKind)
  std::string stem;
  std::vector<std::string> options;
  std::vector<int> correct;
  std::string credit;  // "" = all_or_nothing
  std::vector<std::string> accepted;
  std::string rubric;
  std::string explanation;
  int points = 1;
  std::vector<std::string> tags;
};

// JSON forms used by the routes and by the exam's snapshot.
nlohmann::json QuestionToJson(const Question& q, bool with_key);
// The snapshot of `q` an exam keeps (every field, key included).
Question QuestionFromSnapshot(const nlohmann::json& j);

}  // namespace peixun::assessment
