#include "io/xlsx_reader.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "io/excel_number.h"
#include "io/file_io.h"
#include "io/xlsx_package.h"
#include "io/xml_parser.h"
#include "io/zip_archive.h"

namespace peixun::io {
namespace {

// Excel's sheet size.
constexpr int kMaxColumns = 16384;
constexpr int kMaxRows = 1048576;

// The first bytes of an OLE compound file: a legacy .xls, or an encrypted .xlsx.
constexpr char kOleSignature[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

Error NotXlsx(const std::string& why_zh, const std::string& why_en) {
  return Invalid("io.xlsx.invalid", "不是有效的 xlsx 文件：" + why_zh,
                 "not a valid xlsx file: " + why_en);
}

Error TooManyCells() {
  return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                   "表格太大：超过 " + std::to_string(kMaxTableCells) + " 个单元格",
                   "table too large: more than " + std::to_string(kMaxTableCells) + " cells");
}

Error TooMuchText() {
  const std::string mb = std::to_string(kMaxTableTextBytes >> 20);
  return MakeError(ErrorKind::kTooLarge, "io.file.too_large", "表格的文字内容超过 " + mb + " MB",
                   "the table holds more than " + mb + " MB of text");
}

int64_t CountChars(std::string_view text) {
  return static_cast<int64_t>(core::Utf8CharCount(text));
}

// Most characters of one cell as written in the XML: an escape ("_x000D_") takes 7 for
// one, so a cell within kMaxCellChars may take up to 7 times as many; the decoded text
// is checked against kMaxCellChars itself.
constexpr int64_t kMaxRawCellChars = 7 * kMaxCellChars;

// Appends a piece of a cell's character data to `text` unless the cell grows past
// kMaxRawCellChars; false (and nothing kept) when it does.
bool AppendCellText(std::string& text, int64_t& chars, std::string_view piece) {
  chars += CountChars(piece);
  if (chars > kMaxRawCellChars) return false;
  text.append(piece);
  return true;
}

// Lower-level failures (zip, XML) all mean "this is not an xlsx we can read".
Error AsXlsxError(Error error) {
  if (error.code == "io.zip.invalid" || error.code == "io.zip.missing_entry" ||
      error.code == "io.xml.invalid") {
    return NotXlsx(error.message, error.message_en);
  }
  return error;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes "_xHHHH_", OOXML's escape for characters XML cannot carry (CR, other control
// characters; "_x005F_" is a literal '_'). Surrogate escapes are kept as written.
std::string DecodeEscapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      uint32_t cp = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        int v = HexValue(text[k]);
        if (v < 0) hex = false;
        cp = cp * 16 + static_cast<uint32_t>(std::max(v, 0));
      }
      if (hex && (cp < 0xD800 || cp > 0xDFFF)) {
        core::AppendUtf8(static_cast<char32_t>(cp), &out);
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<int64_t> ParseInt(std::string_view text) {
  text = TrimSpaces(text);
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "BC12" → column 55 (1-based); 0 when `ref` does not start with column letters.
int ColumnOf(std::string_view ref) {
  int column = 0;
  for (char c : ref) {
    if (c == '$') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
    if (column > kMaxColumns) return kMaxColumns + 1;
  }
  return column;
}

// Number-format kind per cellXfs index, from xl/styles.xml.
class StylesHandler : public XmlHandler {
 public:
  Status StartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmt") {
      auto id = ParseInt(attributes.Get("numFmtId").value_or(""));
      if (id) custom_[*id] = ClassifyFormatCode(attributes.Get("formatCode").value_or(""));
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      xf_format_ids_.push_back(ParseInt(attributes.Get("numFmtId").value_or("0")).value_or(0));
    }
    return Ok();
  }
  Status EndElement(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
    return Ok();
  }
  Status Text(std::string_view) override { return Ok(); }

  std::vector<NumberFormatKind> Kinds() const {
    std::vector<NumberFormatKind> kinds;
    kinds.reserve(xf_format_ids_.size());
    for (int64_t id : xf_format_ids_) {
      auto it = custom_.find(id);
      kinds.push_back(it != custom_.end() ? it->second
                                          : ClassifyBuiltinFormat(static_cast<int>(id)));
    }
    return kinds;
  }

 private:
  bool in_cell_xfs_ = false;
  std::map<int64_t, NumberFormatKind> custom_;
  std::vector<int64_t> xf_format_ids_;
};

// The strings of xl/sharedStrings.xml, rich-text runs joined, phonetic runs dropped.
// Kept in one buffer (a std::string per entry would cost 32 bytes each for the many
// short ones). A string longer than a cell may be is not kept, only marked: it is an
// error only where a cell uses it, which names that cell.
class SharedStringsHandler : public XmlHandler {
 public:
  Status StartElement(std::string_view name, const XmlAttributes&) override {
    if (name == "si") {
      in_item_ = true;
      current_.clear();
      current_chars_ = 0;
      current_too_long_ = false;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
    return Ok();
  }
  Status EndElement(std::string_view name) override {
    if (name == "si") {
      if (ends_.size() >= static_cast<size_t>(kMaxTableCells)) return TooManyCells();
      std::string decoded = current_too_long_ ? std::string() : DecodeEscapes(std::move(current_));
      if (CountChars(decoded) > kMaxCellChars) {
        current_too_long_ = true;
        decoded.clear();
      }
      if (current_too_long_) too_long_.push_back(ends_.size());
      if (text_.size() + decoded.size() > kMaxTableTextBytes) return TooMuchText();
      text_ += decoded;
      ends_.push_back(static_cast<uint32_t>(text_.size()));
      current_.clear();
      in_item_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "t") {
      in_text_ = false;
    }
    return Ok();
  }
  Status Text(std::string_view text) override {
    if (in_text_ && !current_too_long_ && !AppendCellText(current_, current_chars_, text)) {
      current_too_long_ = true;
      std::string().swap(current_);
    }
    return Ok();
  }

  size_t size() const { return ends_.size(); }
  std::string_view at(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }
  bool too_long(size_t i) const {
    return std::binary_search(too_long_.begin(), too_long_.end(), i);
  }

 private:
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
  std::string current_;
  int64_t current_chars_ = 0;
  bool current_too_long_ = false;
  std::string text_;              // every string, one after another
  std::vector<uint32_t> ends_;    // end of string i in text_
  std::vector<size_t> too_long_;  // ascending indexes of strings longer than a cell
};

// Collects the non-empty cells of a worksheet's <sheetData> as RawRows.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStringsHandler& shared_strings,
               const std::vector<NumberFormatKind>& styles, bool date1904,
               const ReadOptions& options)
      : shared_strings_(shared_strings),
        styles_(styles),
        date1904_(date1904),
        raw_row_limit_(RawRowLimit(options)),
        max_rows_(EffectiveMaxRows(options)) {}

  Status StartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "sheetData") {
      in_sheet_data_ = true;
    } else if (!in_sheet_data_) {
      return Ok();
    } else if (name == "row") {
      auto r = ParseInt(attributes.Get("r").value_or(""));
      row_ = RawRow{};
      row_.number = r ? static_cast<int>(*r) : last_row_ + 1;
      if (row_.number < 1 || row_.number > kMaxRows) {
        return NotXlsx("行号超出范围", "row number out of range");
      }
      next_column_ = 1;
    } else if (name == "c") {
      std::string_view ref = attributes.Get("r").value_or("");
      int column = ColumnOf(ref);
      column_ = column > 0 ? column : next_column_;
      if (column_ > kMaxColumns) return NotXlsx("列号超出范围", "column out of range");
      type_ = std::string(attributes.Get("t").value_or("n"));
      style_ = ParseInt(attributes.Get("s").value_or("0")).value_or(0);
      value_.clear();
      inline_text_.clear();
      value_chars_ = 0;
      inline_chars_ = 0;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_inline_ && phonetic_depth_ == 0) {
      in_inline_text_ = true;
    }
    return Ok();
  }

  Status EndElement(std::string_view name) override {
    if (!in_sheet_data_) return Ok();
    if (name == "v") {
      in_value_ = false;
    } else if (name == "t") {
      in_inline_text_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "c") {
      PEIXUN_ASSIGN_OR_RETURN(std::string text, CellText());
      if (CountChars(text) > kMaxCellChars) return CellTooLongError(row_.number, column_);
      text_bytes_ += text.size();
      if (text_bytes_ > kMaxTableTextBytes) return TooMuchText();
      if (!text.empty()) {
        size_t index = static_cast<size_t>(column_ - 1);
        if (row_.cells.size() <= index) {
          cells_ += static_cast<int64_t>(index + 1 - row_.cells.size());
          if (cells_ > kMaxTableCells) return TooManyCells();
          row_.cells.resize(index + 1);
        }
        row_.cells[index] = std::move(text);
      }
      next_column_ = column_ + 1;
    } else if (name == "row") {
      last_row_ = row_.number;
      if (!row_.cells.empty()) {
        rows.push_back(std::move(row_));
        // Enough rows to know the table is too large: stop reading here.
        if (static_cast<int64_t>(rows.size()) > raw_row_limit_) return TooManyRowsError(max_rows_);
      }
      row_ = RawRow{};
    } else if (name == "sheetData") {
      in_sheet_data_ = false;
    }
    return Ok();
  }

  Status Text(std::string_view text) override {
    if ((in_value_ && !AppendCellText(value_, value_chars_, text)) ||
        (in_inline_text_ && !AppendCellText(inline_text_, inline_chars_, text))) {
      return CellTooLongError(row_.number, column_);
    }
    return Ok();
  }

  std::vector<RawRow> rows;

 private:
  Result<std::string> CellText() const {
    if (type_ == "s") {
      auto index = ParseInt(value_);
      if (!index) return std::string();
      if (*index < 0 || static_cast<size_t>(*index) >= shared_strings_.size()) {
        return NotXlsx("共享字符串编号越界", "shared string index out of range");
      }
      if (shared_strings_.too_long(static_cast<size_t>(*index))) {
        return CellTooLongError(row_.number, column_);
      }
      return std::string(shared_strings_.at(static_cast<size_t>(*index)));
    }
    if (type_ == "inlineStr") return DecodeEscapes(inline_text_);
    if (type_ == "str") return DecodeEscapes(value_);
    if (type_ == "b") {
      std::string_view v = TrimSpaces(value_);
      if (v.empty()) return std::string();
      return std::string(v == "1" || v == "true" ? "TRUE" : "FALSE");
    }
    if (type_ == "e") return std::string(TrimSpaces(value_));
    if (type_ == "d") return IsoDateText(TrimSpaces(value_));
    std::string_view raw = TrimSpaces(value_);
    if (raw.empty()) return std::string();
    if (style_ >= 0 && static_cast<size_t>(style_) < styles_.size()) {
      NumberFormatKind kind = styles_[static_cast<size_t>(style_)];
      double serial = 0;
      auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), serial);
      if (kind != NumberFormatKind::kNumber && error == std::errc() &&
          end == raw.data() + raw.size()) {
        if (auto text = FormatSerialDate(serial, kind, date1904_)) return *std::move(text);
      }
    }
    return FormatNumber(raw);
  }

  // t="d" holds ISO 8601 ("2020-10-12T00:00:00"); a midnight time is dropped.
  static std::string IsoDateText(std::string_view iso) {
    if (iso.size() > 10 && iso[10] == 'T') {
      std::string_view time = iso.substr(11);
      if (time.starts_with("00:00:00") &&
          time.find_first_not_of("0:.Z", 0) == std::string_view::npos) {
        return std::string(iso.substr(0, 10));
      }
      std::string text(iso);
      text[10] = ' ';
      return text;
    }
    return std::string(iso);
  }

  const SharedStringsHandler& shared_strings_;
  const std::vector<NumberFormatKind>& styles_;
  bool date1904_;
  int64_t raw_row_limit_;
  int64_t max_rows_;

  bool in_sheet_data_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool in_inline_text_ = false;
  int phonetic_depth_ = 0;
  RawRow row_;
  int last_row_ = 0;
  int next_column_ = 1;
  int column_ = 1;
  std::string type_;
  int64_t style_ = 0;
  std::string value_;
  std::string inline_text_;
  int64_t value_chars_ = 0;
  int64_t inline_chars_ = 0;
  int64_t cells_ = 0;
  uint64_t text_bytes_ = 0;  // of the cells kept so far
};

Result<Table> ReadArchive(const ZipArchive& archive, const ReadOptions& options) {
  PEIXUN_ASSIGN_OR_RETURN(XlsxParts parts, LocateXlsxParts(archive));

  std::vector<NumberFormatKind> styles;
  if (!parts.styles.empty()) {
    StylesHandler handler;
    PEIXUN_RETURN_IF_ERROR(ParseXmlEntry(archive, parts.styles, kMaxXlsxPartBytes, handler));
    styles = handler.Kinds();
  }
  SharedStringsHandler strings;
  if (!parts.shared_strings.empty()) {
    PEIXUN_RETURN_IF_ERROR(
        ParseXmlEntry(archive, parts.shared_strings, kMaxXlsxPartBytes, strings));
  }
  SheetHandler sheet(strings, styles, parts.date1904, options);
  PEIXUN_RETURN_IF_ERROR(ParseXmlEntry(archive, parts.worksheet, kMaxXlsxPartBytes, sheet));
  // Rows are in order in every file Excel writes; sort to be safe with other producers.
  std::stable_sort(sheet.rows.begin(), sheet.rows.end(),
                   [](const RawRow& a, const RawRow& b) { return a.number < b.number; });
  return AssembleTable(std::move(sheet.rows), options);
}

bool LooksLikeOle(std::string_view head) {
  return head.starts_with(std::string_view(kOleSignature, sizeof kOleSignature - 1));
}

Error OleError() {
  return Invalid(
      "io.xlsx.invalid",
      "这是旧版 .xls 或设置了密码的 Excel 文件，请在 Excel 中另存为 .xlsx（不设密码）后再导入",
      "this is a legacy .xls or a password-protected workbook; save it as .xlsx "
      "without a password and import again");
}

std::string FileHead(const std::string& path) {
  char head[8] = {};
  size_t n = 0;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
  }
  return std::string(head, n);
}

}  // namespace

Result<Table> ReadXlsx(const std::string& path, const ReadOptions& options) {
  auto archive = ZipArchive::Open(path);
  if (!archive) {
    if (archive.error().code == "io.zip.invalid" && LooksLikeOle(FileHead(path))) {
      return OleError();
    }
    return AsXlsxError(std::move(archive).error());
  }
  auto table = ReadArchive(**archive, options);
  if (!table) return AsXlsxError(std::move(table).error());
  return table;
}

Result<Table> ParseXlsx(std::string_view bytes, const ReadOptions& options) {
  if (LooksLikeOle(bytes)) return OleError();
  auto archive = ZipArchive::OpenBytes(bytes);
  if (!archive) return AsXlsxError(std::move(archive).error());
  auto table = ReadArchive(**archive, options);
  if (!table) return AsXlsxError(std::move(table).error());
  return table;
}

}  // namespace peixun::io
