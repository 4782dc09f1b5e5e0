// The JSON form of any import's report (people, orgs, …), the same for every
// import endpoint: {"total_rows","imported","rejected","committed","dry_run",
// "errors":[{"row","column","code","message","field"}],"errors_omitted","error_counts":
// {code: n},"warnings"}. `errors` lists at most the report's first errors;
// errors_omitted counts the rest and error_counts counts all of them by code.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/import_report.h"

namespace peixun::api {

nlohmann::json ImportReportToJson(const ImportReport& report, const std::string& lang);
nlohmann::json ImportReportSchema();

// OpenAPI pieces of an upload endpoint: the filename/dry_run/skip_bad_rows query
// parameters and the raw file request body.
nlohmann::json UploadParameters();
nlohmann::json UploadBodyDoc();

}  // namespace peixun::api
