// CSV files as Excel on Chinese Windows reads and writes them (RFC 4180).
//
// Reading: fields are separated by ',' and records by CRLF or LF (a lone CR too).
// A field in double quotes may hold ',', CR, LF and doubled quotes ("" = one "). A quote
// inside an unquoted field is kept as a literal character; text after a closing quote and
// before the next ',' is appended, as Excel does. Cells are never trimmed.
// Encoding is detected, in this order: UTF-8 BOM → UTF-8; UTF-16 BOM → UTF-16; valid
// UTF-8 → UTF-8; anything else → GB18030 (what "CSV" in Excel on Chinese Windows writes;
// GB18030 is a superset of GBK and GB2312). The Table is always UTF-8.
// Row numbers (Table::source_rows) count records, as Excel shows them: a newline inside
// quotes does not start a new row. See table.h for header detection, empty rows and the
// limits (cell length, rows, cells, text) the reader holds to while it parses.
//
// Formula guard (CSV injection, OWASP): a spreadsheet runs a cell that starts with
// = + - @, a tab or a carriage return as a formula (=HYPERLINK(…) sends the reader to a
// site of the author's choosing). FormatCsv writes a cell matching ^'*[=+\-@\t\r] with
// one more leading apostrophe, which Excel and WPS show as text; ParseCsv takes exactly
// one apostrophe off a cell matching ^'+[=+\-@\t\r]. So the two stay exact inverses
// ("=x" → "'=x" → "=x", and "'=x" → "''=x" → "'=x"), and a file people type
// themselves loses an apostrophe only before one of those characters, where Excel hides
// it anyway. Other cells are never touched.
//
// Writing: UTF-8 with BOM by default, so Excel opens it with the right characters; or
// GB18030 for old tools. Records end with CRLF; a cell is quoted when it holds ',', '"',
// CR or LF. Apart from the formula guard, cells are written verbatim: WriteCsv then
// ReadCsv gives the identical Table (leading zeros, long digit strings and rare
// characters included). Excel, opening a CSV, shows "0123" as 123 and 18-digit ID
// numbers in E notation: exports meant for people to open in Excel should be XLSX
// (xlsx_writer.h, which writes text as text).
//
// All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "io/table.h"

namespace peixun::io {

enum class CsvEncoding {
  kUtf8Bom,  // UTF-8 with a byte-order mark: Excel detects it
  kGb18030,  // the Chinese national standard charset; covers all of Unicode
};

// The encoding named `name` (a request's ?encoding=, the CLI's --encoding): "utf-8" or
// "utf8" → kUtf8Bom, "gb18030" → kGb18030, in any case. Anything else (empty too) gives
// request.param (a 400 over HTTP) naming `field`.
Result<CsvEncoding> CsvEncodingNamed(std::string_view name, const std::string& field = "encoding");

// Files larger than this are refused with io.file.too_large (a roster is a few MB).
inline constexpr size_t kMaxCsvBytes = 200u << 20;

// Reads the CSV file at `path`.
// Errors: io.file.not_found, io.file.read_failed, io.file.too_large, io.csv.unclosed_quote
// (a quoted field runs to the end of the file; field says which row it started on),
// io.encoding.invalid, io.table.cell_too_long (field: the cell, "B7"),
// io.table.too_many_rows, io.table.header_row.
Result<Table> ReadCsv(const std::string& path, const ReadOptions& options = {});

// Parses CSV bytes (e.g. an upload), with the same rules and errors as ReadCsv. UTF-8
// input is parsed in place, not copied.
Result<Table> ParseCsv(std::string_view bytes, const ReadOptions& options = {});

// Serializes header and rows (rows are written as they are, not padded; source_rows is
// ignored), with the formula guard. Errors: io.encoding.invalid (a cell is not valid
// UTF-8).
Result<std::string> FormatCsv(const Table& table, CsvEncoding encoding = CsvEncoding::kUtf8Bom);

// Writes FormatCsv(table, encoding) to `path`, replacing it atomically (a temporary file
// in the same directory, then rename), so a reader never sees half a file.
// Errors: io.encoding.invalid, io.file.write_failed.
Status WriteCsv(const std::string& path, const Table& table,
                CsvEncoding encoding = CsvEncoding::kUtf8Bom);

}  // namespace peixun::io
