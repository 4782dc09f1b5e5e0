#include "io/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "core/utf8.h"
#include "io/file_io.h"

namespace peixun::io {
namespace {

namespace fs = std::filesystem;

// Excel's limits.
constexpr size_t kMaxSheetNameChars = 31;
constexpr size_t kMaxCellChars = 32767;
constexpr int64_t kMaxRows = 1048576;
constexpr size_t kMaxColumns = 16384;

// Estimated column widths: how many rows to look at, and the bounds, in Excel characters.
constexpr size_t kWidthSampleRows = 500;
constexpr double kMinColumnWidth = 6;
constexpr double kMaxColumnWidth = 60;
constexpr double kColumnPadding = 2;

constexpr uint32_t kHeaderFill = 0xDDEBF7;  // pale blue, prints well in grey too
constexpr double kTitleFontSize = 16;
constexpr double kTitleRowHeight = 30;

// East Asian wide and fullwidth characters take two columns.
bool IsWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

double DisplayWidth(std::string_view text) {
  double width = 0;
  double line = 0;
  for (char32_t cp : core::DecodeUtf8(text)) {
    if (cp == '\n') {
      width = std::max(width, line);
      line = 0;
      continue;
    }
    line += IsWide(cp) ? 2 : 1;
  }
  return std::max(width, line);
}

std::string ValidSheetName(const std::string& wanted, size_t index,
                           std::set<std::string>& used_lowercase) {
  std::u32string cps = core::DecodeUtf8(wanted);
  for (char32_t& cp : cps) {
    if (cp == '[' || cp == ']' || cp == ':' || cp == '*' || cp == '?' || cp == '/' || cp == '\\' ||
        cp < 0x20) {
      cp = '_';
    }
  }
  while (!cps.empty() && cps.front() == U'\'') cps.erase(cps.begin());
  while (!cps.empty() && cps.back() == U'\'') cps.pop_back();
  if (cps.size() > kMaxSheetNameChars) cps.resize(kMaxSheetNameChars);
  if (cps.empty()) cps = core::DecodeUtf8("Sheet" + std::to_string(index + 1));

  auto lower = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  std::string name = core::EncodeUtf8(cps);
  for (int n = 2; used_lowercase.count(lower(name)) > 0; ++n) {
    std::u32string suffix = core::DecodeUtf8(" (" + std::to_string(n) + ")");
    std::u32string base = cps;
    if (base.size() + suffix.size() > kMaxSheetNameChars) {
      base.resize(kMaxSheetNameChars - suffix.size());
    }
    name = core::EncodeUtf8(base + suffix);
  }
  used_lowercase.insert(lower(name));
  return name;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Text that happens to look like an OOXML escape ("_x0041_") would be decoded by Excel
// (and by ReadXlsx); escaping its underscore as "_x005F_" keeps it literal.
std::string ProtectEscapeLookalikes(const std::string& text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && IsHex(text[i + 2]) &&
        IsHex(text[i + 3]) && IsHex(text[i + 4]) && IsHex(text[i + 5]) && text[i + 6] == '_') {
      out += "_x005F_";
      continue;
    }
    out += text[i];
  }
  return out;
}

// Writes one text cell; libxlsxwriter escapes XML and control characters itself.
lxw_error WriteText(lxw_worksheet* worksheet, lxw_row_t row, lxw_col_t column,
                    const std::string& text, lxw_format* format) {
  return worksheet_write_string(worksheet, row, column, ProtectEscapeLookalikes(text).c_str(),
                                format);
}

std::string CellName(int64_t row, size_t column) {
  return "第 " + std::to_string(row + 1) + " 行第 " + std::to_string(column + 1) + " 列";
}

// Checks what libxlsxwriter would otherwise reject or write as broken XML.
Status CheckSheet(const Sheet& sheet, size_t width) {
  int64_t rows = static_cast<int64_t>(sheet.table.rows.size()) + 1 + (sheet.title.empty() ? 0 : 1);
  if (rows > kMaxRows || width > kMaxColumns) {
    return MakeError(ErrorKind::kTooLarge, "io.file.too_large",
                     "工作表“" + sheet.name + "”超出 Excel 的行数或列数上限",
                     "sheet \"" + sheet.name + "\" exceeds Excel's row or column limit");
  }
  int64_t first_row = sheet.title.empty() ? 0 : 1;
  auto check = [&](const std::string& cell, int64_t row, size_t column) -> Status {
    if (!core::IsValidUtf8(cell)) {
      return Invalid("io.encoding.invalid", CellName(row, column) + "不是有效的 UTF-8 文本",
                     "the cell at row " + std::to_string(row + 1) + ", column " +
                         std::to_string(column + 1) + " is not valid UTF-8",
                     CellName(row, column));
    }
    if (cell.size() > kMaxCellChars && core::DecodeUtf8(cell).size() > kMaxCellChars) {
      return Invalid("io.xlsx.cell_too_long",
                     CellName(row, column) + "超过 Excel 单元格上限 32767 个字符",
                     "the cell at row " + std::to_string(row + 1) + ", column " +
                         std::to_string(column + 1) + " exceeds Excel's 32767 characters",
                     CellName(row, column));
    }
    return Ok();
  };
  if (!core::IsValidUtf8(sheet.title) || !core::IsValidUtf8(sheet.name)) {
    return Invalid("io.encoding.invalid", "工作表名称或标题不是有效的 UTF-8 文本",
                   "a sheet name or title is not valid UTF-8");
  }
  for (size_t c = 0; c < sheet.table.header.size(); ++c) {
    PEIXUN_RETURN_IF_ERROR(check(sheet.table.header[c], first_row, c));
  }
  for (size_t r = 0; r < sheet.table.rows.size(); ++r) {
    const auto& row = sheet.table.rows[r];
    for (size_t c = 0; c < row.size(); ++c) {
      PEIXUN_RETURN_IF_ERROR(check(row[c], first_row + 1 + static_cast<int64_t>(r), c));
    }
  }
  return Ok();
}

size_t TableWidth(const Table& table) {
  size_t width = table.header.size();
  for (const auto& row : table.rows) width = std::max(width, row.size());
  return width;
}

double ColumnWidth(const Sheet& sheet, size_t column) {
  if (column < sheet.column_widths.size() && sheet.column_widths[column] > 0) {
    return sheet.column_widths[column];
  }
  double width = column < sheet.table.header.size() ? DisplayWidth(sheet.table.header[column]) : 0;
  size_t sample = std::min(sheet.table.rows.size(), kWidthSampleRows);
  for (size_t r = 0; r < sample; ++r) {
    const auto& row = sheet.table.rows[r];
    if (column < row.size()) width = std::max(width, DisplayWidth(row[column]));
  }
  return std::clamp(width + kColumnPadding, kMinColumnWidth, kMaxColumnWidth);
}

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* text;
  lxw_format* number;  // General: Excel shows 2.5 as 2.5 and 3 as 3
};

Formats AddFormats(lxw_workbook* workbook) {
  Formats formats{};
  formats.title = workbook_add_format(workbook);
  format_set_bold(formats.title);
  format_set_font_size(formats.title, kTitleFontSize);
  format_set_align(formats.title, LXW_ALIGN_CENTER);
  format_set_align(formats.title, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(formats.title, "@");

  formats.header = workbook_add_format(workbook);
  format_set_bold(formats.header);
  format_set_border(formats.header, LXW_BORDER_THIN);
  format_set_pattern(formats.header, LXW_PATTERN_SOLID);
  format_set_bg_color(formats.header, kHeaderFill);
  format_set_align(formats.header, LXW_ALIGN_CENTER);
  format_set_align(formats.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(formats.header, "@");

  formats.text = workbook_add_format(workbook);
  format_set_num_format(formats.text, "@");

  formats.number = workbook_add_format(workbook);
  format_set_num_format_index(formats.number, 0);
  return formats;
}

Error LibraryError(const std::string& path, lxw_error error) {
  return MakeError(ErrorKind::kInternal, "io.file.write_failed",
                   "无法写入文件 " + path + "：" + lxw_strerror(error),
                   "cannot write " + path + ": " + lxw_strerror(error), "path");
}

Status WriteSheet(lxw_workbook* workbook, const Formats& formats, const Sheet& sheet,
                  const std::string& name, const std::string& path) {
  const Table& table = sheet.table;
  const size_t width = TableWidth(table);
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, name.c_str());
  if (worksheet == nullptr) return LibraryError(path, LXW_ERROR_PARAMETER_VALIDATION);

  for (size_t c = 0; c < width; ++c) {
    worksheet_set_column(worksheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         ColumnWidth(sheet, c), formats.text);
  }
  lxw_row_t row = 0;
  const lxw_col_t last_column = static_cast<lxw_col_t>(width == 0 ? 0 : width - 1);
  if (!sheet.title.empty()) {
    worksheet_set_row(worksheet, row, kTitleRowHeight, nullptr);
    std::string title = ProtectEscapeLookalikes(sheet.title);
    lxw_error error = width >= 2 ? worksheet_merge_range(worksheet, row, 0, row, last_column,
                                                         title.c_str(), formats.title)
                                 : WriteText(worksheet, row, 0, sheet.title, formats.title);
    if (error != LXW_NO_ERROR) return LibraryError(path, error);
    ++row;
  }
  const lxw_row_t header_row = row;
  for (size_t c = 0; c < width; ++c) {
    lxw_error error =
        WriteText(worksheet, row, static_cast<lxw_col_t>(c),
                  c < table.header.size() ? table.header[c] : std::string(), formats.header);
    if (error != LXW_NO_ERROR) return LibraryError(path, error);
  }
  ++row;
  std::vector<bool> is_number(width, false);
  for (size_t c : sheet.number_columns) {
    if (c < width) is_number[c] = true;
  }
  for (const auto& cells : table.rows) {
    for (size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) continue;
      const std::optional<double> number = is_number[c] ? QuantityValue(cells[c]) : std::nullopt;
      lxw_error error =
          number ? worksheet_write_number(worksheet, row, static_cast<lxw_col_t>(c), *number,
                                          formats.number)
                 : WriteText(worksheet, row, static_cast<lxw_col_t>(c), cells[c], formats.text);
      if (error != LXW_NO_ERROR) return LibraryError(path, error);
    }
    ++row;
  }
  if (width > 0) {
    worksheet_freeze_panes(worksheet, header_row + 1, 0);
    worksheet_autofilter(worksheet, header_row, 0, row - 1, last_column);
    worksheet_ignore_errors(worksheet, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
  }
  return Ok();
}

}  // namespace

std::optional<double> QuantityValue(std::string_view text) {
  std::string_view digits = text;
  if (digits.starts_with('-')) digits.remove_prefix(1);
  const size_t dot = digits.find('.');
  const std::string_view whole = digits.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : digits.substr(dot + 1);
  auto all_digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty())) {
    return std::nullopt;
  }
  const size_t leading_zeros = std::min(whole.find_first_not_of('0'), whole.size());
  if (whole.size() - leading_zeros + fraction.size() > 15) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Status WriteXlsx(const std::string& path, const std::vector<Sheet>& sheets) {
  if (sheets.empty()) {
    return Invalid("io.xlsx.no_sheets", "没有要写入的工作表", "no sheets to write", "sheets");
  }
  for (const Sheet& sheet : sheets)
    PEIXUN_RETURN_IF_ERROR(CheckSheet(sheet, TableWidth(sheet.table)));
  // Checked here because libxlsxwriter only finds out at the end, and logs to stderr.
  fs::path folder = fs::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty() && !fs::is_directory(folder, ec)) {
    return MakeError(ErrorKind::kInternal, "io.file.write_failed",
                     "无法写入文件 " + path + "：目录不存在",
                     "cannot write " + path + ": no such directory", "path");
  }

  // Constant-memory mode streams rows to disk, which keeps large exports small, but it
  // cannot merge cells; titled sheets are rosters for print, which are small.
  bool any_title =
      std::any_of(sheets.begin(), sheets.end(), [](const Sheet& s) { return !s.title.empty(); });
  lxw_workbook_options options{};
  options.constant_memory = any_title ? LXW_FALSE : LXW_TRUE;
  options.use_zip64 = LXW_FALSE;

  std::string tmp = TemporaryPathFor(path);
  lxw_workbook* workbook = workbook_new_opt(tmp.c_str(), &options);
  if (workbook == nullptr) return LibraryError(path, LXW_ERROR_MEMORY_MALLOC_FAILED);
  Formats formats = AddFormats(workbook);

  Status status = Ok();
  std::set<std::string> used_names;
  for (size_t i = 0; i < sheets.size() && status.ok(); ++i) {
    std::string name = ValidSheetName(sheets[i].name, i, used_names);
    status = WriteSheet(workbook, formats, sheets[i], name, path);
  }
  // workbook_close also frees the workbook; it runs even after a failure.
  lxw_error closed = workbook_close(workbook);
  if (status.ok() && closed != LXW_NO_ERROR) status = LibraryError(path, closed);
  if (!status.ok()) {
    std::remove(tmp.c_str());
    return status;
  }
  return ReplaceFile(tmp, path);
}

}  // namespace peixun::io
