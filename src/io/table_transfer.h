// Tables as bytes, for HTTP uploads and downloads: the format is picked by the
// file name's extension (.xlsx or .csv) for uploads and by name for downloads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/csv.h"
#include "io/table.h"

namespace peixun::io {

// Parses an uploaded file, without copying it, within the limits of table.h (rows per
// import: MaxImportRows()). `filename` only chooses the format; it must be a plain
// name (no path separators, no NUL), at most 200 bytes: else 400 request.filename.
Result<Table> ParseUploadedTable(std::string_view bytes, const std::string& filename);

// How a table is written for download.
struct DownloadOptions {
  CsvEncoding encoding = CsvEncoding::kUtf8Bom;  // csv only
  // Headers of the columns that hold quantities (序号, 学时, counts, capacities): numbers
  // in xlsx, so a spreadsheet can add them up. All other cells stay text (ID numbers,
  // phone numbers, dates). Headers the table lacks are ignored.
  std::vector<std::string> number_headers;
};

// "xlsx" (text as text, quantities as numbers, header styled) or "csv" (UTF-8 with BOM
// or GB18030, with the formula guard of csv.h).
Result<std::string> TableToBytes(const Table& table, const std::string& format,
                                 const std::string& sheet_name,
                                 const DownloadOptions& options = {});

// The MIME type for "xlsx" or "csv" (with its charset).
std::string ContentTypeOf(const std::string& format, CsvEncoding encoding = CsvEncoding::kUtf8Bom);

}  // namespace peixun::io
