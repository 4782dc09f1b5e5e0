#include "modules/assessment/assessment_personal_data.h"

namespace peixun::assessment {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "assessment", "exam_attempts",
                                 "SELECT * FROM exam_attempts WHERE person_id = ? ORDER BY id", p));
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "assessment", "exam_answers",
      "SELECT a.* FROM exam_answers a JOIN exam_attempts t ON t.id = a.attempt_id WHERE "
      "t.person_id = ? ORDER BY a.attempt_id, a.question_id",
      p));
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "assessment", "exam_time_overrides",
                                 "SELECT * FROM exam_time_overrides WHERE person_id = ?", p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE exam_answers SET comment = '' WHERE attempt_id IN (SELECT id FROM "
              "exam_attempts WHERE person_id = ?)",
              p));
  return Ok();
}

}  // namespace peixun::assessment
