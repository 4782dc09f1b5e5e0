#include "modules/evaluation/evaluation_outcomes.h"

namespace peixun::evaluation {

Result<ClassEvaluationOutcome> ClassEvaluationOutcomeIn(store::Tx& tx, int64_t class_id) {
  ClassEvaluationOutcome out;
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows due, tx.Query("SELECT COUNT(*) FROM evaluation_questionnaires WHERE class_id = ?",
                                {store::Int(class_id)}));
  out.due = static_cast<int>(due[0].Int(0));
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT r.person_id, COUNT(*) FROM evaluation_responders r "
                                   "JOIN evaluation_questionnaires q ON q.id = r.questionnaire_id "
                                   "WHERE q.class_id = ? GROUP BY r.person_id",
                                   {store::Int(class_id)}));
  for (const auto& r : rows) out.answered_by_person[r.Int(0)] = static_cast<int>(r.Int(1));
  return out;
}

}  // namespace peixun::evaluation
