#include "modules/privacy/privacy_routes.h"

#include <charconv>
#include <string>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"

namespace peixun::privacy {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

constexpr char kXlsx[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const Access kExporters = Access::Roles({Role::kAdmin, Role::kOrganizer});
const Access kAdmins = Access::Roles({Role::kAdmin});

json Doc(const std::string& summary, json extra = json::object()) {
  return api::OperationDoc("privacy", summary, std::move(extra));
}

json ExportSchema() {
  // A cell: text, a number, or null (SQL NULL).
  // (nullable inside each branch: OpenAPI 3.0 wants a type beside `nullable`.)
  const json cell = {{"anyOf", json::array({{{"type", "string"}, {"nullable", true}},
                                            {{"type", "number"}, {"nullable", true}}})}};
  const json row = {{"type", "object"},
                    {"description", "one row: column name → value"},
                    {"additionalProperties", cell}};
  const json part = api::Output(
      "PersonalDataPart",
      api::ObjectSchema({{"module", {{"type", "string"}, {"description", "e.g. attendance"}}},
                         {"table", {{"type", "string"}, {"description", "e.g. leave_requests"}}},
                         {"rows", api::ArrayOf(row)}}));
  return api::Output(
      "PersonalDataExport",
      api::ObjectSchema({{"person_id", {{"type", "integer"}}},
                         {"exported_at", {{"type", "integer"}, {"description", "UTC ms"}}},
                         {"id_number_in_clear", {{"type", "boolean"}}},
                         {"parts", api::ArrayOf(part)}}));
}

json ErasureSchema() {
  return api::Output(
      "PersonErasure",
      api::ObjectSchema({{"person_id", {{"type", "integer"}}},
                         {"name", {{"type", "string"}, {"description", "已删除#<id>"}}},
                         {"audit_entries_redacted", {{"type", "integer"}}},
                         {"erase_entry_id", {{"type", "integer"}}}}));
}

json RetentionSchema() {
  return api::Output(
      "PrivacyRetention",
      api::ObjectSchema(
          {{"years",
            {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}, {"description", "0: off"}}}}));
}

// At most this many people are named in a preview; `count` tells them all.
constexpr size_t kPreviewNames = 200;

json RetentionPreviewSchema() {
  const json person = api::Output(
      "RetentionCandidate",
      api::ObjectSchema({{"person_id", {{"type", "integer"}}},
                         {"name", {{"type", "string"}}},
                         {"last_class_end",
                          {{"type", "string"}, {"format", "date"}, {"description", "YYYY-MM-DD"}}}},
                        {"person_id", "name", "last_class_end"}));
  return api::Output(
      "PrivacyRetentionPreview",
      api::ObjectSchema(
          {{"years", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
           {"cutoff",
            {{"type", "string"},
             {"format", "date"},
             {"description", "people whose latest class ended before this day"}}},
           {"count", {{"type", "integer"}, {"description", "how many people would be erased"}}},
           {"people",
            {{"type", "array"},
             {"items", person},
             {"description", "the first 200 of them, by person id"}}}},
          {"years", "cutoff", "count", "people"}));
}

Result<api::Response> ExportResponse(const PersonExport& e, bool xlsx) {
  if (!xlsx) return api::Json(ExportJson(e));
  PEIXUN_ASSIGN_OR_RETURN(std::string bytes, ExportXlsx(e));
  return api::Download(std::move(bytes), kXlsx,
                       "个人信息-" + std::to_string(e.person_id) + ".xlsx");
}

}  // namespace

void RegisterPrivacyRoutes(api::Router& router, std::shared_ptr<PrivacyService> service) {
  const json export_response =
      api::JsonResponseDoc("everything held about the person", ExportSchema());
  const json xlsx_response = api::FileResponseDoc("one sheet per module table", kXlsx);

  router.Get("/api/v1/people/{id}/personal-data", kExporters,
             Doc("个人信息导出（个人信息保护法）：各模块所存的该人员全部数据，记入审计",
                 {{"responses", {{"200", export_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PersonExport e, service->Export(*c.principal, id));
               return ExportResponse(e, false);
             });
  router.Get("/api/v1/people/{id}/personal-data.xlsx", kExporters,
             Doc("个人信息导出（Excel，每个数据表一个工作表），记入审计",
                 {{"responses", {{"200", xlsx_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(PersonExport e, service->Export(*c.principal, id));
               return ExportResponse(e, true);
             });
  router.Get("/api/v1/me/personal-data", Access::AnyUser(),
             Doc("我的个人信息导出（身份证号仅显示脱敏形式），记入审计",
                 {{"responses", {{"200", export_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(PersonExport e, service->ExportOwn(*c.principal));
               return ExportResponse(e, false);
             });
  router.Get("/api/v1/me/personal-data.xlsx", Access::AnyUser(),
             Doc("我的个人信息导出（Excel），记入审计", {{"responses", {{"200", xlsx_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(PersonExport e, service->ExportOwn(*c.principal));
               return ExportResponse(e, true);
             });

  router.Post(
      "/api/v1/people/{id}/erase", kAdmins,
      Doc("删除个人信息（不可恢复）：姓名改为“已删除#编号”，清除身份证号、手机号、民族、"
          "入党日期、心得体会与上传文件、登录会话等；保留班级统计（人数、学时、匿名评估），"
          "审计链仍可验证。正在参训者不可删除（409）。记入审计",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"reason", {{"type", "string"}, {"maxLength", 500}}}}, {"reason"}))},
           {"responses", {{"200", api::JsonResponseDoc("what was erased", ErasureSchema())}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string reason = in.Str("reason", api::kRequired, 500);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(ErasureResult r, service->Erase(*c.principal, id, reason));
        return api::Json({{"person_id", r.person_id},
                          {"name", r.name},
                          {"audit_entries_redacted", r.audit_entries_redacted},
                          {"erase_entry_id", r.erase_entry_id}});
      });

  const json retention_response = api::JsonResponseDoc("the retention period", RetentionSchema());
  router.Get("/api/v1/settings/privacy-retention", kAdmins,
             Doc("个人信息保存年限（离开所有培训班满 N 年者由 `peixun privacy retention` 删除；"
                 "0 表示不自动删除）",
                 {{"responses", {{"200", retention_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int years, service->RetentionYears(*c.principal));
               return api::Json({{"years", years}});
             });
  json preview_doc =
      Doc("预览保存期满将删除的人员（与 `peixun privacy retention --dry-run` 相同，不作修改）",
          {{"parameters",
            json::array({{{"name", "years"},
                          {"in", "query"},
                          {"required", true},
                          {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}}}})},
           {"responses",
            {{"200", api::JsonResponseDoc("who would be erased", RetentionPreviewSchema())}}}});
  router.Get("/api/v1/settings/privacy-retention/preview", kAdmins, preview_doc,
             [service](Call& c) -> Result<api::Response> {
               const std::optional<std::string> raw = c.request.Query("years");
               int years = 0;
               if (!raw || raw->empty() ||
                   std::from_chars(raw->data(), raw->data() + raw->size(), years).ptr !=
                       raw->data() + raw->size()) {
                 return Invalid("request.param", "参数 years 无效", "years must be a whole number",
                                "years");
               }
               PEIXUN_ASSIGN_OR_RETURN(
                   RetentionPreview p,
                   service->PreviewRetention(*c.principal, years, core::TodayInChina()));
               json people = json::array();
               for (size_t i = 0; i < p.people.size() && i < kPreviewNames; ++i) {
                 const RetentionCandidate& r = p.people[i];
                 people.push_back({{"person_id", r.person_id},
                                   {"name", r.name},
                                   {"last_class_end", core::FormatCivilDate(r.last_class_end)}});
               }
               return api::Json({{"years", p.years},
                                 {"cutoff", core::FormatCivilDate(p.cutoff)},
                                 {"count", p.people.size()},
                                 {"people", people}});
             });
  router.Put(
      "/api/v1/settings/privacy-retention", kAdmins,
      Doc("设置个人信息保存年限，记入审计",
          {{"requestBody",
            api::JsonBodyDoc(api::ObjectSchema(
                {{"years", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}}}, {"years"}))},
           {"responses", {{"200", retention_response}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::optional<int64_t> years = in.OptInt("years");
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        const int64_t y = years.value_or(-1);
        PEIXUN_RETURN_IF_ERROR(service->SetRetentionYears(
            static_cast<int>(std::clamp<int64_t>(y, -1, 1000)), *c.principal));
        return api::Json({{"years", y}});
      });
}

}  // namespace peixun::privacy
