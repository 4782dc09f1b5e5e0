#include "modules/enrollment/enrollment_personal_data.h"

namespace peixun::enrollment {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "enrollment", "enrollments",
                                 "SELECT * FROM enrollments WHERE person_id = ? ORDER BY id", p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE enrollments SET decision_reason = NULL, substitution_reason = NULL WHERE "
              "person_id = ?",
              p));
  return Ok();
}

Result<std::vector<std::pair<int64_t, int64_t>>> AllPersonClassPairsIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "SELECT DISTINCT person_id, class_id FROM enrollments ORDER BY person_id, class_id"));
  std::vector<std::pair<int64_t, int64_t>> out;
  out.reserve(rows.size());
  for (const store::Row& row : rows) out.emplace_back(row.Int(0), row.Int(1));
  return out;
}

}  // namespace peixun::enrollment
