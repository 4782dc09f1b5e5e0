// The class summary report (培训总结, issue 13 item 4): what a finished class files
// after the completion decision, composed here from the public services of the
// modules that own each figure, never from their tables:
//   enrollment   quotas per unit and the approved trainees     EnrollmentService::Quotas
//   attendance   rates by session and by unit, leave and        AttendanceService::ForClass
//                discipline figures
//   completion   the decision, 优秀学员, credited 学时            CompletionService::Status
//   assessment   the closing exam's score bands and doubtful    ExamService::Results
//                questions
//   evaluation   results per lecture and for the class, with   EvaluationService::ResultsOfClass
//                every slice under the anonymity threshold shown
//                as a count only (the service hides it)
// and rendered by io/report_document.h as an A4 PDF and as a .docx the organizer
// edits in Word or WPS, with bar charts (attendance by session, exam bands,
// evaluation means) as pictures in both.
//
// Access (checked here, then again by every service called): classes::ClassNeed::
// kManage on the class (admin, organizer, its head teachers): 403 classes.forbidden,
// unknown class 404 classes.not_found. Only once decided: 409 summary.not_decided
// while the class is not finished or a trainee has no completion decision.
// Read-only; thread-safe (no mutable state).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "io/report_document.h"
#include "store/store.h"

namespace peixun::app {

class ClassSummaryService {
 public:
  using Clock = std::function<int64_t()>;
  explicit ClassSummaryService(store::Store& store, Clock now_ms = {});

  // The report's content (what both files show).
  Result<io::Report> Build(const Principal& who, int64_t class_id);
  Result<std::string> Pdf(const Principal& who, int64_t class_id);
  Result<std::string> Docx(const Principal& who, int64_t class_id);
  // "培训总结_<class name>" (the download's file name without extension).
  Result<std::string> FileStem(const Principal& who, int64_t class_id);

 private:
  store::Store& store_;
  Clock now_ms_;
};

}  // namespace peixun::app
