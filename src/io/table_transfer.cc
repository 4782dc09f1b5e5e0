#include "io/table_transfer.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/csv.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace peixun::io {
namespace {

std::string Extension(const std::string& filename) {
  const size_t dot = filename.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = filename.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

Result<Table> ParseUploadedTable(std::string_view bytes, const std::string& filename) {
  if (filename.empty() || filename.size() > 200 ||
      filename.find_first_of(std::string("/\\\0", 3)) != std::string::npos || filename == ".." ||
      filename.find("..") == 0) {
    return Invalid("request.filename", "文件名无效：应为不含路径的 .xlsx 或 .csv 文件名",
                   "invalid file name: expected a plain .xlsx or .csv name", "filename");
  }
  const std::string ext = Extension(filename);
  if (ext == "xlsx") return ParseXlsx(bytes);
  if (ext == "csv") return ParseCsv(bytes);
  return Invalid("request.filename", "不支持的文件类型（应为 .xlsx 或 .csv）",
                 "unsupported file type (expected .xlsx or .csv)", "filename");
}

Result<std::string> TableToBytes(const Table& table, const std::string& format,
                                 const std::string& sheet_name, const DownloadOptions& options) {
  if (format == "csv") return FormatCsv(table, options.encoding);
  if (format != "xlsx") {
    return Invalid("request.param", "format 应为 xlsx 或 csv", "format must be xlsx or csv",
                   "format");
  }
  // libxlsxwriter writes files only: go through a private temporary file.
  std::string tmpl = (std::filesystem::temp_directory_path() / "peixun-xlsx-XXXXXX").string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) return Internal("io.file.write_failed", "cannot create a temporary file");
  close(fd);
  Sheet sheet;
  sheet.name = sheet_name;
  sheet.table = table;
  for (size_t c = 0; c < table.header.size(); ++c) {
    if (std::find(options.number_headers.begin(), options.number_headers.end(), table.header[c]) !=
        options.number_headers.end()) {
      sheet.number_columns.push_back(c);
    }
  }
  Status written = WriteXlsx(tmpl, {sheet});
  std::string bytes;
  if (written) {
    std::ifstream in(tmpl, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::filesystem::remove(tmpl);
  if (!written) return written.error();
  return bytes;
}

std::string ContentTypeOf(const std::string& format, CsvEncoding encoding) {
  if (format == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return encoding == CsvEncoding::kGb18030 ? "text/csv; charset=gb18030"
                                           : "text/csv; charset=utf-8";
}

}  // namespace peixun::io
