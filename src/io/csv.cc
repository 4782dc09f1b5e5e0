#include "io/csv.h"

#include <cctype>
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

// Sets `text` to the text of `bytes` as UTF-8, detecting the encoding (see csv.h): a
// view into `bytes` when they already are UTF-8 (an upload is not copied), else into
// `converted`, which holds the converted text.
Status DecodeCsvBytes(std::string_view bytes, std::string& converted, std::string_view& text) {
  if (bytes.starts_with(kUtf8Bom)) {
    bytes.remove_prefix(kUtf8Bom.size());
    if (!core::IsValidUtf8(bytes)) {
      return Invalid("io.encoding.invalid", "文件标明是 UTF-8 编码，但内容不是有效的 UTF-8",
                     "the file says it is UTF-8 but is not valid UTF-8");
    }
    text = bytes;
    return Ok();
  }
  if (bytes.starts_with(kUtf16LeBom)) {
    PEIXUN_ASSIGN_OR_RETURN(converted, ToUtf8(bytes.substr(2), "UTF-16LE"));
  } else if (bytes.starts_with(kUtf16BeBom)) {
    PEIXUN_ASSIGN_OR_RETURN(converted, ToUtf8(bytes.substr(2), "UTF-16BE"));
  } else if (core::IsValidUtf8(bytes)) {
    text = bytes;
    return Ok();
  } else {
    PEIXUN_ASSIGN_OR_RETURN(converted, ToUtf8(bytes, "GB18030"));
  }
  text = converted;
  return Ok();
}

// A cell a spreadsheet would run as a formula starts with one of these (OWASP's list:
// = + - @, tab, carriage return).
bool IsFormulaTrigger(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// True for cells matching ^'*[=+\-@\t\r]: those FormatCsv writes with one more leading
// apostrophe. Apostrophes already there are counted in, so that ReadCsv can take exactly
// one off again: "'=x" is written "''=x" and reads back as "'=x".
bool NeedsFormulaGuard(std::string_view cell) {
  const size_t first = cell.find_first_not_of('\'');
  return first != std::string_view::npos && IsFormulaTrigger(cell[first]);
}

// The reverse of the guard: a cell matching ^'+[=+\-@\t\r] loses one apostrophe.
void DropFormulaGuard(std::string& cell) {
  if (!cell.empty() && cell.front() == '\'' && NeedsFormulaGuard(cell)) cell.erase(0, 1);
}

Error TooMuchText() {
  const std::string mb = std::to_string(kMaxTableTextBytes >> 20);
  return MakeError(ErrorKind::kTooLarge, "io.file.too_large", "表格的文字内容超过 " + mb + " MB",
                   "the table holds more than " + mb + " MB of text");
}

Error TooManyCells() {
  return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                   "表格太大：超过 " + std::to_string(kMaxTableCells) + " 个单元格",
                   "table too large: more than " + std::to_string(kMaxTableCells) + " cells");
}

// Splits UTF-8 text into records (RFC 4180 with Excel's leniency, see csv.h), holding
// to the limits of table.h while it goes: a cell longer than kMaxCellChars, more
// non-empty records than RawRowLimit(options), more cells or text than a table may have.
Result<std::vector<RawRow>> SplitRecords(std::string_view text, const ReadOptions& options) {
  std::vector<RawRow> records;
  const int64_t raw_row_limit = RawRowLimit(options);
  int64_t non_empty_records = 0;
  int64_t cells = 0;
  uint64_t text_bytes = 0;
  size_t i = 0;
  const size_t n = text.size();
  int record = 0;
  while (i < n) {
    RawRow row;
    row.number = ++record;
    bool non_empty = false;
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
          // Counted before it is copied: a quoted field of megabytes is never held.
          if (field.size() + (quote - i) > static_cast<size_t>(4 * kMaxCellChars)) {
            return CellTooLongError(started_on, static_cast<int64_t>(row.cells.size()) + 1);
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
      if (field.size() + (end - i) > static_cast<size_t>(4 * kMaxCellChars)) {
        return CellTooLongError(record, static_cast<int64_t>(row.cells.size()) + 1);
      }
      field.append(text.substr(i, end - i));
      i = end;
      if (field.size() > static_cast<size_t>(kMaxCellChars) &&
          core::Utf8CharCount(field) > static_cast<size_t>(kMaxCellChars)) {
        return CellTooLongError(record, static_cast<int64_t>(row.cells.size()) + 1);
      }
      DropFormulaGuard(field);
      non_empty = non_empty || !field.empty();
      text_bytes += field.size();
      if (text_bytes > kMaxTableTextBytes) return TooMuchText();
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
    if (non_empty && ++non_empty_records > raw_row_limit) {
      return TooManyRowsError(EffectiveMaxRows(options));
    }
    records.push_back(std::move(row));
  }
  return records;
}

void AppendCell(std::string& out, const std::string& cell) {
  const bool guard = NeedsFormulaGuard(cell);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    if (guard) out += '\'';
    out += cell;
    return;
  }
  out += '"';
  if (guard) out += '\'';
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

Result<CsvEncoding> CsvEncodingNamed(std::string_view name, const std::string& field) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "utf-8" || lower == "utf8") return CsvEncoding::kUtf8Bom;
  if (lower == "gb18030") return CsvEncoding::kGb18030;
  return Invalid("request.param", field + " 应为 utf-8 或 gb18030",
                 field + " must be utf-8 or gb18030", field);
}

Result<Table> ParseCsv(std::string_view bytes, const ReadOptions& options) {
  if (bytes.size() > kMaxCsvBytes) {
    return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                     "文件太大（上限 " + std::to_string(kMaxCsvBytes >> 20) + " MB）",
                     "file too large (limit " + std::to_string(kMaxCsvBytes >> 20) + " MB)");
  }
  std::string converted;
  std::string_view text;
  PEIXUN_RETURN_IF_ERROR(DecodeCsvBytes(bytes, converted, text));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<RawRow> records, SplitRecords(text, options));
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
