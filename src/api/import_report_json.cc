#include "api/import_report_json.h"
#include "api/openapi.h"

namespace peixun::api {

nlohmann::json ImportReportToJson(const ImportReport& r, const std::string& lang) {
  nlohmann::json errors = nlohmann::json::array();
  for (const RowError& e : r.errors) {
    errors.push_back({{"row", e.row},
                      {"column", e.column},
                      {"code", e.error.code},
                      {"message", e.error.MessageFor(lang)},
                      {"field", e.error.field}});
  }
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [code, n] : r.error_counts) counts[code] = n;
  return {{"total_rows", r.total_rows},
          {"imported", r.imported},
          {"rejected", r.rejected_rows.size()},
          {"committed", r.committed},
          {"dry_run", r.dry_run},
          {"errors", errors},
          {"errors_omitted", r.errors_omitted},
          {"error_counts", counts},
          {"warnings", r.warnings}};
}

nlohmann::json ImportReportSchema() {
  auto integer = nlohmann::json{{"type", "integer"}};
  auto str = nlohmann::json{{"type", "string"}};
  return Output("ImportReport",
                {{"type", "object"},
                 {"properties",
                  {{"total_rows", integer},
                   {"imported", integer},
                   {"rejected", integer},
                   {"committed", {{"type", "boolean"}}},
                   {"dry_run", {{"type", "boolean"}}},
                   {"errors",
                    {{"type", "array"},
                     {"items",
                      {{"type", "object"},
                       {"properties",
                        {{"row", integer},
                         {"column", str},
                         {"code", str},
                         {"message", str},
                         {"field", str}}}}}}},
                   {"errors_omitted", integer},
                   {"error_counts", {{"type", "object"}, {"additionalProperties", integer}}},
                   {"warnings", {{"type", "array"}, {"items", str}}}}}});
}

nlohmann::json UploadParameters() {
  auto flag = nlohmann::json{{"type", "integer"}, {"enum", {0, 1}}};
  return {
      {{"name", "filename"}, {"in", "query"}, {"required", true}, {"schema", {{"type", "string"}}}},
      {{"name", "dry_run"}, {"in", "query"}, {"schema", flag}},
      {{"name", "skip_bad_rows"}, {"in", "query"}, {"schema", flag}}};
}

nlohmann::json UploadBodyDoc() {
  return {
      {"required", true},
      {"content",
       {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
}

}  // namespace peixun::api
