// CertificateService, issuing: one certificate (Issue), a re-issue under a new
// serial (Reissue), and what both print and store (IssueIn).
#include "modules/certificates/certificate_service.h"

#include <algorithm>
#include <utility>

#include "core/actor.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/internal/certificate_making.h"
#include "modules/certificates/internal/certificate_rows.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/people/people_service.h"

namespace peixun::certificates {
namespace {

using store::Int;
using store::Text;

}  // namespace

Result<Certificate> CertificateService::IssueIn(store::Tx& tx, const Principal& who,
                                                int64_t class_id, int64_t person_id,
                                                int credited_tenths, std::optional<int> seq) {
  const int64_t now = now_ms_();
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k, classes::ClassService::GetIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(people::Person p, people::PeopleService::GetIn(tx, person_id));
  PEIXUN_ASSIGN_OR_RETURN(CertificateTemplate tpl, CurrentTemplateIn(tx, k.organizer_name));
  PEIXUN_ASSIGN_OR_RETURN(std::string base_url, BaseUrlIn(tx));
  if (!seq) {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT COALESCE(max(seq), 0) FROM certificates WHERE class_id = ?",
                 {Int(class_id)}));
    seq = static_cast<int>(rows[0].Int(0)) + 1;
  }
  PEIXUN_ASSIGN_OR_RETURN(MadeCertificate made,
                          MakeCertificate(k, p, tpl, base_url, now, credited_tenths));
  return StoreIssuedIn(tx, who, std::move(made), *seq);
}

Result<Certificate> CertificateService::Issue(const Principal& who, int64_t class_id,
                                              int64_t person_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  return store::TransactValue<Certificate>(store_, [&](store::Tx& tx) -> Result<Certificate> {
    PEIXUN_RETURN_IF_ERROR(LockClassIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
    PEIXUN_ASSIGN_OR_RETURN(auto completed,
                            completion::CompletionService::CompletedIn(tx, class_id, person_id));
    auto it = std::find_if(completed.begin(), completed.end(),
                           [&](const auto& t) { return t.person_id == person_id; });
    if (it == completed.end()) {
      return Conflict("certificates.not_completed", "该学员未评定为结业，不能颁发证书",
                      "this trainee has not been decided as completed", "person_id");
    }
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows existing,
        tx.Query(SelectFrom() + "WHERE c.class_id = ? AND c.person_id = ? AND c.status = 'valid'",
                 {Int(class_id), Int(person_id)}));
    if (!existing.empty()) return CertificateOfRow(existing[0]);  // no second certificate
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows earlier,
        tx.Query("SELECT seq FROM certificates WHERE class_id = ? AND person_id = ?",
                 {Int(class_id), Int(person_id)}));
    std::optional<int> seq;
    if (!earlier.empty()) seq = static_cast<int>(earlier[0].Int(0));
    return IssueIn(tx, who, class_id, person_id, it->credited_tenths, seq);
  });
}

Result<Certificate> CertificateService::Reissue(const Principal& who, const std::string& serial,
                                                const std::string& reason_in) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
  PEIXUN_ASSIGN_OR_RETURN(std::string reason, NormalizedReason(reason_in));
  const int64_t now = now_ms_();
  return store::TransactValue<Certificate>(store_, [&](store::Tx& tx) -> Result<Certificate> {
    PEIXUN_ASSIGN_OR_RETURN(Certificate old, LockedBySerialIn(tx, serial));
    PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, old.class_id));
    if (old.status != "valid") {
      return Conflict("certificates.status", "只有有效的证书可以补发或撤销",
                      "only a valid certificate can be re-issued or revoked", "serial");
    }
    PEIXUN_ASSIGN_OR_RETURN(auto completed,
                            completion::CompletionService::CompletedIn(tx, old.class_id));
    auto it = std::find_if(completed.begin(), completed.end(),
                           [&](const auto& t) { return t.person_id == old.person_id; });
    if (it == completed.end()) {
      return Conflict("certificates.not_completed", "该学员未评定为结业，不能颁发证书",
                      "this trainee has not been decided as completed", "serial");
    }
    // Mark the old one first: at most one valid certificate per trainee and class.
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE certificates SET status = 'superseded', status_at = ?, status_reason = ? "
                "WHERE id = ?",
                {Int(now), Text(reason), Int(old.id)}));
    PEIXUN_ASSIGN_OR_RETURN(Certificate fresh, IssueIn(tx, who, old.class_id, old.person_id,
                                                       it->credited_tenths, old.seq));
    PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE certificates SET superseded_by = ? WHERE id = ?",
                                   {Int(fresh.id), Int(old.id)}));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor::Of(who),
                        audit::AuditEntry{"certificates.reissue",
                                          "certificate",
                                          old.id,
                                          {{"serial", old.serial}, {"status", "valid"}},
                                          {{"serial", old.serial},
                                           {"status", "superseded"},
                                           {"superseded_by", fresh.serial},
                                           {"reason", reason}}}));
    return fresh;
  });
}

}  // namespace peixun::certificates
