#include "modules/people/people_routes.h"

#include "api/import_report_json.h"
#include "api/json_input.h"
#include "api/openapi.h"
#include "api/paging.h"
#include "api/route_helpers.h"
#include "core/actor.h"
#include "io/heap_trim.h"
#include "io/table_transfer.h"
#include "modules/people/internal/people_json.h"
#include "modules/people/people_service.h"
#include "modules/people/roster_export.h"
#include "modules/people/roster_import.h"

namespace peixun::people {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kReaders =
    Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison});
const Access kWriters = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kLiaison});
const Access kRevealers = Access::Roles({Role::kAdmin, Role::kOrganizer});
const std::vector<std::string> kSorts = {"stroke", "pinyin"};

json PersonInputSchema() {
  auto str = json{{"type", "string"}};
  return api::ObjectSchema({{"name", str},
                            {"gender", str},
                            {"ethnicity", str},
                            {"birth_date", str},
                            {"phone", str},
                            {"id_number", str},
                            {"unit_id", {{"type", "integer"}}},
                            {"position", str},
                            {"rank", str},
                            {"party_join_date", str},
                            {"tags", {{"type", "array"}, {"items", str}}}},
                           {"name", "unit_id"});
}

Result<PersonInput> ReadPersonInput(const std::string& body) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(body));
  PersonInput p;
  p.name = in.Str("name", api::kRequired, 50);
  p.gender = in.Str("gender", api::kOptional, 10);
  p.ethnicity = in.Str("ethnicity", api::kOptional, 20);
  p.birth_date = in.Str("birth_date", api::kOptional, 20);
  p.phone = in.Str("phone", api::kOptional, 20);
  p.id_number = in.Str("id_number", api::kOptional, 30);
  p.unit_id = in.OptInt("unit_id", api::kRequired);
  p.position = in.Str("position", api::kOptional, 100);
  p.rank = in.Str("rank", api::kOptional, 20);
  p.party_join_date = in.Str("party_join_date", api::kOptional, 20);
  p.tags = in.StrList("tags", 20, 30);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return p;
}

}  // namespace

void RegisterPeopleRoutes(api::Router& router, store::Store& store, const crypto::DataKey& key) {
  auto service = std::make_shared<PeopleService>(store, key);
  const json person_response = api::JsonResponseDoc("the person", PersonSchema());

  json list_params = api::PagingParameters(kSorts);
  list_params.push_back({{"name", "unit_id"}, {"in", "query"}, {"schema", {{"type", "integer"}}}});
  router.Get(
      "/api/v1/people", kReaders,
      api::OperationDoc(
          "people", "人员列表（按姓氏笔画或拼音排序；q 可为姓名、拼音首字母、手机号）",
          {{"parameters", list_params},
           {"responses",
            {{"200",
              api::JsonResponseDoc(
                  "a page of people",
                  api::ObjectSchema({{"items", {{"type", "array"}, {"items", PersonSchema()}}},
                                     {"total", {{"type", "integer"}}},
                                     {"page", {{"type", "integer"}}},
                                     {"page_size", {{"type", "integer"}}}}))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::Paging paging, api::ParsePaging(c.request, kSorts));
        PeopleQuery q;
        q.search = paging.q;
        q.order = paging.sort == "pinyin" ? NameOrder::kPinyin : NameOrder::kStroke;
        q.offset = paging.offset();
        q.limit = paging.page_size;
        if (auto unit = c.request.Query("unit_id")) {
          PEIXUN_ASSIGN_OR_RETURN(q.unit_id, api::ParseId(*unit, "unit_id"));
        }
        PEIXUN_ASSIGN_OR_RETURN(PeoplePage page, service->List(*c.principal, q));
        json items = json::array();
        for (const auto& p : page.items) items.push_back(PersonToJson(p));
        return api::Json(api::PageJson(items, page.total, paging));
      });

  router.Get(
      "/api/v1/people/export", kReaders,
      api::OperationDoc(
          "people", "导出花名册（xlsx/csv，按姓氏笔画或拼音排序，可再导入）",
          {{"parameters",
            {{{"name", "format"},
              {"in", "query"},
              {"schema", {{"type", "string"}, {"enum", {"xlsx", "csv"}}}}},
             {{"name", "sort"},
              {"in", "query"},
              {"schema", {{"type", "string"}, {"enum", kSorts}}}},
             {{"name", "encoding"},
              {"in", "query"},
              {"description", "CSV 的编码（默认 utf-8，带 BOM）；gb18030 供旧版 Excel/WPS"},
              {"schema", {{"type", "string"}, {"enum", {"utf-8", "gb18030"}}}}}}},
           {"responses",
            {{"200",
              api::FileResponseDoc("the table (xlsx or csv)", "application/octet-stream")}}}}),
      [&store, &key](Call& c) -> Result<api::Response> {
        const std::string format = c.request.Query("format").value_or("xlsx");
        io::DownloadOptions download;
        PEIXUN_ASSIGN_OR_RETURN(
            download.encoding, io::CsvEncodingNamed(c.request.Query("encoding").value_or("utf-8")));
        const NameOrder order = c.request.Query("sort").value_or("stroke") == "pinyin"
                                    ? NameOrder::kPinyin
                                    : NameOrder::kStroke;
        PEIXUN_ASSIGN_OR_RETURN(io::Table table, ExportRoster(store, key, *c.principal, order));
        PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                                io::TableToBytes(table, format, "花名册", download));
        return api::Download(std::move(bytes), io::ContentTypeOf(format, download.encoding),
                             "花名册." + format);
      });

  router.Post("/api/v1/people/import", kWriters,
              api::OperationDoc(
                  "people", "导入花名册（xlsx/csv 原始文件内容）；逐行报告错误",
                  {{"parameters", api::UploadParameters()},
                   {"requestBody", api::UploadBodyDoc()},
                   {"responses",
                    {{"200", api::JsonResponseDoc("import report", api::ImportReportSchema())}}}}),
              [&store, &key](Call& c) -> Result<api::Response> {
                io::TrimHeapAtExit trim;  // after the table and the report are freed
                PEIXUN_ASSIGN_OR_RETURN(
                    io::Table table, io::ParseUploadedTable(
                                         c.request.body, c.request.Query("filename").value_or("")));
                ImportOptions options{c.request.Query("dry_run").value_or("0") == "1",
                                      c.request.Query("skip_bad_rows").value_or("0") == "1"};
                PEIXUN_ASSIGN_OR_RETURN(ImportReport report,
                                        ImportRoster(store, key, table, options, *c.principal));
                return api::Json(api::ImportReportToJson(report, c.lang));
              });

  router.Get("/api/v1/people/{id}",
             Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison,
                            Role::kTrainee}),
             api::OperationDoc("people", "人员详情（学员只能看自己）",
                               {{"responses", {{"200", person_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(Person p, service->Get(*c.principal, id));
               return api::Json(PersonToJson(p));
             });

  router.Get(
      "/api/v1/people/{id}/id-number", kRevealers,
      api::OperationDoc(
          "people", "查看完整身份证号（记入审计日志）",
          {{"responses",
            {{"200",
              api::JsonResponseDoc("the ID number",
                                   api::ObjectSchema({{"id_number", {{"type", "string"}}}}))}}}}),
      [service](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_ASSIGN_OR_RETURN(std::string clear, service->RevealIdNumber(id, *c.principal));
        return api::Json({{"id_number", clear}});
      });

  router.Post("/api/v1/people", kWriters,
              api::OperationDoc("people", "新增人员",
                                {{"requestBody", api::JsonBodyDoc(PersonInputSchema())},
                                 {"responses", {{"201", person_response}}}}),
              [service](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(PersonInput in, ReadPersonInput(c.request.body));
                PEIXUN_ASSIGN_OR_RETURN(Person p, service->Create(in, *c.principal));
                return api::Json(PersonToJson(p), 201);
              });

  router.Put("/api/v1/people/{id}", kWriters,
             api::OperationDoc("people", "修改人员（id_number 留空则保留原值）",
                               {{"requestBody", api::JsonBodyDoc(PersonInputSchema())},
                                {"responses", {{"200", person_response}}}}),
             [service](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(
                   Person p,
                   service->Update(
                       id, [&] { return ReadPersonInput(c.request.body); }, *c.principal));
               return api::Json(PersonToJson(p));
             });

  router.Delete("/api/v1/people/{id}", kWriters,
                api::OperationDoc("people", "删除人员",
                                  {{"responses", {{"204", {{"description", "deleted"}}}}}}),
                [service](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_RETURN_IF_ERROR(service->Delete(id, *c.principal));
                  return api::NoContent();
                });
}

}  // namespace peixun::people
