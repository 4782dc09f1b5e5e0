#include "modules/certificates/internal/certificate_rows.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "core/certificate_serial.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "crypto/base64.h"
#include "modules/classes/class_access.h"
#include "modules/settings/public_base_url.h"
#include "store/key_lock.h"

namespace peixun::certificates {
namespace {

using nlohmann::json;
using store::Int;
using store::Text;

constexpr size_t kMaxReasonChars = 500;

constexpr char kColumns[] =
    "c.id, c.serial, c.class_id, c.person_id, c.seq, c.fields_json, c.pdf_sha256, c.status, "
    "c.issued_at, c.status_at, c.status_reason, n.serial, c.template_id";

}  // namespace

Error NotFoundSerial() {
  return NotFound("certificates.not_found", "证书不存在", "no such certificate", "serial");
}

std::string DateText(const core::CivilDate& d) {
  return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) +
         "日";
}

// "24" or "23.5".
std::string HoursText(int tenths) {
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
  return out;
}

core::CivilDate DateAt(int64_t ms, int utc_offset_minutes) {
  return core::CivilDateAt(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)),
                           std::chrono::minutes(utc_offset_minutes));
}

Result<std::string> NormalizedReason(const std::string& in) {
  std::string reason = core::NormalizeField(in);
  if (reason.empty() || core::Utf8CharCount(reason) > kMaxReasonChars) {
    return Invalid("certificates.reason", "须填写理由（不超过 500 字）",
                   "a reason is required (at most 500 characters)", "reason");
  }
  return reason;
}

Result<std::string> BaseUrlIn(store::Tx& tx) { return settings::PublicBaseUrlOrDefaultIn(tx); }

Certificate CertificateOfRow(const store::Row& r) {
  Certificate c;
  c.id = r.Int(0);
  c.serial = r.Str(1);
  c.class_id = r.Int(2);
  c.person_id = r.Int(3);
  c.seq = static_cast<int>(r.Int(4));
  const json frozen = json::parse(r.Str(5), nullptr, false);
  if (frozen.is_object()) {
    const json fields = frozen.value("fields", json::object());  // outlives the loop
    for (const auto& [k, v] : fields.items()) {
      if (v.is_string()) c.fields[k] = v.get<std::string>();
    }
    c.title = frozen.value("title", "");
    c.text = frozen.value("text", "");
  }
  c.pdf_sha256 = r.Str(6);
  c.status = r.Str(7);
  c.issued_at = r.Int(8);
  c.status_at = r.OptInt(9);
  c.status_reason = r.Str(10);
  if (!r.IsNull(11)) c.superseded_by = r.Str(11);
  return c;
}

std::string SelectFrom() {
  return std::string("SELECT ") + kColumns +
         " FROM certificates c LEFT JOIN certificates n ON n.id = c.superseded_by ";
}

Status LockClassIn(store::Tx& tx, int64_t class_id) {
  return store::LockKeyIn(tx, "certificates.class:" + std::to_string(class_id));
}

Result<Certificate> LockedBySerialIn(store::Tx& tx, const std::string& serial) {
  PEIXUN_ASSIGN_OR_RETURN(Certificate c, BySerialIn(tx, serial));
  PEIXUN_RETURN_IF_ERROR(LockClassIn(tx, c.class_id));
  return BySerialIn(tx, serial);
}

Result<Certificate> BySerialIn(store::Tx& tx, const std::string& serial) {
  auto parsed = core::ParseSerial(serial);
  const std::string canonical = parsed ? core::FormatSerial(*parsed) : std::string("-");
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(SelectFrom() + "WHERE c.serial = ?", {Text(canonical)}));
  if (rows.empty()) return NotFoundSerial();
  return CertificateOfRow(rows[0]);
}

Result<CertificateTemplate> TemplateByIdIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id, organizer_name, title, body, seal_png, background_png, created_at "
               "FROM certificate_templates WHERE id = ?",
               {Int(id)}));
  if (rows.empty()) {
    return MakeError(ErrorKind::kInternal, "certificates.template.missing", "证书模板丢失",
                     "the certificate template is missing");
  }
  const auto& r = rows[0];
  CertificateTemplate t;
  t.id = r.Int(0);
  t.organizer_name = r.Str(1);
  t.title = r.Str(2);
  t.body = r.Str(3);
  t.seal_png = crypto::Base64Decode(r.Str(4)).value_or("");
  t.background_png = crypto::Base64Decode(r.Str(5)).value_or("");
  t.created_at = r.Int(6);
  return t;
}

Result<CertificateTemplate> CurrentTemplateIn(store::Tx& tx, const std::string& organizer) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT max(id) FROM certificate_templates WHERE organizer_name = ?",
               {Text(organizer)}));
  if (rows.empty() || rows[0].IsNull(0)) return DefaultTemplate(organizer);
  return TemplateByIdIn(tx, rows[0].Int(0));
}

Result<CertificateTemplate> TemplateOfIn(store::Tx& tx, const std::optional<int64_t>& id,
                                         const std::string& organizer) {
  if (!id) return DefaultTemplate(organizer);
  return TemplateByIdIn(tx, *id);
}

Status RequireManagerRole(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
}

Status RequireHolderRole(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee});
}

Status CheckManage(store::Tx& tx, const Principal& who, int64_t class_id) {
  return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage);
}

Status CheckOwnerOrManager(store::Tx& tx, const Principal& who, const Certificate& c) {
  if (who.role == Role::kTrainee) {
    if (who.person_id && *who.person_id == c.person_id) return Ok();
    return NotFoundSerial();  // a trainee learns nothing of others' serials
  }
  return CheckManage(tx, who, c.class_id);
}

PrintedCertificate PrintedOf(const Certificate& c, const std::string& base_url) {
  return PrintedCertificate{c.fields, c.title, c.text, base_url + "/verify/" + c.serial,
                            c.issued_at};
}

}  // namespace peixun::certificates
