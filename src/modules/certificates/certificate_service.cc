#include "modules/certificates/certificate_service.h"

#include "crypto/base64.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "core/actor.h"
#include "core/certificate_serial.h"
#include "core/certificate_text.h"
#include "core/civil_date.h"
#include "core/clock.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "io/zip_writer.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/completion/completion_service.h"
#include "modules/people/people_service.h"
#include "modules/settings/public_base_url.h"
#include "store/key_lock.h"

namespace peixun::certificates {
namespace {

using nlohmann::json;
using store::Int;
using store::IntOrNull;
using store::Text;

constexpr size_t kMaxReasonChars = 500;
constexpr size_t kMaxTitleChars = 50;
constexpr size_t kMaxBodyChars = 2000;
constexpr char kPngMagic[] = "\x89PNG\r\n\x1a\n";

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

constexpr char kColumns[] =
    "c.id, c.serial, c.class_id, c.person_id, c.seq, c.fields_json, c.pdf_sha256, c.status, "
    "c.issued_at, c.status_at, c.status_reason, n.serial, c.template_id";

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

// The certificate named by `serial`; malformed serials run the same query with a
// value no serial has, so both answer alike.
// Takes the class's certificate lock (store/key_lock.h) until the transaction
// ends: the next seq of a class (max + 1) and "at most one valid certificate per
// trainee and class" are read before they are written.
Status LockClassIn(store::Tx& tx, int64_t class_id) {
  return store::LockKeyIn(tx, "certificates.class:" + std::to_string(class_id));
}

Result<Certificate> BySerialIn(store::Tx& tx, const std::string& serial);

// BySerialIn under its class's lock: read again after locking, so a status
// checked next is the latest committed.
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

// The newest version of the organizer's template, or the built-in one (id 0).
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

Status CheckManage(store::Tx& tx, const Principal& who, int64_t class_id) {
  return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage);
}

// Staff who manage the class, or the trainee the certificate belongs to.
Status CheckOwnerOrManager(store::Tx& tx, const Principal& who, const Certificate& c) {
  if (who.role == Role::kTrainee) {
    if (who.person_id && *who.person_id == c.person_id) return Ok();
    return NotFoundSerial();  // a trainee learns nothing of others' serials
  }
  return CheckManage(tx, who, c.class_id);
}

// The template input checked (title, text with known fields, PNG images); returns
// the normalized title.
Result<std::string> CheckedTitle(const TemplateInput& in) {
  const std::string title = core::NormalizeField(in.title);
  if (title.empty() || core::Utf8CharCount(title) > kMaxTitleChars) {
    return Invalid("certificates.template.title", "证书标题不能为空（不超过 50 字）",
                   "the title is required (at most 50 characters)", "title");
  }
  if (in.body.empty() || core::Utf8CharCount(in.body) > kMaxBodyChars ||
      !core::IsValidUtf8(in.body)) {
    return Invalid("certificates.template.body", "证书正文不能为空（不超过 2000 字）",
                   "the text is required (at most 2000 characters)", "body");
  }
  PEIXUN_RETURN_IF_ERROR(core::CheckCertificateText(title, "title"));
  PEIXUN_RETURN_IF_ERROR(core::CheckCertificateText(in.body, "body"));
  for (const auto& [name, png] :
       {std::pair<const char*, const std::string*>{"seal_png", &in.seal_png},
        {"background_png", &in.background_png}}) {
    if (png->empty()) continue;
    if (png->size() > kMaxImageBytes || png->compare(0, 8, kPngMagic, 8) != 0) {
      return Invalid("certificates.image", "图片应为不超过 2 MB 的 PNG 文件",
                     "images must be PNG files of at most 2 MB", name);
    }
  }
  return title;
}

PrintedCertificate PrintedOf(const Certificate& c, const std::string& base_url) {
  return PrintedCertificate{c.fields, c.title, c.text, base_url + "/verify/" + c.serial};
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

CertificateService::CertificateService(store::Store& store, Clock now_ms, int lookups_per_minute)
    : store_(store),
      now_ms_(now_ms ? std::move(now_ms) : Clock([] { return NowMillis(); })),
      lookups_per_minute_(lookups_per_minute) {}

CertificateService::~CertificateService() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

Result<CertificateTemplate> CertificateService::TemplateForClass(const Principal& who,
                                                                 int64_t class_id) {
  return store::ReadValue<CertificateTemplate>(
      store_, [&](store::Tx& tx) -> Result<CertificateTemplate> {
        PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k,
                                classes::ClassService::GetIn(tx, class_id));
        return CurrentTemplateIn(tx, k.organizer_name);
      });
}

Result<CertificateTemplate> CertificateService::SetTemplateForClass(const Principal& who,
                                                                    int64_t class_id,
                                                                    const TemplateInput& in) {
  if (who.role != Role::kAdmin && who.role != Role::kOrganizer) {
    return MakeError(ErrorKind::kForbidden, "certificates.forbidden", "只有组织部可以修改证书模板",
                     "only organizers may change certificate templates");
  }
  PEIXUN_ASSIGN_OR_RETURN(const std::string title, CheckedTitle(in));
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<CertificateTemplate>(
      store_, [&](store::Tx& tx) -> Result<CertificateTemplate> {
        PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k,
                                classes::ClassService::GetIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query("INSERT INTO certificate_templates (organizer_name, title, body, seal_png, "
                     "background_png, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
                     "RETURNING id",
                     {Text(k.organizer_name), Text(title), Text(in.body),
                      Text(crypto::Base64Encode(in.seal_png)),
                      Text(crypto::Base64Encode(in.background_png)), Int(now), Int(who.user_id)}));
        const int64_t id = rows[0].Int(0);
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, actor,
            audit::AuditEntry{"certificates.template",
                              "class",
                              class_id,
                              nullptr,
                              {{"template_id", id},
                               {"organizer_name", k.organizer_name},
                               {"title", title},
                               {"body", in.body},
                               {"seal_png_bytes", in.seal_png.size()},
                               {"background_png_bytes", in.background_png.size()}}}));
        return TemplateByIdIn(tx, id);
      });
}

Result<std::string> CertificateService::PreviewTemplate(const Principal& who, int64_t class_id,
                                                        const TemplateInput& in) {
  if (who.role != Role::kAdmin && who.role != Role::kOrganizer) {
    return MakeError(ErrorKind::kForbidden, "certificates.forbidden", "只有组织部可以修改证书模板",
                     "only organizers may change certificate templates");
  }
  PEIXUN_ASSIGN_OR_RETURN(const std::string title, CheckedTitle(in));
  const int64_t now = now_ms_();
  CertificateTemplate tpl;
  PrintedCertificate page;
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k, classes::ClassService::GetIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::string base_url, BaseUrlIn(tx));
    tpl.organizer_name = k.organizer_name;
    tpl.title = title;
    tpl.body = in.body;
    tpl.seal_png = in.seal_png;
    tpl.background_png = in.background_png;
    // The class's own data; a sample trainee, 学时 and serial (nothing is issued).
    page.fields = {{"name", kPreviewName},
                   {"unit", kPreviewUnit},
                   {"class_name", k.name},
                   {"organizer", k.organizer_name},
                   {"start_date", DateText(k.start_date)},
                   {"end_date", DateText(k.end_date)},
                   {"days", std::to_string(k.Days())},
                   {"hours", HoursText(k.Days() * 60)},
                   {"serial", kPreviewSerial},
                   {"issue_date", DateText(DateAt(now, k.utc_offset_minutes))}};
    page.verify_url = base_url + "/verify/" + kPreviewSerial;
    return Ok();
  }));
  PEIXUN_ASSIGN_OR_RETURN(page.title, core::FillCertificateText(tpl.title, page.fields, "title"));
  PEIXUN_ASSIGN_OR_RETURN(page.text, core::FillCertificateText(tpl.body, page.fields, "body"));
  return CertificatesPdf({{&tpl, page}});
}

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

Result<Certificate> CertificateService::Revoke(const Principal& who, const std::string& serial,
                                               const std::string& reason_in) {
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

Result<std::vector<Certificate>> CertificateService::ListForClass(const Principal& who,
                                                                  int64_t class_id) {
  return store::ReadValue<std::vector<Certificate>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Certificate>> {
        PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(SelectFrom() + "WHERE c.class_id = ? ORDER BY c.seq, c.id", {Int(class_id)}));
        std::vector<Certificate> out;
        for (const auto& r : rows.rows) out.push_back(CertificateOfRow(r));
        return out;
      });
}

Result<std::vector<Certificate>> CertificateService::Mine(const Principal& who) {
  if (who.role != Role::kTrainee || !who.person_id) {
    return MakeError(ErrorKind::kForbidden, "certificates.forbidden", "仅学员本人可查看“我的证书”",
                     "only a trainee sees their own certificates", "");
  }
  const int64_t person = *who.person_id;
  return store::ReadValue<std::vector<Certificate>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<Certificate>> {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(SelectFrom() + "WHERE c.person_id = ? ORDER BY c.issued_at DESC, c.id DESC",
                     {Int(person)}));
        std::vector<Certificate> out;
        for (const auto& r : rows.rows) out.push_back(CertificateOfRow(r));
        return out;
      });
}

Result<std::string> CertificateService::Pdf(const Principal& who, const std::string& serial) {
  return store::ReadValue<std::string>(store_, [&](store::Tx& tx) -> Result<std::string> {
    PEIXUN_ASSIGN_OR_RETURN(Certificate c, BySerialIn(tx, serial));
    PEIXUN_RETURN_IF_ERROR(CheckOwnerOrManager(tx, who, c));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT pdf_base64 FROM certificate_files WHERE certificate_id = ?", {Int(c.id)}));
    if (rows.empty()) return NotFoundSerial();
    auto pdf = crypto::Base64Decode(rows[0].Str(0));
    if (!pdf) {
      return MakeError(ErrorKind::kInternal, "certificates.file", "证书文件已损坏",
                       "the stored certificate file is damaged");
    }
    return std::move(*pdf);
  });
}

Result<json> CertificateService::OpenBadge(const Principal& who, const std::string& serial) {
  return store::ReadValue<json>(store_, [&](store::Tx& tx) -> Result<json> {
    PEIXUN_ASSIGN_OR_RETURN(Certificate c, BySerialIn(tx, serial));
    PEIXUN_RETURN_IF_ERROR(CheckOwnerOrManager(tx, who, c));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k, classes::ClassService::GetIn(tx, c.class_id));
    PEIXUN_ASSIGN_OR_RETURN(std::string base, BaseUrlIn(tx));
    auto field = [&](const char* f) { return c.fields.count(f) ? c.fields.at(f) : std::string(); };
    double credits = 0;
    std::sscanf(field("hours").c_str(), "%lf", &credits);
    char issued[32];
    const std::time_t secs = static_cast<std::time_t>(c.issued_at / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    std::strftime(issued, sizeof issued, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const std::string class_url = base + "/classes/" + std::to_string(c.class_id);
    return json{{"@context",
                 {"https://www.w3.org/ns/credentials/v2",
                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
                {"id", base + "/verify/" + c.serial},
                {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
                {"name", c.title},
                {"issuer",
                 {{"id", base + "/organizers/" + std::to_string(k.organizer_unit_id.value_or(0))},
                  {"type", {"Profile"}},
                  {"name", field("organizer")}}},
                {"validFrom", issued},
                {"credentialSubject",
                 {{"type", {"AchievementSubject"}},
                  {"identifier",
                   {{{"type", "IdentityObject"},
                     {"identityType", "name"},
                     {"hashed", false},
                     {"identityHash", field("name")}}}},
                  {"creditsEarned", credits},
                  {"activityStartDate", core::FormatCivilDate(k.start_date) + "T00:00:00+08:00"},
                  {"activityEndDate", core::FormatCivilDate(k.end_date) + "T23:59:59+08:00"},
                  {"achievement",
                   {{"id", class_url},
                    {"type", {"Achievement"}},
                    {"achievementType", "Certificate"},
                    {"name", field("class_name")},
                    {"description", c.text},
                    {"criteria",
                     {{"narrative",
                       "请假不超过应修学时的 1/7，无旷课，考试合格，按要求提交心得体会（结业）"}}},
                    {"creditsAvailable", credits}}}}},
                {"credentialStatus",
                 {{"id", base + "/api/v1/verify/" + c.serial},
                  {"type", "PeixunStatus"},
                  {"status", c.status}}}};
  });
}

Result<int> CertificateService::IssueClass(const Principal& who, int64_t class_id,
                                           const std::function<void(int, int)>& progress) {
  // Who is due, then one short transaction per trainee: a long batch never holds the
  // write lock for long, and what was issued stays issued if a later one fails.
  PEIXUN_ASSIGN_OR_RETURN(
      auto completed,
      store::ReadValue<std::vector<completion::CompletedTrainee>>(
          store_, [&](store::Tx& tx) -> Result<std::vector<completion::CompletedTrainee>> {
            PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
            return completion::CompletionService::CompletedIn(tx, class_id);
          }));
  int issued = 0;
  const int total = static_cast<int>(completed.size());
  for (int i = 0; i < total; ++i) {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows had, store::ReadValue<store::Rows>(store_, [&](store::Tx& tx) {
          return tx.Query(
              "SELECT id FROM certificates WHERE class_id = ? AND person_id = ? AND "
              "status = 'valid'",
              {Int(class_id), Int(completed[i].person_id)});
        }));
    if (had.empty()) {
      PEIXUN_RETURN_IF_ERROR(Issue(who, class_id, completed[i].person_id));
      ++issued;
    }
    if (progress) progress(i + 1, total);
  }
  return issued;
}

Result<BatchJob> CertificateService::StartIssueClass(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      store_.Read([&](store::Tx& tx) -> Status { return CheckManage(tx, who, class_id); }));
  std::lock_guard<std::mutex> lock(mu_);
  BatchJob job;
  job.id = next_job_++;
  job.class_id = class_id;
  job.state = "running";
  jobs_[job.id] = job;
  job_owner_[job.id] = who.user_id;
  const int64_t id = job.id;
  threads_.emplace_back([this, who, class_id, id] {
    auto result = IssueClass(who, class_id, [this, id](int done, int total) {
      std::lock_guard<std::mutex> inner(mu_);
      jobs_[id].done = done;
      jobs_[id].total = total;
    });
    std::lock_guard<std::mutex> inner(mu_);
    BatchJob& j = jobs_[id];
    if (result.ok()) {
      j.state = "done";
      j.issued = *result;
    } else {
      j.state = "failed";
      j.error_code = result.error().code;
      j.error_message = result.error().message;
    }
  });
  return job;
}

Result<BatchJob> CertificateService::Job(const Principal& who, int64_t job_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(job_id);
  // Another user's job is as unknown as a job that never was.
  if (it == jobs_.end() || (job_owner_[job_id] != who.user_id && who.role != Role::kAdmin)) {
    return NotFound("certificates.job.not_found", "没有这个任务", "no such job", "id");
  }
  return it->second;
}

Result<std::string> CertificateService::ClassPdf(const Principal& who, int64_t class_id) {
  struct Loaded {
    std::vector<Certificate> certs;
    std::map<int64_t, CertificateTemplate> templates;
    std::vector<std::optional<int64_t>> template_of;
    std::string base;
  };
  PEIXUN_ASSIGN_OR_RETURN(
      Loaded loaded, store::ReadValue<Loaded>(store_, [&](store::Tx& tx) -> Result<Loaded> {
        PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
        PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass k,
                                classes::ClassService::GetIn(tx, class_id));
        Loaded out;
        PEIXUN_ASSIGN_OR_RETURN(out.base, BaseUrlIn(tx));
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(SelectFrom() + "WHERE c.class_id = ? AND c.status = 'valid' ORDER BY c.seq",
                     {Int(class_id)}));
        for (const auto& r : rows.rows) {
          out.certs.push_back(CertificateOfRow(r));
          const std::optional<int64_t> tid = r.OptInt(12);
          out.template_of.push_back(tid);
          const int64_t key = tid.value_or(0);
          if (!out.templates.count(key)) {
            PEIXUN_ASSIGN_OR_RETURN(out.templates[key], TemplateOfIn(tx, tid, k.organizer_name));
          }
        }
        return out;
      }));
  if (loaded.certs.empty()) {
    return NotFound("certificates.none", "本班还没有有效的证书",
                    "the class has no valid certificate yet");
  }
  std::vector<std::pair<const CertificateTemplate*, PrintedCertificate>> pages;
  for (size_t i = 0; i < loaded.certs.size(); ++i) {
    pages.push_back({&loaded.templates.at(loaded.template_of[i].value_or(0)),
                     PrintedOf(loaded.certs[i], loaded.base)});
  }
  return CertificatesPdf(pages);
}

Result<std::string> CertificateService::ClassZip(const Principal& who, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      auto files,
      (store::ReadValue<std::vector<std::pair<std::string, std::string>>>(
          store_, [&](store::Tx& tx) -> Result<std::vector<std::pair<std::string, std::string>>> {
            PEIXUN_RETURN_IF_ERROR(CheckManage(tx, who, class_id));
            PEIXUN_ASSIGN_OR_RETURN(
                store::Rows rows,
                tx.Query("SELECT c.seq, c.fields_json, f.pdf_base64 FROM certificates c JOIN "
                         "certificate_files f ON f.certificate_id = c.id WHERE c.class_id = ? "
                         "AND c.status = 'valid' ORDER BY c.seq",
                         {Int(class_id)}));
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& r : rows.rows) {
              const json frozen = json::parse(r.Str(1), nullptr, false);
              std::string name = frozen.is_object()
                                     ? frozen.value("fields", json::object()).value("name", "")
                                     : std::string();
              // Keep the name a file name: no path separators.
              std::replace(name.begin(), name.end(), '/', '_');
              std::replace(name.begin(), name.end(), '\\', '_');
              char seq[16];
              std::snprintf(seq, sizeof seq, "%03d", static_cast<int>(r.Int(0)));
              out.push_back({std::string(seq) + "_" + name + ".pdf",
                             crypto::Base64Decode(r.Str(2)).value_or("")});
            }
            return out;
          })));
  if (files.empty()) {
    return NotFound("certificates.none", "本班还没有有效的证书",
                    "the class has no valid certificate yet");
  }
  return io::ZipFiles(files);
}

Status CertificateService::CheckRate(const std::string& address) {
  const int64_t now = now_ms_();
  std::lock_guard<std::mutex> lock(mu_);
  auto& times = lookups_[address];
  while (!times.empty() && times.front() <= now - 60 * 1000) times.pop_front();
  if (static_cast<int>(times.size()) >= lookups_per_minute_) {
    return MakeError(ErrorKind::kRateLimited, "certificates.rate_limited",
                     "查询过于频繁，请一分钟后再试", "too many lookups; try again in a minute");
  }
  times.push_back(now);
  // Forget idle addresses now and then so the table stays small.
  if (lookups_.size() > 10000) {
    for (auto it = lookups_.begin(); it != lookups_.end();) {
      it = it->second.empty() || it->second.back() <= now - 60 * 1000 ? lookups_.erase(it)
                                                                      : std::next(it);
    }
  }
  return Ok();
}

Result<Verification> CertificateService::Verify(const std::string& serial,
                                                const std::string& address) {
  PEIXUN_RETURN_IF_ERROR(CheckRate(address));
  PEIXUN_ASSIGN_OR_RETURN(Certificate c, store::ReadValue<Certificate>(store_, [&](store::Tx& tx) {
                            return BySerialIn(tx, serial);
                          }));
  Verification v;
  v.serial = c.serial;
  v.fields = c.fields;
  const std::string name = c.fields.count("name") ? c.fields.at("name") : std::string();
  const std::string masked = core::MaskName(name);
  v.fields["name"] = masked;
  v.title = c.title;
  v.text = c.text;
  if (!name.empty()) {
    for (size_t at = v.text.find(name); at != std::string::npos;
         at = v.text.find(name, at + masked.size())) {
      v.text.replace(at, name.size(), masked);
    }
  }
  v.status = c.status;
  v.issued_at = c.issued_at;
  v.status_at = c.status_at;
  v.status_reason = c.status_reason;
  return v;
}

Result<bool> CertificateService::VerifyPdf(const std::string& serial, const std::string& pdf,
                                           const std::string& address) {
  PEIXUN_RETURN_IF_ERROR(CheckRate(address));
  PEIXUN_ASSIGN_OR_RETURN(Certificate c, store::ReadValue<Certificate>(store_, [&](store::Tx& tx) {
                            return BySerialIn(tx, serial);
                          }));
  return Sha256Hex(pdf) == c.pdf_sha256;
}

Result<std::map<int64_t, std::string>> CertificateService::ValidSerialsIn(store::Tx& tx,
                                                                          int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT person_id, serial FROM certificates WHERE class_id = ? "
                                   "AND status = 'valid'",
                                   {Int(class_id)}));
  std::map<int64_t, std::string> out;
  for (const auto& r : rows.rows) out[r.Int(0)] = r.Str(1);
  return out;
}

}  // namespace peixun::certificates
