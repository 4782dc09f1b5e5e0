#include "modules/completion/completion_personal_data.h"

namespace peixun::completion {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "completion", "completion_decisions",
                                 "SELECT * FROM completion_decisions WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "completion", "excellent_trainees",
                                 "SELECT * FROM excellent_trainees WHERE person_id = ?", p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE completion_decisions SET override_reason = '' WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE excellent_trainees SET reason = '' WHERE person_id = ?", p));
  return Ok();
}

}  // namespace peixun::completion
