// Table: the in-memory shape of a roster file, shared by the CSV and XLSX readers and
// writers (src/io/csv.h, src/io/xlsx_reader.h, src/io/xlsx_writer.h).
//
// Contract of a Table returned by a reader:
//   - every cell is UTF-8 text, exactly as a person sees it (numbers without exponent,
//     dates as YYYY-MM-DD; see xlsx_reader.h);
//   - `header` is the header row; `rows` are the data rows below it;
//   - `source_rows[i]` is the 1-based row number of rows[i] as Excel shows it (in a
//     plain file the header is row 1), so an importer can say "第 5 行";
//   - fully-empty rows are dropped, wherever they are (source_rows keeps the numbering
//     true), so importers never see blank lines;
//   - header and every row have the same width: the widest of the header and the rows,
//     after trailing empty cells are trimmed. A data cell right of the last named column
//     widens the header with an empty name rather than being lost.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace peixun::io {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> source_rows;  // same size as rows; 1-based row numbers in the file

  friend bool operator==(const Table&, const Table&) = default;
};

// How a reader finds the header row.
struct ReadOptions {
  // 1-based row number of the header row; 0 = detect it (see AssembleTable).
  int header_row = 0;
};

// Upper bound on header width × data rows of one table. A roster of 100,000 people with
// 100 columns fits; a crafted file that would expand into gigabytes of empty cells does not.
inline constexpr int64_t kMaxTableCells = 10'000'000;

// One row as a reader found it, before the header is chosen.
struct RawRow {
  int number = 0;                  // 1-based row number in the file
  std::vector<std::string> cells;  // may be ragged and have trailing empty cells
};

// Builds a Table from the rows of a file, in file order (used by the readers).
//
// Header detection (options.header_row == 0) looks at the first kHeaderSearchRows non-empty
// rows. The header is the first row with at least 2 non-empty cells and at least
// B - B/4 of them (all of 2 or 3, 3 of 4, 6 of 8), where B is the largest number of non-empty cells
// any row below it (in that window) has within the columns this row spans. So a merged title row
// ("××培训班 花名册") and a sparser note row ("填报单位：…  日期：…") above the column names are
// skipped, while data cells right of the last named column do not disqualify the header.
// When no row qualifies, the first row with 2 non-empty cells is the header, else the
// first row (a one-column table: its title cannot be told from its header). Rows above
// the header are ignored. Pass header_row for files where this guess fails.
//
// Errors: io.table.header_row (header_row names a row that is missing or empty),
// io.file.too_large (more than kMaxTableCells cells). A file without any non-empty row
// gives an empty Table.
Result<Table> AssembleTable(std::vector<RawRow> raw, const ReadOptions& options);

}  // namespace peixun::io
