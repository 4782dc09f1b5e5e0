#include "modules/attendance/attendance_personal_data.h"

namespace peixun::attendance {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "attendance", "attendance_events",
      "SELECT * FROM attendance_events WHERE person_id = ? ORDER BY id", p));
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "attendance", "attendance_corrections",
      "SELECT * FROM attendance_corrections WHERE person_id = ? ORDER BY id", p));
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "attendance", "spot_check_confirmations",
                                 "SELECT * FROM spot_check_confirmations WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "attendance", "leave_requests",
      "SELECT id, class_id, person_id, start_ms, end_ms, session_ids_json, reason, "
      "attachment_name, LENGTH(attachment_base64) AS attachment_base64_length, status, decided_by, "
      "decision_reason, returned_ms, created_ms, updated_ms FROM leave_requests WHERE person_id = "
      "? ORDER BY id",
      p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE attendance_events SET device_id_hash = NULL WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE attendance_corrections SET reason = '' WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE leave_requests SET reason = '', attachment_name = NULL, attachment_base64 = "
              "NULL, decision_reason = NULL WHERE person_id = ?",
              p));
  return Ok();
}

}  // namespace peixun::attendance
