// A reflection paper (心得体会) and what a class requires of it.
//
// Plain data; thread-safe as values are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/text_similarity.h"

namespace peixun::reflection {

enum class Grading { kMark, kPassFail };

struct Requirement {
  int64_t class_id = 0;
  int64_t deadline = 0;  // UTC ms; a paper after it is accepted and marked late
  Grading grading = Grading::kMark;
  int utc_offset_minutes = 480;  // of the class, to show the deadline
};

struct Paper {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  std::string unit_name;
  std::string source;  // typed, txt, docx, pdf
  std::string file_name;
  std::string text;  // empty for a PDF
  int64_t submitted_at = 0;
  bool late = false;
  std::optional<int> mark;     // 0..100
  std::optional<bool> passed;  // pass/fail grading
  std::string grade_comment;
  std::optional<int64_t> graded_at;
  bool graded() const { return graded_at.has_value(); }
};

// What a trainee hands in: typed text, or a file (bytes and the name it came with).
struct PaperUpload {
  std::string text;
  std::string file_name;
  std::string bytes;     // a file's content, when is_file
  bool is_file = false;  // false: `text` is the paper
};

struct GradeInput {
  std::optional<int64_t> mark;
  std::optional<bool> passed;
  std::string comment;
};

// The class's papers for the head teacher: all of them, and who has not handed in.
struct PaperList {
  std::optional<Requirement> requirement;
  std::vector<Paper> papers;         // 姓氏笔画 order, without text
  std::vector<std::string> missing;  // names, 姓氏笔画 order
};

struct SimilarPaperPair {
  Paper a;  // without text
  Paper b;
  double jaccard = 0;
  std::vector<core::SharedPassage> shared;  // passages of a's text found in b
};

}  // namespace peixun::reflection
