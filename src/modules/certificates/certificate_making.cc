#include "modules/certificates/internal/certificate_making.h"

#include <sodium.h>

#include <utility>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/certificate_serial.h"
#include "core/certificate_text.h"
#include "crypto/base64.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/internal/certificate_rows.h"

namespace peixun::certificates {

using nlohmann::json;
using store::Int;
using store::Text;

Result<MadeCertificate> MakeCertificate(const classes::TrainingClass& k, const people::Person& p,
                                        const CertificateTemplate& tpl, const std::string& base_url,
                                        int64_t now, int credited_tenths) {
  core::CertificateSerial s;
  const core::CivilDate today = DateAt(now, k.utc_offset_minutes);
  s.year = today.year;
  randombytes_buf(s.random.data(), s.random.size());
  MadeCertificate made;
  made.template_id = tpl.id;
  Certificate& c = made.cert;
  c.serial = core::FormatSerial(s);
  c.class_id = k.id;
  c.person_id = p.id;
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
  c.status = "valid";
  c.issued_at = now;
  PEIXUN_ASSIGN_OR_RETURN(made.pdf, CertificatesPdf({{&tpl, PrintedOf(c, base_url)}}));
  c.pdf_sha256 = Sha256Hex(made.pdf);
  return made;
}

Result<Certificate> StoreIssuedIn(store::Tx& tx, const Principal& who, MadeCertificate made,
                                  int seq) {
  Certificate c = std::move(made.cert);
  c.seq = seq;
  const json frozen = {{"fields", c.fields}, {"title", c.title}, {"text", c.text}};
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows ins,
      tx.Query("INSERT INTO certificates (serial, class_id, person_id, template_id, seq, "
               "fields_json, pdf_sha256, status, issued_at, issued_by) VALUES "
               "(?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?) RETURNING id",
               {Text(c.serial), Int(c.class_id), Int(c.person_id),
                made.template_id ? Int(made.template_id) : store::Null(), Int(c.seq),
                Text(frozen.dump()), Text(c.pdf_sha256), Int(c.issued_at), Int(who.user_id)}));
  c.id = ins[0].Int(0);
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO certificate_files (certificate_id, pdf_base64) VALUES (?, ?)",
              {Int(c.id), Text(crypto::Base64Encode(made.pdf))}));
  PEIXUN_RETURN_IF_ERROR(audit::AppendIn(tx, Actor::Of(who),
                                         audit::AuditEntry{"certificates.issue",
                                                           "certificate",
                                                           c.id,
                                                           nullptr,
                                                           {{"serial", c.serial},
                                                            {"class_id", c.class_id},
                                                            {"person_id", c.person_id},
                                                            {"pdf_sha256", c.pdf_sha256}}}));
  return c;
}

}  // namespace peixun::certificates
