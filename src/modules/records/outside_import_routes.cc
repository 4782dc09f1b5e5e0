#include "modules/records/outside_import_routes.h"

#include <string>

#include "api/import_report_json.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "core/clock.h"
#include "io/heap_trim.h"
#include "io/table_transfer.h"
#include "modules/records/outside_import.h"

namespace peixun::records {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

const Access kImporters = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kLiaison});

json DownloadParams() {
  return {{{"name", "format"},
           {"in", "query"},
           {"schema", {{"type", "string"}, {"enum", {"xlsx", "csv"}}}}},
          {{"name", "encoding"},
           {"in", "query"},
           {"description", "CSV 的编码（默认 utf-8，带 BOM）；gb18030 供旧版 Excel/WPS"},
           {"schema", {{"type", "string"}, {"enum", {"utf-8", "gb18030"}}}}}};
}

}  // namespace

void RegisterOutsideImportRoutes(api::Router& router, store::Store& store,
                                 const crypto::DataKey& key, std::function<int64_t()> now_ms) {
  if (!now_ms) now_ms = [] { return NowMillis(); };

  router.Get(
      "/api/v1/records/outside-hours/import-template", kImporters,
      api::OperationDoc(
          "records", "校外学时批量导入模板（xlsx/csv，两行示例）",
          {{"parameters", DownloadParams()},
           {"responses",
            {{"200", api::FileResponseDoc("the template", "application/octet-stream")}}}}),
      [](Call& c) -> Result<api::Response> {
        const std::string format = c.request.Query("format").value_or("xlsx");
        io::DownloadOptions download;
        PEIXUN_ASSIGN_OR_RETURN(
            download.encoding, io::CsvEncodingNamed(c.request.Query("encoding").value_or("utf-8")));
        download.number_headers = {"人员编号", "学时", "天数"};
        PEIXUN_ASSIGN_OR_RETURN(std::string bytes, io::TableToBytes(OutsideImportTemplate(), format,
                                                                    "校外学时", download));
        return api::Download(std::move(bytes), io::ContentTypeOf(format, download.encoding),
                             "校外学时导入模板." + format);
      });

  json params = api::UploadParameters();
  params.push_back({{"name", "approve"},
                    {"in", "query"},
                    {"description", "1: 导入即审核通过（仅管理员、组织部）"},
                    {"schema", {{"type", "integer"}, {"enum", {0, 1}}}}});
  router.Post("/api/v1/records/outside-hours/import", kImporters,
              api::OperationDoc(
                  "records",
                  "批量导入校外学时（xlsx/csv 原始文件内容，UTF-8 或 GB18030）；每行须有证明编号；"
                  "逐行报告错误，默认全部或全不；导入后待审核，approve=1 则直接审核通过",
                  {{"parameters", params},
                   {"requestBody", api::UploadBodyDoc()},
                   {"responses",
                    {{"200", api::JsonResponseDoc("import report", api::ImportReportSchema())}}}}),
              [&store, &key, now_ms](Call& c) -> Result<api::Response> {
                io::TrimHeapAtExit trim;
                PEIXUN_ASSIGN_OR_RETURN(
                    io::Table table, io::ParseUploadedTable(
                                         c.request.body, c.request.Query("filename").value_or("")));
                OutsideImportOptions options;
                options.rows.dry_run = c.request.Query("dry_run").value_or("0") == "1";
                options.rows.skip_bad_rows = c.request.Query("skip_bad_rows").value_or("0") == "1";
                options.approve = c.request.Query("approve").value_or("0") == "1";
                PEIXUN_ASSIGN_OR_RETURN(
                    ImportReport report,
                    ImportOutsideHours(store, key, *c.principal, table, options, now_ms()));
                return api::Json(api::ImportReportToJson(report, c.lang));
              });
}

}  // namespace peixun::records
