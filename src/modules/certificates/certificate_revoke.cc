// CertificateService::Revoke: a valid certificate revoked with a reason, audited.
#include "modules/certificates/certificate_service.h"

#include "core/actor.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/internal/certificate_rows.h"

namespace peixun::certificates {
namespace {

using store::Int;
using store::Text;

}  // namespace

Result<Certificate> CertificateService::Revoke(const Principal& who, const std::string& serial,
                                               const std::string& reason_in) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_ASSIGN_OR_RETURN(std::string reason, NormalizedReason(reason_in));
  const int64_t now = now_ms_();
  return store::TransactValue<Certificate>(store_, [&](store::Tx& tx) -> Result<Certificate> {
    PEIXUN_ASSIGN_OR_RETURN(Certificate c, LockedBySerialIn(tx, serial));
    PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, c.class_id));
    if (c.status != "valid") {
      return Conflict("certificates.status", "只有有效的证书可以补发或撤销",
                      "only a valid certificate can be re-issued or revoked", "serial");
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec(
        "UPDATE certificates SET status = 'revoked', status_at = ?, status_reason = ? WHERE id = ?",
        {Int(now), Text(reason), Int(c.id)}));
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, Actor::Of(who),
        audit::AuditEntry{"certificates.revoke",
                          "certificate",
                          c.id,
                          {{"serial", c.serial}, {"status", "valid"}},
                          {{"serial", c.serial}, {"status", "revoked"}, {"reason", reason}}}));
    return BySerialIn(tx, c.serial);
  });
}

}  // namespace peixun::certificates
