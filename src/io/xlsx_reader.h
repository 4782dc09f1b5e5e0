// Reads the first worksheet of an Excel .xlsx file into a Table (src/io/table.h).
//
// Which sheet: the first visible worksheet in tab order, found through the package
// relationships (_rels/.rels → workbook → xl/_rels/workbook.xml.rels), not by a fixed
// part name, so files from Excel, WPS, LibreOffice and libraries all work.
//
// What a cell becomes (always UTF-8 text, as a person sees it in Excel):
//   - shared strings (rich-text runs joined, phonetic guides dropped), inline strings and
//     formula strings (t="str"): the text, with OOXML _xHHHH_ escapes decoded;
//   - booleans: "TRUE" / "FALSE"; error cells: their code ("#N/A");
//   - numbers: no exponent, no trailing ".0", 15 significant digits (13800138000 stays
//     13800138000), see excel_number.h;
//   - numbers whose style is a date format: "YYYY-MM-DD" (plus " HH:MM" when a date-time
//     format carries a time; "HH:MM" for time formats), honouring the 1904 date system;
//   - formulas: their cached value (a formula never evaluated by Excel reads as empty).
// Cells are placed by their reference ("C7"), so skipped cells read as empty and
// source_rows are the row numbers Excel shows. A title row above the header is skipped by
// header detection (see AssembleTable in table.h), so files written by WriteXlsx with a
// title read back with the right header.
//
// Limits, all checked while the parts stream through the parser, so memory stays
// bounded whatever the file claims: every XML part may inflate to at most
// kMaxXlsxPartBytes (zip bomb guard); no tag longer than kMaxXmlTokenBytes; a cell (and a
// shared string a cell uses) at most kMaxCellChars characters; at most
// EffectiveMaxRows(options) data rows; kMaxTableCells cells; kMaxTableTextBytes of cell
// text, and as much again of shared strings (see table.h).
// Errors: io.file.not_found; io.xlsx.invalid (not a zip, not an xlsx, corrupt, or an
// old .xls / password-protected file, which are not zips); io.file.too_large;
// io.xml.too_large; io.table.cell_too_long (field: the cell, "B7");
// io.table.too_many_rows; io.table.header_row. Thread-safe: calls share nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "io/table.h"

namespace peixun::io {

// Largest uncompressed size accepted for one part (worksheet, shared strings, styles).
inline constexpr uint64_t kMaxXlsxPartBytes = 200ull << 20;

Result<Table> ReadXlsx(const std::string& path, const ReadOptions& options = {});

// Reads an .xlsx held in memory (e.g. an upload), without copying it; same rules and
// errors as ReadXlsx.
Result<Table> ParseXlsx(std::string_view bytes, const ReadOptions& options = {});

}  // namespace peixun::io
