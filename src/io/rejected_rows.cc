#include "io/rejected_rows.h"

#include <map>

namespace peixun::io {

Table RejectedRowsTable(const Table& table, const ImportReport& report) {
  Table out;
  out.header = table.header;
  out.header.push_back("错误原因");
  std::map<int, std::string> reasons;
  for (const RowError& e : report.errors) {
    std::string& r = reasons[e.row];
    if (!r.empty()) r += "；";
    r += (e.column.empty() ? "" : e.column + "：") + e.error.message;
  }
  for (int idx : report.rejected_rows) {
    std::vector<std::string> row = table.rows[idx];
    row.resize(table.header.size());
    const int row_no = idx < int(table.source_rows.size()) ? table.source_rows[idx] : idx + 2;
    row.push_back(reasons[row_no]);
    out.rows.push_back(std::move(row));
    out.source_rows.push_back(static_cast<int>(out.rows.size()) + 1);
  }
  return out;
}

}  // namespace peixun::io
