// The export's two formats (privacy_service.h).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "io/xlsx_writer.h"
#include "modules/privacy/privacy_service.h"

namespace peixun::privacy {

using nlohmann::json;

namespace {

json CellJson(const store::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return nullptr;
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::get<std::string>(v);
}

std::string CellText(const store::Row& row, size_t i) { return row.IsNull(i) ? "" : row.Str(i); }

}  // namespace

json ExportJson(const PersonExport& e) {
  json parts = json::array();
  for (const store::PersonalTable& t : e.parts) {
    json rows = json::array();
    for (const store::Row& row : t.rows) {
      json object = json::object();
      for (size_t i = 0; i < row.size() && i < t.rows.columns.size(); ++i) {
        object[t.rows.columns[i]] = CellJson(row[i]);
      }
      rows.push_back(std::move(object));
    }
    parts.push_back({{"module", t.module}, {"table", t.table}, {"rows", std::move(rows)}});
  }
  return {{"person_id", e.person_id},
          {"exported_at", e.exported_at},
          {"id_number_in_clear", e.clear_id_number},
          {"parts", std::move(parts)}};
}

Result<std::string> ExportXlsx(const PersonExport& e) {
  std::vector<io::Sheet> sheets;
  for (const store::PersonalTable& t : e.parts) {
    io::Sheet sheet;
    sheet.name = t.table;
    sheet.title = t.module + " · " + t.table;
    sheet.table.header = t.rows.columns;
    for (const store::Row& row : t.rows) {
      std::vector<std::string> cells;
      for (size_t i = 0; i < row.size(); ++i) cells.push_back(CellText(row, i));
      sheet.table.rows.push_back(std::move(cells));
    }
    sheets.push_back(std::move(sheet));
  }
  // libxlsxwriter writes files only: go through a private temporary file.
  std::string path = (std::filesystem::temp_directory_path() / "peixun-pipl-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return Internal("io.file.write_failed", "cannot create a temporary file");
  close(fd);
  Status written = io::WriteXlsx(path, sheets);
  std::string bytes;
  if (written) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!written) return std::move(written).error();
  return bytes;
}

}  // namespace peixun::privacy
