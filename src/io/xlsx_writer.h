// Writes Tables to an Excel .xlsx file with libxlsxwriter, for rosters people open, print
// and sometimes edit and import again.
//
// Each Sheet becomes one worksheet, in order:
//   - an optional title row (merged across the table's width, bold, centered), then the
//     header row: bold, bordered, filled, frozen, with an autofilter over header and rows;
//   - cells are written as text with the text number format "@", so ID numbers, phone
//     numbers and codes keep every digit and leading zero, and Excel's "number stored as
//     text" warnings are switched off; except in `number_columns`, the quantities (序号,
//     学时, counts), whose cells are written as numbers when they read as a plain decimal
//     ("12", "2.5", "-1"; at most 15 significant digits), so SUM and sorting work;
//   - column widths from `column_widths` (Excel character units; missing or <= 0 entries
//     are estimated from the header and the first rows, CJK characters counting double).
// ReadXlsx on the result gives back the identical Table, title or not (a number reads
// back in its shortest form: "2.50" in a number column comes back "2.5"): header
// detection skips the title row (see AssembleTable in table.h). For a one-column table the title
// cannot be told from the header; leave the title empty for files meant for re-import.
//
// Sheet names are made valid for Excel: []:*?/\ become '_', at most 31 characters, no
// leading or trailing apostrophe, unique (a " (2)" suffix), "Sheet<n>" when empty.
// The file is written to a temporary path next to `path` and renamed over it.
//
// Errors: io.xlsx.no_sheets, io.encoding.invalid (a cell that is not UTF-8),
// io.xlsx.cell_too_long (more than 32,767 characters; field names row and column),
// io.file.too_large (more rows or columns than Excel holds), io.file.write_failed.
// Thread-safe: calls share nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/table.h"

namespace peixun::io {

struct Sheet {
  std::string name;
  Table table;                              // source_rows is ignored
  std::vector<double> column_widths;        // optional, per column from the left
  std::string title;                        // optional, e.g. "×区2020年…培训班 花名册"
  std::vector<size_t> number_columns = {};  // 0-based columns of quantities (see above)
};

// The number a quantity cell holds: an optional '-', digits, optionally '.' and digits,
// nothing else, at most 15 significant digits (what a double keeps exactly). Nullopt
// for anything else, which is then written as text. Exposed for tests.
std::optional<double> QuantityValue(std::string_view text);

Status WriteXlsx(const std::string& path, const std::vector<Sheet>& sheets);

}  // namespace peixun::io
