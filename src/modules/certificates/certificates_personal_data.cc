#include "modules/certificates/certificates_personal_data.h"

#include "modules/audit/audit_redaction.h"

namespace peixun::certificates {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  return store::AppendPersonalTable(
      tx, out, "certificates", "certificates",
      "SELECT c.id, c.serial, c.class_id, c.person_id, c.seq, c.fields_json, c.pdf_sha256, "
      "c.status, c.issued_at, c.status_at, c.status_reason, LENGTH(f.pdf_base64) AS "
      "pdf_base64_length FROM certificates c LEFT JOIN certificate_files f ON f.certificate_id = "
      "c.id WHERE c.person_id = ? ORDER BY c.id",
      {store::Int(person_id)});
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id,
                           const std::vector<std::string>& values) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT id, fields_json, status_reason FROM certificates "
                                   "WHERE person_id = ?",
                                   {store::Int(person_id)}));
  const std::string erased = store::ErasedName(person_id);
  for (const store::Row& row : rows) {
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE certificates SET fields_json = ?, status_reason = ? WHERE id = ?",
        {store::Text(audit::ReplaceAll(row.Str(1), values, erased)),
         store::Text(audit::ReplaceAll(row.Str(2), values, erased)), store::Int(row.Int(0))}));
    // The frozen PDF prints the name: it goes (downloads of it then fail).
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE certificate_files SET pdf_base64 = '' WHERE certificate_id = ?",
                {store::Int(row.Int(0))}));
  }
  return Ok();
}

}  // namespace peixun::certificates
