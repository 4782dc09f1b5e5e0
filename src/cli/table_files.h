// Reading and writing a table file by its extension: .xlsx or .csv.
#pragma once

#include <string>

#include "core/result.h"
#include "io/csv.h"
#include "io/table.h"

namespace peixun::cli {

Result<io::Table> ReadTableFile(const std::string& path, const io::ReadOptions& options = {});
// `format` "xlsx" or "csv"; `sheet_name` names the xlsx sheet; `encoding` is for csv.
Status WriteTableFile(const std::string& path, const io::Table& table, const std::string& format,
                      const std::string& sheet_name,
                      io::CsvEncoding encoding = io::CsvEncoding::kUtf8Bom);
// "xlsx" or "csv" from the path's extension; "" when neither.
std::string FormatOfPath(const std::string& path);

}  // namespace peixun::cli
