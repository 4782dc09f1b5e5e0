#include "modules/assessment/assessment_schema.h"

namespace peixun::assessment {

// question_banks: one per organizer (主办方), named; questions belong to a bank.
// questions: kind (core::QuestionKindCode), stem, options_json (array of text),
//   correct_json (array of option indices), credit (multiple choice), accepted_json
//   (fill-in answers), rubric (short answer), points (whole points), stem_key (the
//   normalized stem: duplicates are found by it), archived (kept for old exams).
// question_tags: topic or lecture tags, one row per tag.
// exams: one per exam session of a class's timetable. counting 'best' or 'last';
//   released_ms set when the head teacher releases the results.
// exam_questions: the paper, fixed when the exam is made; snapshot_json holds the
//   question as it was (stem, options, key), so later edits of the bank never change
//   a paper already taken.
// exam_time_overrides: a trainee's extra minutes, which may pass the session's end.
// exam_attempts: seed (the shuffle, core/exam_shuffle.h, stored as signed 64-bit);
//   deadline_ms fixed at start by the server clock; submitted_by 'trainee' or 'server'.
// exam_answers: one row per answered question of an attempt; score_centi NULL until
//   graded (short answers by hand).
// exam_answer_keys: every idempotency key already applied, so a retried save is
//   applied once.
std::vector<store::Migration> AssessmentMigrations() {
  return {
      {90, "assessment", R"sql(
CREATE TABLE question_banks (
  id @ID@,
  name TEXT NOT NULL,
  organizer_name TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE questions (
  id @ID@,
  bank_id BIGINT NOT NULL REFERENCES question_banks(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  stem TEXT NOT NULL,
  options_json TEXT NOT NULL,
  correct_json TEXT NOT NULL,
  credit TEXT NOT NULL,
  accepted_json TEXT NOT NULL,
  rubric TEXT NOT NULL,
  explanation TEXT NOT NULL,
  points INTEGER NOT NULL,
  stem_key @KEY@ NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX questions_bank_stem ON questions (bank_id, stem_key);
CREATE TABLE question_tags (
  question_id BIGINT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (question_id, tag)
);
CREATE INDEX question_tags_tag ON question_tags (tag, question_id);
CREATE TABLE exams (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  session_id BIGINT NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  time_limit_minutes INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  counting TEXT NOT NULL,
  shuffle_questions INTEGER NOT NULL,
  shuffle_options INTEGER NOT NULL,
  doubtful_below_centi INTEGER NOT NULL,
  released_ms BIGINT,
  released_by BIGINT,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX exams_session ON exams (session_id);
CREATE INDEX exams_class ON exams (class_id);
CREATE TABLE exam_questions (
  exam_id BIGINT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  question_id BIGINT NOT NULL REFERENCES questions(id),
  points_centi INTEGER NOT NULL,
  snapshot_json TEXT NOT NULL,
  PRIMARY KEY (exam_id, position)
);
CREATE UNIQUE INDEX exam_questions_question ON exam_questions (exam_id, question_id);
CREATE TABLE exam_time_overrides (
  exam_id BIGINT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  extra_minutes INTEGER NOT NULL,
  PRIMARY KEY (exam_id, person_id)
);
CREATE TABLE exam_attempts (
  id @ID@,
  exam_id BIGINT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  number INTEGER NOT NULL,
  seed BIGINT NOT NULL,
  started_ms BIGINT NOT NULL,
  deadline_ms BIGINT NOT NULL,
  submitted_ms BIGINT,
  submitted_by TEXT
);
CREATE UNIQUE INDEX exam_attempts_number ON exam_attempts (exam_id, person_id, number);
CREATE INDEX exam_attempts_open ON exam_attempts (submitted_ms, deadline_ms);
CREATE TABLE exam_answers (
  attempt_id BIGINT NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
  question_id BIGINT NOT NULL,
  response_json TEXT NOT NULL,
  saved_ms BIGINT NOT NULL,
  score_centi INTEGER,
  comment TEXT NOT NULL DEFAULT '',
  graded_by BIGINT,
  graded_ms BIGINT,
  PRIMARY KEY (attempt_id, question_id)
);
CREATE TABLE exam_answer_keys (
  attempt_id BIGINT NOT NULL REFERENCES exam_attempts(id) ON DELETE CASCADE,
  idempotency_key TEXT NOT NULL,
  question_id BIGINT NOT NULL,
  PRIMARY KEY (attempt_id, idempotency_key)
);
)sql"},
      // A paper exam's score typed into a sheet and imported (paper_import.h): the
      // attempt is submitted_by 'paper' and its score is this total, not the sum of
      // answers (it has none).
      {91, "assessment", R"sql(
ALTER TABLE exam_attempts ADD COLUMN paper_score_centi INTEGER;
)sql"},
  };
}

}  // namespace peixun::assessment
