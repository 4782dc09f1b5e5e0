#include "modules/reflection/reflection_schema.h"

namespace peixun::reflection {

// reflection_requirements: a class requires a paper once its head teacher sets
// the deadline (UTC ms) and how papers are graded ("mark" 0-100 or "pass_fail").
// reflection_papers: one per trainee and class. `text` is what similarity and the
// 汇编 read (typed, a .txt, or a .docx's paragraphs); a PDF keeps its original
// bytes in `original_base64` (the store carries text only) and an empty text.
std::vector<store::Migration> ReflectionMigrations() {
  return {
      {105, "reflection", R"sql(
CREATE TABLE reflection_requirements (
  class_id BIGINT NOT NULL PRIMARY KEY REFERENCES training_classes(id) ON DELETE CASCADE,
  deadline BIGINT NOT NULL,
  grading TEXT NOT NULL CHECK (grading IN ('mark', 'pass_fail')),
  updated_at BIGINT NOT NULL
);
CREATE TABLE reflection_papers (
  id @ID@,
  class_id BIGINT NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people(id),
  source TEXT NOT NULL CHECK (source IN ('typed', 'txt', 'docx', 'pdf')),
  file_name TEXT NOT NULL,
  text TEXT NOT NULL,
  original_base64 TEXT,
  submitted_at BIGINT NOT NULL,
  late INTEGER NOT NULL,
  mark INTEGER,
  passed INTEGER,
  grade_comment TEXT NOT NULL,
  graded_at BIGINT,
  graded_by BIGINT
);
CREATE UNIQUE INDEX reflection_papers_one ON reflection_papers (class_id, person_id);
)sql"},
  };
}

}  // namespace peixun::reflection
