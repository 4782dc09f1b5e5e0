#include "modules/evaluation/evaluation_schema.h"

namespace peixun::evaluation {

// Anonymous by construction (issue 12 #4):
//  - evaluation_answers holds what was answered and nothing of who or when: no
//    person, no time, and a random primary key (128 bits, auth::RandomSecret), so
//    no column orders the answers. On SQLite the table is WITHOUT ROWID (no hidden
//    insertion-ordered rowid); on PostgreSQL the service rewrites a
//    questionnaire's answers in key order on every submission, so neither the
//    physical order (ctid) nor the inserting transaction (xmin) of the live rows
//    tells one answer from another (answer_pool.h).
//  - evaluation_responders is the separate "has answered" mark, (questionnaire,
//    person) and nothing else: no time, WITHOUT ROWID too.
// The only column the two tables share is questionnaire_id.
std::vector<store::Migration> EvaluationMigrations() {
  return {
      {100, "evaluation", R"sql(
CREATE TABLE evaluation_questionnaires (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  session_id BIGINT REFERENCES class_sessions(id) ON DELETE CASCADE,
  lecturer_id BIGINT REFERENCES lecturers(id),
  title TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE UNIQUE INDEX evaluation_questionnaires_session
  ON evaluation_questionnaires (session_id) WHERE session_id IS NOT NULL;
CREATE UNIQUE INDEX evaluation_questionnaires_class
  ON evaluation_questionnaires (class_id) WHERE session_id IS NULL;
CREATE INDEX evaluation_questionnaires_lecturer ON evaluation_questionnaires (lecturer_id);
CREATE TABLE evaluation_answers (
  id @KEY@ NOT NULL PRIMARY KEY,
  questionnaire_id BIGINT NOT NULL REFERENCES evaluation_questionnaires(id) ON DELETE CASCADE,
  content INTEGER NOT NULL CHECK (content BETWEEN 1 AND 5),
  relevance INTEGER NOT NULL CHECK (relevance BETWEEN 1 AND 5),
  delivery INTEGER NOT NULL CHECK (delivery BETWEEN 1 AND 5),
  materials INTEGER NOT NULL CHECK (materials BETWEEN 1 AND 5),
  comment TEXT NOT NULL
)@NOROWID@;
CREATE INDEX evaluation_answers_questionnaire ON evaluation_answers (questionnaire_id, id);
CREATE TABLE evaluation_responders (
  questionnaire_id BIGINT NOT NULL REFERENCES evaluation_questionnaires(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (questionnaire_id, person_id)
)@NOROWID@;
)sql"},
  };
}

}  // namespace peixun::evaluation
