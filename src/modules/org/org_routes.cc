#include "modules/org/org_routes.h"

#include "api/import_report_json.h"
#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "core/actor.h"
#include "io/heap_trim.h"
#include "io/table_transfer.h"
#include "modules/org/internal/org_json.h"
#include "modules/org/org_for_user.h"
#include "modules/org/org_import.h"
#include "modules/org/org_service.h"

namespace peixun::org {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kReaders = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher,
                                       Role::kLiaison, Role::kLecturer, Role::kLogistics});
const Access kWriters = Access::Roles({Role::kAdmin, Role::kOrganizer});

json UnitInputSchema() {
  auto str = json{{"type", "string"}};
  return api::ObjectSchema({{"name", str},
                            {"parent_id", {{"type", "integer"}, {"nullable", true}}},
                            {"kind", str},
                            {"party_org_name", str},
                            {"party_org_kind", str},
                            {"secretary", str},
                            {"contact_name", str},
                            {"contact_phone", str}},
                           {"name", "kind"});
}

Result<UnitInput> ReadUnitInput(const std::string& body, bool with_parent) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  UnitInput u;
  u.name = in.Str("name", api::kRequired, 100);
  if (with_parent) u.parent_id = in.OptInt("parent_id");
  const std::string kind = in.Str("kind", api::kRequired, 20);
  u.party_org_name = in.Str("party_org_name", api::kOptional, 100);
  u.party_org_kind = in.Str("party_org_kind", api::kOptional, 20);
  u.secretary = in.Str("secretary", api::kOptional, 50);
  u.contact_name = in.Str("contact_name", api::kOptional, 50);
  u.contact_phone = in.Str("contact_phone", api::kOptional, 30);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  auto parsed = ParseUnitKind(kind);
  if (!parsed) {
    return Invalid("org.kind.unknown", "单位类型无效：" + kind, "unknown unit kind: " + kind,
                   "kind");
  }
  u.kind = *parsed;
  if (u.party_org_kind != "" && u.party_org_kind != "党委" && u.party_org_kind != "党总支" &&
      u.party_org_kind != "党支部") {
    return Invalid("org.party_org_kind", "党组织类型应为 党委、党总支 或 党支部",
                   "party organization kind must be 党委, 党总支 or 党支部", "party_org_kind");
  }
  return u;
}

}  // namespace

void RegisterOrgRoutes(api::Router& router, store::Store& store) {
  const json unit_response = api::JsonResponseDoc("the unit", UnitSchema());
  const json list_schema =
      api::ObjectSchema({{"items", {{"type", "array"}, {"items", UnitSchema()}}}});

  router.Get(
      "/api/v1/orgs", kReaders,
      api::OperationDoc("orgs", "单位树（平铺，上级在前；联络员只见本单位及下级）",
                        {{"responses", {{"200", api::JsonResponseDoc("units", list_schema)}}}}),
      [&store](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(auto units, ListUnits(store, *c.principal));
        json items = json::array();
        for (const auto& u : units) items.push_back(UnitToJson(u));
        return api::Json({{"items", items}});
      });

  router.Get(
      "/api/v1/orgs/export", kReaders,
      api::OperationDoc(
          "orgs", "导出单位（xlsx/csv，可再导入）",
          {{"parameters",
            {{{"name", "format"},
              {"in", "query"},
              {"schema", {{"type", "string"}, {"enum", {"xlsx", "csv"}}}}},
             {{"name", "encoding"},
              {"in", "query"},
              {"description", "CSV 的编码（默认 utf-8，带 BOM）；gb18030 供旧版 Excel/WPS"},
              {"schema", {{"type", "string"}, {"enum", {"utf-8", "gb18030"}}}}}}},
           {"responses",
            {{"200",
              api::FileResponseDoc("the table (xlsx or csv)", "application/octet-stream")}}}}),
      [&store](Call& c) -> Result<api::Response> {
        const std::string format = c.request.Query("format").value_or("xlsx");
        io::DownloadOptions download;
        PEIXUN_ASSIGN_OR_RETURN(
            download.encoding, io::CsvEncodingNamed(c.request.Query("encoding").value_or("utf-8")));
        PEIXUN_ASSIGN_OR_RETURN(io::Table table, ExportOrgs(store, *c.principal));
        PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                                io::TableToBytes(table, format, "单位", download));
        return api::Download(std::move(bytes), io::ContentTypeOf(format, download.encoding),
                             "单位." + format);
      });

  router.Get("/api/v1/orgs/{id}", kReaders,
             api::OperationDoc("orgs", "单位详情", {{"responses", {{"200", unit_response}}}}),
             [&store](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Unit u, GetUnit(store, *c.principal, id));
               return api::Json(UnitToJson(u));
             });

  router.Get(
      "/api/v1/orgs/{id}/subtree", kReaders,
      api::OperationDoc("orgs", "单位及其全部下级",
                        {{"responses", {{"200", api::JsonResponseDoc("units", list_schema)}}}}),
      [&store](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(auto units, UnitSubtree(store, *c.principal, id));
        json items = json::array();
        for (const auto& u : units) items.push_back(UnitToJson(u));
        return api::Json({{"items", items}});
      });

  router.Post("/api/v1/orgs", kWriters,
              api::OperationDoc("orgs", "新增单位",
                                {{"requestBody", api::JsonBodyDoc(UnitInputSchema())},
                                 {"responses", {{"201", unit_response}}}}),
              [&store](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(UnitInput in, ReadUnitInput(c.request.body, true));
                PEIXUN_ASSIGN_OR_RETURN(Unit u, CreateUnit(store, *c.principal, in));
                return api::Json(UnitToJson(u), 201);
              });

  router.Patch("/api/v1/orgs/{id}", kWriters,
               api::OperationDoc("orgs", "修改单位（上级单位请用移动）",
                                 {{"requestBody", api::JsonBodyDoc(UnitInputSchema())},
                                  {"responses", {{"200", unit_response}}}}),
               [&store](Call& c) -> Result<api::Response> {
                 PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                 PEIXUN_ASSIGN_OR_RETURN(UnitInput in, ReadUnitInput(c.request.body, false));
                 PEIXUN_ASSIGN_OR_RETURN(Unit u, UpdateUnit(store, *c.principal, id, in));
                 return api::Json(UnitToJson(u));
               });

  router.Post("/api/v1/orgs/{id}/move", kWriters,
              api::OperationDoc("orgs", "移动单位（连同下级）到新的上级单位",
                                {{"requestBody",
                                  api::JsonBodyDoc(api::ObjectSchema(
                                      {{"parent_id", {{"type", "integer"}, {"nullable", true}}}}))},
                                 {"responses", {{"200", unit_response}}}}),
              [&store](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                auto parent = in.OptInt("parent_id");
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_ASSIGN_OR_RETURN(Unit u, MoveUnit(store, *c.principal, id, parent));
                return api::Json(UnitToJson(u));
              });

  router.Delete("/api/v1/orgs/{id}", kWriters,
                api::OperationDoc("orgs", "删除单位（无下级、无人员时）",
                                  {{"responses", {{"204", {{"description", "deleted"}}}}}}),
                [&store](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_RETURN_IF_ERROR(DeleteUnit(store, *c.principal, id));
                  return api::NoContent();
                });

  router.Post("/api/v1/orgs/import", kWriters,
              api::OperationDoc(
                  "orgs", "导入单位（xlsx/csv 原始文件内容；列：单位名称、上级单位、单位类型…）",
                  {{"parameters", api::UploadParameters()},
                   {"requestBody", api::UploadBodyDoc()},
                   {"responses",
                    {{"200", api::JsonResponseDoc("import report", api::ImportReportSchema())}}}}),
              [&store](Call& c) -> Result<api::Response> {
                io::TrimHeapAtExit trim;  // after the table and the report are freed
                PEIXUN_ASSIGN_OR_RETURN(
                    io::Table table, io::ParseUploadedTable(
                                         c.request.body, c.request.Query("filename").value_or("")));
                ImportOptions options{c.request.Query("dry_run").value_or("0") == "1",
                                      c.request.Query("skip_bad_rows").value_or("0") == "1"};
                PEIXUN_ASSIGN_OR_RETURN(ImportReport report,
                                        ImportOrgs(store, table, options, *c.principal));
                return api::Json(api::ImportReportToJson(report, c.lang));
              });
}

}  // namespace peixun::org
