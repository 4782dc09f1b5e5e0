// An exam on a class's timetable session of kind exam, its paper, a trainee's
// attempts, and what the services hand back. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/item_statistics.h"
#include "modules/assessment/question.h"

namespace peixun::assessment {

enum class Counting { kBest, kLast };  // which submitted attempt counts

struct ExamQuestion {
  int position = 0;        // 0-based, as the paper lists it
  int points_centi = 100;  // this paper's points, in hundredths
  Question question;       // the snapshot taken when the exam was made
};

struct Exam {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t session_id = 0;
  std::string title;
  int time_limit_minutes = 60;
  int max_attempts = 1;
  Counting counting = Counting::kBest;
  bool shuffle_questions = true;
  bool shuffle_options = true;
  int doubtful_below_centi = 20;  // discrimination threshold × 100
  std::optional<int64_t> released_ms;
  int64_t session_start_ms = 0;
  int64_t session_end_ms = 0;
  int pass_mark = 60;  // percent of the total, from the class rules
  std::vector<ExamQuestion> paper;

  int TotalCenti() const;
};

// Random drawing: `count` questions tagged `tag`, not already on the paper.
struct TagDraw {
  std::string tag;
  int count = 0;
};

struct ExamInput {
  int64_t session_id = 0;
  std::string title;  // empty: the session's title
  int64_t bank_id = 0;
  std::vector<int64_t> question_ids;  // fixed part, in this order
  std::vector<TagDraw> draws;         // random part, after the fixed one
  std::optional<int> points_each;     // every question this many points; else its own
  int time_limit_minutes = 60;        // 1..600
  int max_attempts = 1;               // 1..10
  std::string counting = "best";      // "best" or "last"
  bool shuffle_questions = true;
  bool shuffle_options = true;
  double doubtful_below = core::kDefaultDoubtfulDiscrimination;
};

// One question as the trainee sees it: options in their shuffled order, each
// with its stored index as id (answers name options by id).
struct ShownOption {
  int id = 0;
  std::string text;
};
struct ShownQuestion {
  int64_t question_id = 0;
  core::QuestionKind kind = core::QuestionKind::kSingleChoice;
  std::string stem;
  std::vector<ShownOption> options;
  int points_centi = 0;
  std::optional<core::Response> response;  // what is saved, if anything
};

struct AttemptView {
  int64_t attempt_id = 0;
  int64_t exam_id = 0;
  int64_t person_id = 0;
  int number = 1;
  int64_t started_ms = 0;
  int64_t deadline_ms = 0;
  int64_t remaining_ms = 0;  // by the server clock; 0 once past the deadline
  // The server's clock when the view was made: a phone counts down from
  // deadline_ms against this, never against its own clock.
  int64_t now_ms = 0;
  bool submitted = false;
  std::string submitted_by;  // "trainee", "server" or ""
  std::vector<ShownQuestion> questions;
};

// What a saved answer came to.
struct SavedAnswer {
  int64_t attempt_id = 0;
  int64_t question_id = 0;
  int64_t saved_ms = 0;
  bool replayed = false;  // the idempotency key had been applied already
};

// A trainee's own result. Score, pass and key only after release.
struct AttemptSummary {
  int64_t attempt_id = 0;
  int number = 1;
  bool submitted = false;
  std::optional<int> score_centi;  // released and fully graded
};
struct KeyItem {
  int64_t question_id = 0;
  std::vector<int> correct;
  std::vector<std::string> accepted;
  std::string explanation;
  std::optional<int> score_centi;  // the counted attempt's score on it
  std::string comment;
};
struct TraineeResult {
  int64_t exam_id = 0;
  bool released = false;
  std::vector<AttemptSummary> attempts;
  std::optional<int> score_centi;  // counted attempt, when released
  int total_centi = 0;
  std::optional<bool> passed;  // when released and graded
  std::vector<KeyItem> key;    // when released
};

// One trainee's answer to one short-answer (or any) question, for grading.
struct GradingItem {
  int64_t attempt_id = 0;
  int64_t person_id = 0;
  std::string text;
  std::optional<int> score_centi;
  std::string comment;
};

struct PersonResult {
  int64_t person_id = 0;
  std::optional<int64_t> attempt_id;  // the counted one; nullopt: none submitted
  std::optional<int> score_centi;     // nullopt: none submitted, or grading pending
  bool pending = false;               // short answers still to grade
  std::optional<bool> passed;
};
struct QuestionStatistic {
  int64_t question_id = 0;
  int position = 0;
  core::ItemStatistic item;
  core::OptionDistribution options;  // choice kinds; empty counts otherwise
};
struct ExamResults {
  int64_t exam_id = 0;
  int total_centi = 0;
  int pass_mark = 60;
  std::vector<PersonResult> people;  // by person id
  core::TestStatistic test;          // over graded counted attempts
  std::vector<QuestionStatistic> questions;
};

}  // namespace peixun::assessment
