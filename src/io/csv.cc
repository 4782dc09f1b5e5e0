#include "io/csv.h"

#include <string>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "io/file_io.h"
#include "io/text_encoding.h"

namespace peixun::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

// Returns the text of `bytes` as UTF-8, detecting the encoding (see csv.h).
Result<std::string> DecodeCsvBytes(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (!core::IsValidUtf8(bytes)) {
      return Invalid("io.encoding.invalid", "文件标明是 UTF-8 编码，但内容不是有效的 UTF-8",
                     "the file says it is UTF-8 but is not valid UTF-8");
    }
    return std::string(bytes);
  }
  if (bytes.starts_with(kUtf16LeBom)) return ToUtf8(bytes.substr(2), "UTF-16LE");
  if (bytes.starts_with(kUtf16BeBom)) return ToUtf8(bytes.substr(2), "UTF-16BE");
  if (core::IsValidUtf8(bytes)) return std::string(bytes);
  return ToUtf8(bytes, "GB18030");
}

Error TooManyCells() {
  return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                   "表格太大：超过 " + std::to_string(kMaxTableCells) + " 个单元格",
                   "table too large: more than " + std::to_string(kMaxTableCells) + " cells");
}

// Splits UTF-8 text into records (RFC 4180 with Excel's leniency, see csv.h).
Result<std::vector<RawRow>> SplitRecords(std::string_view text) {
  std::vector<RawRow> records;
  int64_t cells = 0;
  size_t i = 0;
  const size_t n = text.size();
  int record = 0;
  while (i < n) {
    RawRow row;
    row.number = ++record;
    while (true) {
      std::string field;
      if (i < n && text[i] == '"') {
        int started_on = record;
        ++i;
        while (true) {
          size_t quote = text.find('"', i);
          if (quote == std::string_view::npos) {
            return Invalid("io.csv.unclosed_quote",
                           "第 " + std::to_string(started_on) + " 行有一个没有闭合的引号",
                           "row " + std::to_string(started_on) + " has an unclosed quote",
                           "row " + std::to_string(started_on));
          }
          field.append(text.substr(i, quote - i));
          i = quote + 1;
          if (i < n && text[i] == '"') {
            field += '"';
            ++i;
          } else {
            break;
          }
        }
      }
      size_t end = text.find_first_of(",\r\n", i);
      if (end == std::string_view::npos) end = n;
      field.append(text.substr(i, end - i));
      i = end;
      row.cells.push_back(std::move(field));
      if (++cells > kMaxTableCells) return TooManyCells();
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      // CRLF, LF or a lone CR ends the record.
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      break;
    }
    records.push_back(std::move(row));
  }
  return records;
}

void AppendCell(std::string& out, const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendRecord(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    AppendCell(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace

Result<Table> ParseCsv(std::string_view bytes, const ReadOptions& options) {
  if (bytes.size() > kMaxCsvBytes) {
    return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                     "文件太大（上限 " + std::to_string(kMaxCsvBytes >> 20) + " MB）",
                     "file too large (limit " + std::to_string(kMaxCsvBytes >> 20) + " MB)");
  }
  PEIXUN_ASSIGN_OR_RETURN(std::string text, DecodeCsvBytes(bytes));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<RawRow> records, SplitRecords(text));
  return AssembleTable(std::move(records), options);
}

Result<Table> ReadCsv(const std::string& path, const ReadOptions& options) {
  PEIXUN_ASSIGN_OR_RETURN(std::string bytes, ReadFileBytes(path, kMaxCsvBytes));
  return ParseCsv(bytes, options);
}

Result<std::string> FormatCsv(const Table& table, CsvEncoding encoding) {
  std::string text;
  AppendRecord(text, table.header);
  for (const auto& row : table.rows) AppendRecord(text, row);
  if (encoding == CsvEncoding::kGb18030) return FromUtf8(text, "GB18030");
  if (!core::IsValidUtf8(text)) {
    return Invalid("io.encoding.invalid", "表格中有无效的 UTF-8 文本",
                   "the table holds text that is not valid UTF-8");
  }
  return std::string(kUtf8Bom) + text;
}

Status WriteCsv(const std::string& path, const Table& table, CsvEncoding encoding) {
  PEIXUN_ASSIGN_OR_RETURN(std::string bytes, FormatCsv(table, encoding));
  return WriteFileAtomically(path, bytes);
}

}  // namespace peixun::io
