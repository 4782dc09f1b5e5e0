#include "cli/table_files.h"

#include <algorithm>

#include "io/csv.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace peixun::cli {

std::string FormatOfPath(const std::string& path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  if (ext == "xlsx" || ext == "csv") return ext;
  return "";
}

Result<io::Table> ReadTableFile(const std::string& path, const io::ReadOptions& options) {
  const std::string format = FormatOfPath(path);
  if (format == "xlsx") return io::ReadXlsx(path, options);
  if (format == "csv") return io::ReadCsv(path, options);
  return Invalid("io.format.unknown", "不支持的文件类型：" + path + "（应为 .xlsx 或 .csv）",
                 "unsupported file type: " + path + " (expected .xlsx or .csv)", "FILE");
}

Status WriteTableFile(const std::string& path, const io::Table& table, const std::string& format,
                      const std::string& sheet_name, io::CsvEncoding encoding) {
  if (format == "csv") return io::WriteCsv(path, table, encoding);
  if (format == "xlsx") {
    io::Sheet sheet;
    sheet.name = sheet_name;
    sheet.table = table;
    return io::WriteXlsx(path, {sheet});
  }
  return Invalid("io.format.unknown", "不支持的格式：" + format + "（应为 xlsx 或 csv）",
                 "unsupported format: " + format + " (expected xlsx or csv)", "--format");
}

}  // namespace peixun::cli
