// Use cases of reflection papers (心得体会). Each public call is one transaction,
// access checks included.
//
// Who: admin, organizer and the class's head teachers set the requirement
// (deadline and grading), list the papers (and who has none), read, grade, see
// similar pairs and print the 汇编; an approved trainee of the class reads the
// requirement and hands in and reads their own paper; others 403
// reflection.forbidden. Unknown class 404 classes.not_found, unknown paper 404
// reflection.not_found (also for a trainee asking for someone else's).
//
// Rules:
//   - a class takes papers once it has a requirement (409 reflection.not_required);
//     one paper per trainee; handing in again replaces the paper until it is graded
//     (409 reflection.graded);
//   - the server's clock decides lateness: a paper after the deadline is accepted
//     and marked late;
//   - typed text: 1..kMaxPaperChars characters (422 reflection.text, field text);
//     files as paper_file.h;
//   - grading follows the requirement: a mark 0..100 (422 reflection.grade.mark) or
//     passed true/false (422 reflection.grade.passed), and a comment;
//   - similarity: exact Jaccard of 5-character shingles (core/text_similarity.h)
//     between every two papers with text; pairs at or above the threshold (0..1,
//     422 reflection.similarity.threshold) with the shared passages of the first;
//   - the 汇编 PDF holds every paper in 姓氏笔画 order.
// Audited: reflection.requirement (entity class), reflection.submit and
// reflection.grade (entity paper).
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/reflection/reflection_paper.h"
#include "store/store.h"

namespace peixun::reflection {

inline constexpr double kDefaultSimilarityThreshold = 0.5;

class ReflectionService {
 public:
  explicit ReflectionService(store::Store& store) : store_(store) {}

  // `deadline` in the class's local time ("2020-06-04T18:00"); `grading` "mark" or
  // "pass_fail" (422 reflection.grading).
  Result<Requirement> SetRequirement(const Principal& who, int64_t class_id,
                                     const std::string& deadline, const std::string& grading);
  Result<std::optional<Requirement>> GetRequirement(const Principal& who, int64_t class_id);
  Result<Paper> Submit(const Principal& who, int64_t class_id, const PaperUpload& upload);
  // The caller's own paper (404 reflection.not_found when none).
  Result<Paper> Mine(const Principal& who, int64_t class_id);
  Result<PaperList> List(const Principal& who, int64_t class_id);
  Result<Paper> Get(const Principal& who, int64_t paper_id);
  Result<Paper> Grade(const Principal& who, int64_t paper_id, const GradeInput& grade);
  Result<std::vector<SimilarPaperPair>> Similar(const Principal& who, int64_t class_id,
                                                double threshold = kDefaultSimilarityThreshold);
  // 心得体会汇编 (io/pdf_document.h).
  Result<std::string> CompilationPdf(const Principal& who, int64_t class_id);

 private:
  store::Store& store_;
};

}  // namespace peixun::reflection
