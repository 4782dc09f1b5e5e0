// CertificateService, templates: the organizer's current version, a new version,
// and the preview of one before it is saved.
#include "modules/certificates/certificate_service.h"

#include <utility>

#include "core/actor.h"
#include "core/certificate_text.h"
#include "core/text_normalize.h"
#include "core/utf8.h"
#include "crypto/base64.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/internal/certificate_rows.h"
#include "modules/classes/class_service.h"

namespace peixun::certificates {
namespace {

using store::Int;
using store::Text;

constexpr size_t kMaxTitleChars = 50;
constexpr size_t kMaxBodyChars = 2000;
constexpr char kPngMagic[] = "\x89PNG\r\n\x1a\n";

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

}  // namespace

Result<CertificateTemplate> CertificateService::TemplateForClass(const Principal& who,
                                                                 int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireManagerRole(who));
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

}  // namespace peixun::certificates
