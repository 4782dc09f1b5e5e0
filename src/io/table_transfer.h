// Tables as bytes, for HTTP uploads and downloads: the format is picked by the
// file name's extension (.xlsx or .csv) for uploads and by name for downloads.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "io/table.h"

namespace peixun::io {

// Parses an uploaded file. `filename` only chooses the format; it must be a
// plain name (no path separators, no NUL), at most 200 bytes: else 400
// request.filename.
Result<Table> ParseUploadedTable(std::string_view bytes, const std::string& filename);

// "xlsx" (every cell as text, header styled) or "csv" (UTF-8 with BOM).
Result<std::string> TableToBytes(const Table& table, const std::string& format,
                                 const std::string& sheet_name);

// The MIME type for "xlsx" or "csv".
std::string ContentTypeOf(const std::string& format);

}  // namespace peixun::io
