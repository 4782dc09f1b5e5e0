#include "modules/certificates/certificates_routes.h"

#include "crypto/base64.h"

#include <cstring>

#include "api/json_input.h"
#include "api/openapi.h"
#include "core/certificate_text.h"

namespace peixun::certificates {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kManagers = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const Access kTemplateWriters = Access::Roles({Role::kAdmin, Role::kOrganizer});
const Access kHolders =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kTrainee});

json Doc(const std::string& summary, json extra = json::object()) {
  json d = {{"summary", summary}, {"tags", {"certificates"}}};
  d.update(extra);
  return d;
}

json FileDoc(const std::string& summary, const std::string& media) {
  return Doc(
      summary,
      {{"responses",
        {{"200",
          {{"description", "the file"},
           {"content", {{media, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}});
}

Result<int64_t> IdParam(Call& c) { return api::ParseId(c.request.PathParam("id"), "id"); }

json StringMap() { return {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}; }

json CertificateSchema() {
  return api::ObjectSchema(
      {{"id", {{"type", "integer"}}},
       {"serial", {{"type", "string"}}},
       {"class_id", {{"type", "integer"}}},
       {"person_id", {{"type", "integer"}}},
       {"seq", {{"type", "integer"}}},
       {"fields", StringMap()},
       {"title", {{"type", "string"}}},
       {"text", {{"type", "string"}}},
       {"pdf_sha256", {{"type", "string"}}},
       {"status", {{"type", "string"}, {"enum", {"valid", "superseded", "revoked"}}}},
       {"issued_at_ms", {{"type", "integer"}}},
       {"status_at_ms", {{"type", "integer"}, {"nullable", true}}},
       {"status_reason", {{"type", "string"}}},
       {"superseded_by", {{"type", "string"}, {"nullable", true}}}},
      {"serial", "class_id", "person_id", "fields", "status"});
}

json VerificationSchema() {
  return api::ObjectSchema(
      {{"serial", {{"type", "string"}}},
       {"fields", StringMap()},
       {"title", {{"type", "string"}}},
       {"text", {{"type", "string"}}},
       {"status", {{"type", "string"}, {"enum", {"valid", "superseded", "revoked"}}}},
       {"issued_at_ms", {{"type", "integer"}}},
       {"status_at_ms", {{"type", "integer"}, {"nullable", true}}},
       {"status_reason", {{"type", "string"}}}},
      {"serial", "fields", "status"});
}

json TemplateSchema() {
  return api::ObjectSchema({{"id", {{"type", "integer"}}},
                            {"organizer_name", {{"type", "string"}}},
                            {"title", {{"type", "string"}}},
                            {"body", {{"type", "string"}}},
                            {"fields", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                            {"seal_png", {{"type", "string"}, {"format", "byte"}}},
                            {"background_png", {{"type", "string"}, {"format", "byte"}}}},
                           {"organizer_name", "title", "body"});
}

json JobSchema() {
  return api::ObjectSchema(
      {{"id", {{"type", "integer"}}},
       {"class_id", {{"type", "integer"}}},
       {"state", {{"type", "string"}, {"enum", {"running", "done", "failed"}}}},
       {"total", {{"type", "integer"}}},
       {"done", {{"type", "integer"}}},
       {"issued", {{"type", "integer"}}},
       {"error_code", {{"type", "string"}}},
       {"error_message", {{"type", "string"}}}},
      {"id", "state", "total", "done"});
}

Result<std::string> Unbase64(const std::string& text, const std::string& field) {
  std::optional<std::string> bytes = crypto::Base64Decode(text);
  if (!bytes) {
    return Invalid("certificates.image", "图片应为 base64 编码的 PNG 文件",
                   "images must be base64-encoded PNG files", field);
  }
  return *bytes;
}

json TemplateBody() {
  return api::JsonBodyDoc(
      api::ObjectSchema({{"title", {{"type", "string"}, {"maxLength", 50}}},
                         {"body", {{"type", "string"}, {"maxLength", 2000}}},
                         {"seal_png", {{"type", "string"}, {"format", "byte"}}},
                         {"background_png", {{"type", "string"}, {"format", "byte"}}}},
                        {"title", "body"}));
}

Result<TemplateInput> ReadTemplate(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  TemplateInput t;
  t.title = in.Str("title", api::kRequired, 200);
  t.body = in.Str("body", api::kRequired, 4000);
  const std::string seal = in.Str("seal_png", api::kOptional, 4 * kMaxImageBytes);
  const std::string background = in.Str("background_png", api::kOptional, 4 * kMaxImageBytes);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  PEIXUN_ASSIGN_OR_RETURN(t.seal_png, Unbase64(seal, "seal_png"));
  PEIXUN_ASSIGN_OR_RETURN(t.background_png, Unbase64(background, "background_png"));
  return t;
}

json TemplateJson(const CertificateTemplate& t) {
  return {{"id", t.id},
          {"organizer_name", t.organizer_name},
          {"title", t.title},
          {"body", t.body},
          {"fields", core::CertificateFields()},
          {"seal_png", crypto::Base64Encode(t.seal_png)},
          {"background_png", crypto::Base64Encode(t.background_png)}};
}

json JobJson(const BatchJob& j) {
  return {{"id", j.id},
          {"class_id", j.class_id},
          {"state", j.state},
          {"total", j.total},
          {"done", j.done},
          {"issued", j.issued},
          {"error_code", j.error_code},
          {"error_message", j.error_message}};
}

Result<std::string> ReadReason(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  std::string reason = in.Str("reason", api::kOptional, 2000);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return reason;
}

json ReasonBody() {
  return api::JsonBodyDoc(
      api::ObjectSchema({{"reason", {{"type", "string"}, {"maxLength", 500}}}}, {"reason"}));
}

}  // namespace

json CertificateJson(const Certificate& c) {
  return {{"id", c.id},
          {"serial", c.serial},
          {"class_id", c.class_id},
          {"person_id", c.person_id},
          {"seq", c.seq},
          {"fields", c.fields},
          {"title", c.title},
          {"text", c.text},
          {"pdf_sha256", c.pdf_sha256},
          {"status", c.status},
          {"issued_at_ms", c.issued_at},
          {"status_at_ms", c.status_at ? json(*c.status_at) : json(nullptr)},
          {"status_reason", c.status_reason},
          {"superseded_by", c.superseded_by ? json(*c.superseded_by) : json(nullptr)}};
}

json VerificationJson(const Verification& v) {
  return {{"serial", v.serial},
          {"fields", v.fields},
          {"title", v.title},
          {"text", v.text},
          {"status", v.status},
          {"issued_at_ms", v.issued_at},
          {"status_at_ms", v.status_at ? json(*v.status_at) : json(nullptr)},
          {"status_reason", v.status_reason}};
}

void RegisterCertificatesRoutes(api::Router& router, std::shared_ptr<CertificateService> service) {
  const json one = api::JsonResponseDoc("the certificate", CertificateSchema());

  router.Get(
      "/api/v1/classes/{id}/certificate-template", kManagers,
      Doc("本班主办单位的结业证书模板（未设置时为默认模板）",
          {{"responses", {{"200", api::JsonResponseDoc("the template", TemplateSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(CertificateTemplate t, service->TemplateForClass(*c.principal, id));
        return api::Json(TemplateJson(t));
      });

  router.Put(
      "/api/v1/classes/{id}/certificate-template", kTemplateWriters,
      Doc("修改本班主办单位的结业证书模板（新版本；已颁发的证书不变）。正文可用字段见 fields，"
          "未知字段返回 422 并指明字段；图片为 base64 编码的 PNG",
          {{"requestBody", TemplateBody()},
           {"responses", {{"200", api::JsonResponseDoc("the template", TemplateSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(TemplateInput t, ReadTemplate(c.request.body));
        PEIXUN_ASSIGN_OR_RETURN(CertificateTemplate out,
                                service->SetTemplateForClass(*c.principal, id, t));
        return api::Json(TemplateJson(out));
      });

  router.Post("/api/v1/classes/{id}/certificate-template/preview", kTemplateWriters,
              Doc("预览证书模板（未保存的标题、正文与图片按本班信息和示例学员生成一页 PDF；不保存、"
                  "不颁发）；错误与修改模板相同",
                  {{"requestBody", TemplateBody()},
                   {"responses",
                    {{"200",
                      {{"description", "the one-page preview"},
                       {"content",
                        {{"application/pdf",
                          {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(TemplateInput t, ReadTemplate(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(std::string pdf,
                                        service->PreviewTemplate(*c.principal, id, t));
                return api::Download(std::move(pdf), "application/pdf", "证书预览.pdf");
              });

  router.Get(
      "/api/v1/classes/{id}/certificates", kManagers,
      Doc("本班证书（含已补发、已撤销）",
          {{"responses",
            {{"200", api::JsonResponseDoc("the certificates",
                                          {{"type", "array"}, {"items", CertificateSchema()}})}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(auto list, service->ListForClass(*c.principal, id));
        json out = json::array();
        for (const auto& cert : list) out.push_back(CertificateJson(cert));
        return api::Json(out);
      });

  router.Get(
      "/api/v1/me/certificates", Access::Roles({Role::kTrainee}),
      Doc("我的证书：本人的全部证书（有效、已被替代、已撤销），最新的在前；仅学员本人",
          {{"responses",
            {{"200", api::JsonResponseDoc("the certificates",
                                          {{"type", "array"}, {"items", CertificateSchema()}})}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(auto list, service->Mine(*c.principal));
        json out = json::array();
        for (const auto& cert : list) out.push_back(CertificateJson(cert));
        return api::Json(out);
      });

  router.Post("/api/v1/classes/{id}/certificates", kManagers,
              Doc("为一名已结业学员颁发证书（已有有效证书时返回该证书，不重复颁发）",
                  {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                                       {{"person_id", {{"type", "integer"}}}}, {"person_id"}))},
                   {"responses", {{"200", one}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                auto person_id = in.OptInt("person_id", api::kRequired);
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_ASSIGN_OR_RETURN(Certificate cert,
                                        service->Issue(*c.principal, id, *person_id));
                return api::Json(CertificateJson(cert));
              });

  router.Post(
      "/api/v1/classes/{id}/certificates/batch", kManagers,
      Doc("后台为全班已结业学员批量颁发证书；返回任务，进度见 /api/v1/certificate-jobs/{id}",
          {{"responses", {{"202", api::JsonResponseDoc("the job", JobSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(BatchJob job, service->StartIssueClass(*c.principal, id));
        return api::Json(JobJson(job), 202);
      });

  router.Get("/api/v1/certificate-jobs/{id}", kManagers,
             Doc("批量颁发任务的进度",
                 {{"responses", {{"200", api::JsonResponseDoc("the job", JobSchema())}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(BatchJob job, service->Job(*c.principal, id));
               return api::Json(JobJson(job));
             });

  router.Get("/api/v1/classes/{id}/certificates.pdf", kManagers,
             FileDoc("本班全部有效证书（合并为一个 PDF）", "application/pdf"),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string pdf, service->ClassPdf(*c.principal, id));
               return api::Download(std::move(pdf), "application/pdf", "结业证书.pdf");
             });

  router.Get("/api/v1/classes/{id}/certificates.zip", kManagers,
             FileDoc("本班全部有效证书（每人一个 PDF，文件名“序号_姓名.pdf”）", "application/zip"),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(std::string zip, service->ClassZip(*c.principal, id));
               return api::Download(std::move(zip), "application/zip", "结业证书.zip");
             });

  router.Post("/api/v1/certificates/{serial}/reissue", kManagers,
              Doc("补发证书：新编号，原证书标记为已被替代（须填写理由，记入审计）",
                  {{"requestBody", ReasonBody()}, {"responses", {{"200", one}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(std::string reason, ReadReason(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(
                    Certificate cert,
                    service->Reissue(*c.principal, c.request.PathParam("serial"), reason));
                return api::Json(CertificateJson(cert));
              });

  router.Post("/api/v1/certificates/{serial}/revoke", kManagers,
              Doc("撤销证书（须填写理由，记入审计）",
                  {{"requestBody", ReasonBody()}, {"responses", {{"200", one}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(std::string reason, ReadReason(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(
                    Certificate cert,
                    service->Revoke(*c.principal, c.request.PathParam("serial"), reason));
                return api::Json(CertificateJson(cert));
              });

  router.Get("/api/v1/certificates/{serial}/pdf", kHolders,
             FileDoc("证书 PDF（颁发时生成的原件）", "application/pdf"),
             [service](Call& c) -> Result<api::Response> {
               const std::string serial = c.request.PathParam("serial");
               PEIXUN_ASSIGN_OR_RETURN(std::string pdf, service->Pdf(*c.principal, serial));
               return api::Download(std::move(pdf), "application/pdf",
                                    "结业证书-" + serial + ".pdf");
             });

  router.Get(
      "/api/v1/certificates/{serial}/badge", kHolders,
      Doc("证书的 Open Badges 3.0 凭证（JSON-LD；creditsEarned 为学时）",
          {{"responses",
            {{"200",
              {{"description", "an OpenBadgeCredential"},
               {"content",
                {{"application/ld+json",
                  {{"schema",
                    api::ObjectSchema(
                        {{"@context", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                         {"id", {{"type", "string"}}},
                         {"type", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                         {"name", {{"type", "string"}}},
                         {"issuer", api::ObjectSchema({{"id", {{"type", "string"}}},
                                                       {"name", {{"type", "string"}}}})},
                         {"validFrom", {{"type", "string"}}},
                         {"credentialSubject",
                          api::ObjectSchema(
                              {{"creditsEarned", {{"type", "number"}}},
                               {"achievement",
                                api::ObjectSchema({{"id", {{"type", "string"}}},
                                                   {"name", {{"type", "string"}}}})}})}},
                        {"@context", "id", "type", "issuer", "credentialSubject"})}}}}}}}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(json badge,
                                service->OpenBadge(*c.principal, c.request.PathParam("serial")));
        // A download named after the serial (a trainee keeps it as a file).
        return api::Download(badge.dump(2), "application/ld+json",
                             "结业证书-" + c.request.PathParam("serial") + ".json");
      });

  router.Get(
      "/api/v1/verify/{serial}", Access::Public(),
      Doc("公开验证证书（无需登录）：印制的各项内容（姓名部分隐藏）与状态；按来源地址限流；"
          "编号格式错误与不存在的编号返回相同的 404",
          {{"responses",
            {{"200", api::JsonResponseDoc("the certificate as printed", VerificationSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(Verification v, service->Verify(c.request.PathParam("serial"),
                                                                c.request.remote_address));
        return api::Json(VerificationJson(v));
      });

  router.Post(
      "/api/v1/verify/{serial}/pdf", Access::Public(),
      Doc("上传证书 PDF，核对其 SHA-256 是否与颁发时一致（无需登录；请求体为 PDF 原始内容）",
          {{"requestBody",
            {{"required", true},
             {"content",
              {{"application/pdf", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
           {"responses",
            {{"200", api::JsonResponseDoc("whether the file is the one issued",
                                          api::ObjectSchema({{"serial", {{"type", "string"}}},
                                                             {"matches", {{"type", "boolean"}}}},
                                                            {"serial", "matches"}))}}}}),
      [service](Call& c) -> Result<api::Response> {
        const std::string serial = c.request.PathParam("serial");
        PEIXUN_ASSIGN_OR_RETURN(
            bool matches, service->VerifyPdf(serial, c.request.body, c.request.remote_address));
        return api::Json({{"serial", serial}, {"matches", matches}});
      });
}

}  // namespace peixun::certificates
