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

// How a reader finds the header row, and how much it accepts.
struct ReadOptions {
  // 1-based row number of the header row; 0 = detect it (see AssembleTable).
  int header_row = 0;
  // Most data rows (below the header) accepted; 0 = MaxImportRows(). More give
  // io.table.too_many_rows, found while parsing, so a file of a million rows is
  // refused before it is held in memory.
  int64_t max_rows = 0;
};

// Upper bound on header width × data rows of one table. A roster of 200,000 people with
// 20 columns fits; a crafted file that would expand into gigabytes of empty cells does not.
inline constexpr int64_t kMaxTableCells = 4'000'000;

// Upper bound on the text of all cells of a table together (and, in an xlsx, of its
// shared strings), in bytes: a roster of 200,000 people takes about 20 MB; one long
// string repeated in millions of cells does not fit. More gives io.file.too_large.
inline constexpr uint64_t kMaxTableTextBytes = 64ull << 20;

// Longest cell a reader accepts, in characters: Excel's own limit, so nothing a person
// typed into Excel is refused. A longer cell gives io.table.cell_too_long (422) naming
// the cell, found while parsing: the reader never holds more than this of one cell.
inline constexpr int64_t kMaxCellChars = 32767;

// Data rows per import unless configured otherwise: a district's whole registry fits
// (bench/import imports 100,000 rows), a crafted million-row file does not.
inline constexpr int64_t kDefaultMaxImportRows = 200'000;

// The process-wide cap on data rows per import, used when ReadOptions::max_rows is 0.
// Set once at start-up (`peixun serve --max-import-rows`, `peixun import --max-rows`);
// values < 1 restore the default. Thread-safe.
void SetMaxImportRows(int64_t rows);
int64_t MaxImportRows();

// options.max_rows, or MaxImportRows() when that is 0.
int64_t EffectiveMaxRows(const ReadOptions& options);
// The most non-empty rows a reader needs to keep for `options`: the data rows, the
// header and the rows header detection may skip above it. One more means too many
// data rows wherever the header is, so a reader stops there with
// TooManyRowsError(EffectiveMaxRows(options)).
int64_t RawRowLimit(const ReadOptions& options);

// The errors of the limits above, shared by the readers.
// io.table.too_many_rows (kTooLarge, 413): more than `limit` data rows.
Error TooManyRowsError(int64_t limit);
// io.table.cell_too_long (kInvalid, 422) naming the cell: 1-based row, 1-based column;
// field is its reference ("B7").
Error CellTooLongError(int64_t row, int64_t column);
// "A", "B", … "Z", "AA" for 1-based column numbers.
std::string ColumnLetters(int64_t column);

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
// io.file.too_large (more than kMaxTableCells cells), io.table.too_many_rows (more
// data rows than options.max_rows, or MaxImportRows() when that is 0). A file without any non-empty
// row gives an empty Table.
Result<Table> AssembleTable(std::vector<RawRow> raw, const ReadOptions& options);

}  // namespace peixun::io
