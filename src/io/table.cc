#include "io/table.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>

namespace peixun::io {
namespace {

std::atomic<int64_t> max_import_rows{kDefaultMaxImportRows};

// How many non-empty rows header detection looks at: titles and notes above the column
// names are a few rows at most, and data rows below must not outvote the header.
constexpr int kHeaderSearchRows = 10;

int NonEmptyCount(const std::vector<std::string>& cells) {
  return static_cast<int>(
      std::count_if(cells.begin(), cells.end(), [](const std::string& c) { return !c.empty(); }));
}

void TrimTrailingEmpty(std::vector<std::string>& cells) {
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
}

// See AssembleTable in table.h.
size_t DetectHeader(const std::vector<RawRow>& raw) {
  const size_t window = std::min(raw.size(), static_cast<size_t>(kHeaderSearchRows));
  for (size_t i = 0; i < window; ++i) {
    const int count = NonEmptyCount(raw[i].cells);
    if (count < 2) continue;
    // The widest row below, counting only the columns this row spans.
    const size_t span = raw[i].cells.size();
    int below = 0;
    for (size_t j = i + 1; j < window; ++j) {
      const auto& cells = raw[j].cells;
      int within = 0;
      for (size_t c = 0; c < std::min(span, cells.size()); ++c) within += cells[c].empty() ? 0 : 1;
      below = std::max(below, within);
    }
    if (count >= below - below / 4) return i;
  }
  for (size_t i = 0; i < window; ++i) {
    if (NonEmptyCount(raw[i].cells) >= 2) return i;
  }
  return 0;
}

}  // namespace

void SetMaxImportRows(int64_t rows) {
  max_import_rows.store(rows > 0 ? rows : kDefaultMaxImportRows);
}

int64_t MaxImportRows() { return max_import_rows.load(); }

int64_t EffectiveMaxRows(const ReadOptions& options) {
  return options.max_rows > 0 ? options.max_rows : MaxImportRows();
}

int64_t RawRowLimit(const ReadOptions& options) {
  const int64_t above = options.header_row > 0 ? options.header_row - 1 : kHeaderSearchRows - 1;
  return EffectiveMaxRows(options) + 1 + above;
}

Error TooManyRowsError(int64_t limit) {
  const std::string n = std::to_string(limit);
  return MakeError(ErrorKind::kTooLarge, "io.table.too_many_rows",
                   "表格超过每次导入 " + n + " 行数据的上限，请拆分成几个文件分批导入",
                   "the table has more than " + n +
                       " data rows, the limit of one import: split it into several files",
                   "rows");
}

std::string ColumnLetters(int64_t column) {
  std::string letters;
  for (int64_t n = column; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

Error CellTooLongError(int64_t row, int64_t column) {
  const std::string ref = ColumnLetters(column) + std::to_string(row);
  const std::string limit = std::to_string(kMaxCellChars);
  return Invalid("io.table.cell_too_long",
                 "第 " + std::to_string(row) + " 行第 " + ColumnLetters(column) + " 列（" + ref +
                     "）的内容超过单元格上限 " + limit + " 个字符",
                 "the cell " + ref + " (row " + std::to_string(row) + ", column " +
                     ColumnLetters(column) + ") holds more than " + limit +
                     " characters, the limit of a cell",
                 ref);
}

Result<Table> AssembleTable(std::vector<RawRow> raw, const ReadOptions& options) {
  for (RawRow& row : raw) TrimTrailingEmpty(row.cells);
  std::erase_if(raw, [](const RawRow& row) { return row.cells.empty(); });

  Table table;
  if (raw.empty()) {
    if (options.header_row > 0) {
      return Invalid("io.table.header_row",
                     "第 " + std::to_string(options.header_row) + " 行没有表头",
                     "row " + std::to_string(options.header_row) + " has no header", "header_row");
    }
    return table;
  }

  size_t header_index = 0;
  if (options.header_row > 0) {
    auto it = std::find_if(raw.begin(), raw.end(),
                           [&](const RawRow& row) { return row.number == options.header_row; });
    if (it == raw.end()) {
      return Invalid("io.table.header_row",
                     "第 " + std::to_string(options.header_row) + " 行没有表头",
                     "row " + std::to_string(options.header_row) + " has no header", "header_row");
    }
    header_index = static_cast<size_t>(it - raw.begin());
  } else {
    header_index = DetectHeader(raw);
  }

  int64_t data_rows = static_cast<int64_t>(raw.size() - header_index - 1);
  const int64_t max_rows = EffectiveMaxRows(options);
  if (data_rows > max_rows) return TooManyRowsError(max_rows);
  size_t width = 0;
  for (size_t i = header_index; i < raw.size(); ++i) width = std::max(width, raw[i].cells.size());
  if (static_cast<int64_t>(width) * (data_rows + 1) > kMaxTableCells) {
    return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                     "表格太大：超过 " + std::to_string(kMaxTableCells) + " 个单元格",
                     "table too large: more than " + std::to_string(kMaxTableCells) + " cells");
  }

  table.header = std::move(raw[header_index].cells);
  table.header.resize(width);
  table.rows.reserve(static_cast<size_t>(data_rows));
  table.source_rows.reserve(static_cast<size_t>(data_rows));
  for (size_t i = header_index + 1; i < raw.size(); ++i) {
    raw[i].cells.resize(width);
    table.rows.push_back(std::move(raw[i].cells));
    table.source_rows.push_back(raw[i].number);
  }
  return table;
}

}  // namespace peixun::io
