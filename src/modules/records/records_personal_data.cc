#include "modules/records/records_personal_data.h"

#include "modules/records/internal/ledger_summary.h"

namespace peixun::records {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "records", "outside_hours",
      "SELECT id, person_id, kind, title, provider, start_date, end_date, tenths, proof_name, "
      "proof_kind, LENGTH(proof_base64) AS proof_base64_length, status, entered_by, entered_at, "
      "decided_by, decided_at, decision_reason FROM outside_hours WHERE person_id = ? ORDER BY id",
      p));
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "records", "record_promotions",
                                 "SELECT * FROM record_promotions WHERE person_id = ?", p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE outside_hours SET proof_name = '', proof_kind = '', proof_base64 = '', "
              "decision_reason = '' WHERE person_id = ?",
              p));
  // The hours stay (ledger totals): the summary is recomputed, not emptied.
  return internal::RefreshYearsIn(tx, {person_id});
}

}  // namespace peixun::records
