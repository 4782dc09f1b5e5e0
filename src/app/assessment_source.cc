#include "app/assessment_source.h"

#include "modules/assessment/exam_outcomes.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/evaluation/evaluation_outcomes.h"
#include "modules/reflection/reflection_outcomes.h"

namespace peixun::app {

completion::AssessmentSource MakeAssessmentSource() {
  return [](store::Tx& tx,
            int64_t class_id) -> Result<std::map<int64_t, completion::TraineeAssessment>> {
    PEIXUN_ASSIGN_OR_RETURN(auto exam, assessment::ClassExamOutcomeIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(auto papers, reflection::ClassReflectionOutcomeIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(auto evaluations, evaluation::ClassEvaluationOutcomeIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> trainees,
                            enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
    std::map<int64_t, completion::TraineeAssessment> out;
    for (int64_t person : trainees) {
      completion::TraineeAssessment a;
      a.class_has_exam = exam.has_exam;
      if (auto it = exam.percent_by_person.find(person); it != exam.percent_by_person.end()) {
        a.exam_score = it->second;
      }
      if (exam.has_exam) a.exam_pass_mark = exam.pass_mark;
      if (auto it = papers.state_by_person.find(person); it != papers.state_by_person.end()) {
        a.reflection = it->second;
      }
      a.evaluations_due = evaluations.due;
      if (auto it = evaluations.answered_by_person.find(person);
          it != evaluations.answered_by_person.end()) {
        a.evaluations_answered = it->second;
      }
      out[person] = a;
    }
    return out;
  };
}

}  // namespace peixun::app
