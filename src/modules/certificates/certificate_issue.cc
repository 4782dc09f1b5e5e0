// CertificateService, issuing: one certificate (Issue), a re-issue under a new
// serial (Reissue), and what both print and store (IssueIn).
#include "modules/certificates/certificate_service.h"

#include <sodium.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/certificate_serial.h"
#include "core/certificate_text.h"
#include "crypto/base64.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/internal/certificate_rows.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/people/people_service.h"

namespace peixun::certificates {
namespace {

using nlohmann::json;
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
  core::CertificateSerial s;
  const core::CivilDate today = DateAt(now, k.utc_offset_minutes);
  s.year = today.year;
  randombytes_buf(s.random.data(), s.random.size());
  Certificate c;
  c.serial = core::FormatSerial(s);
  c.class_id = class_id;
  c.person_id = person_id;
  c.seq = *seq;
  c.fields = {{"name", p.name},
              {"unit", p.unit_name},
              {"class_name", k.name},
              {"organizer", k.organizer_name},
              {"start_date", DateText(k.start_date)},
              {"end_date", DateText(k.end_date)},
              {"days", std::to_string(k.Days())},
              {"hours", HoursText(credited_tenths)},
              {"serial", c.serial},
              {"issue_date", DateText(today)}};
  PEIXUN_ASSIGN_OR_RETURN(c.title, core::FillCertificateText(tpl.title, c.fields, "title"));
  PEIXUN_ASSIGN_OR_RETURN(c.text, core::FillCertificateText(tpl.body, c.fields, "body"));
  PEIXUN_ASSIGN_OR_RETURN(std::string pdf, CertificatesPdf({{&tpl, PrintedOf(c, base_url)}}));
  c.pdf_sha256 = Sha256Hex(pdf);
  c.status = "valid";
  c.issued_at = now;
  const json frozen = {{"fields", c.fields}, {"title", c.title}, {"text", c.text}};
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows ins,
      tx.Query("INSERT INTO certificates (serial, class_id, person_id, template_id, seq, "
               "fields_json, pdf_sha256, status, issued_at, issued_by) VALUES "
               "(?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?) RETURNING id",
               {Text(c.serial), Int(class_id), Int(person_id), tpl.id ? Int(tpl.id) : store::Null(),
                Int(c.seq), Text(frozen.dump()), Text(c.pdf_sha256), Int(now), Int(who.user_id)}));
  c.id = ins[0].Int(0);
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO certificate_files (certificate_id, pdf_base64) VALUES (?, ?)",
              {Int(c.id), Text(crypto::Base64Encode(pdf))}));
  PEIXUN_RETURN_IF_ERROR(audit::AppendIn(tx, Actor::Of(who),
                                         audit::AuditEntry{"certificates.issue",
                                                           "certificate",
                                                           c.id,
                                                           nullptr,
                                                           {{"serial", c.serial},
                                                            {"class_id", class_id},
                                                            {"person_id", person_id},
                                                            {"pdf_sha256", c.pdf_sha256}}}));
  return c;
}

Result<Certificate> CertificateService::Issue(const Principal& who, int64_t class_id,
                                              int64_t person_id) {
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
