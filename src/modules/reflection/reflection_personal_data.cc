#include "modules/reflection/reflection_personal_data.h"

namespace peixun::reflection {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "reflection", "reflection_papers",
      "SELECT id, class_id, person_id, source, file_name, text, LENGTH(original_base64) AS "
      "original_base64_length, submitted_at, late, mark, passed, grade_comment, graded_at, "
      "graded_by FROM reflection_papers WHERE person_id = ? ORDER BY id",
      p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE reflection_papers SET file_name = '', text = '', original_base64 = NULL, "
              "grade_comment = '' WHERE person_id = ?",
              p));
  return Ok();
}

}  // namespace peixun::reflection
