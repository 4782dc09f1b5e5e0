// A course evaluation questionnaire (教学评估问卷): one per lecture (a timetable
// session of kind lecture, with the lecturer it had when opened) and one for the
// whole class; the standard items on a 1-5 scale plus free text; what a trainee
// submits; and the results, which hide every slice under the anonymity threshold
// (core/anonymity_threshold.h).
//
// Plain data; thread-safe as values are.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation_stats.h"

namespace peixun::evaluation {

// The standard items, in the order they are asked. `key` is the JSON field and
// the column of evaluation_answers.
struct EvaluationItem {
  std::string_view key;
  std::string_view label;     // zh-CN
  std::string_view label_en;  // en
};
inline constexpr std::array<EvaluationItem, 4> kItems = {{
    {"content", "教学内容", "content"},
    {"relevance", "联系工作实际", "relevance to the job"},
    {"delivery", "讲授效果", "delivery"},
    {"materials", "教学材料", "materials"},
}};
// Longest free-text comment, in characters.
inline constexpr size_t kMaxCommentChars = 2000;

struct Questionnaire {
  int64_t id = 0;
  int64_t class_id = 0;
  std::optional<int64_t> session_id;  // nullopt: the class questionnaire
  std::optional<int64_t> lecturer_id;
  std::string lecturer_name;
  std::string title;  // the lecture's title, or 培训班总体评估
  int64_t opened_at = 0;
  std::optional<int64_t> closed_at;
  bool open() const { return !closed_at.has_value(); }
};

// A questionnaire as a trainee or a manager lists it.
struct QuestionnaireStatus {
  Questionnaire questionnaire;
  int64_t responses = 0;         // how many have answered
  int64_t expected = 0;          // the class's approved trainees
  std::optional<bool> answered;  // for a trainee: whether they have answered
};

// What a trainee submits: each item 1..5 (kItems order), and a comment.
struct AnswerInput {
  std::array<int, 4> scores{};
  std::string comment;
};

struct ItemResult {
  std::string_view key;
  core::ScaleTally tally;
};

// One slice: a questionnaire, or a lecturer's questionnaires merged. When fewer
// answers than the threshold make it up, `visible` is false and items and
// comments are empty; `responses` is still told.
struct SliceResult {
  int64_t responses = 0;
  int threshold = 0;
  bool visible = false;
  std::vector<ItemResult> items;      // kItems order
  core::ScaleTally overall;           // every item's answers together
  std::vector<std::string> comments;  // non-empty ones, sorted by text (never by arrival)
};

struct QuestionnaireResult {
  Questionnaire questionnaire;
  SliceResult result;
};

struct LecturerSlice {
  int64_t lecturer_id = 0;
  std::string lecturer_name;
  // Only the visible questionnaires are merged: a hidden slice never reaches a
  // total, where subtracting the visible ones would reveal it.
  SliceResult result;
  std::vector<QuestionnaireResult> lectures;
};

struct ClassResults {
  int64_t class_id = 0;
  std::vector<QuestionnaireResult> questionnaires;  // the class one first, then by opening
  std::vector<LecturerSlice> lecturers;             // by lecturer id
};

}  // namespace peixun::evaluation
