// PdfDocument: a small builder for printable A4 documents (timetables, rosters, sign-in
// sheets, badges), drawn with Cairo's PDF surface and laid out by Pango, so lines wrap
// where Chinese text may break and rare characters (䶮, 𠮷) come out right.
//
// Fonts: "Noto Sans CJK SC" for text and tables, "Noto Serif CJK SC" (bold) for titles, from
// the fonts-noto-cjk package. Text in the PDF is real text: it can be searched, copied and
// read back with pdftotext.
//
// The document flows top to bottom inside the margins: Title(), Paragraph(), Table(),
// Image() and Space() place blocks below the previous one and start a new page when a block
// does not fit. Every page gets a header line (the subtitle, left, above a thin rule) when
// PageSetup::subtitle is set, and a footer "第 i 页 / 共 N 页". Pages are kept as display
// lists until Finish(), which knows N and writes them out.
//
// For free-form pages (seating charts, badges) the Draw*() calls place boxes, text and QR
// codes at absolute positions on the current page without moving the flow cursor.
//
// Units: lengths are millimetres from the page's top-left corner; font sizes are points.
// Errors are sticky: a text that is not valid UTF-8 is drawn as nothing and makes Finish()
// return io.encoding.invalid. Not thread-safe; different documents may be built on
// different threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/qr_code.h"

namespace peixun::io {

inline constexpr double kA4WidthMm = 210.0;
inline constexpr double kA4HeightMm = 297.0;

enum class Orientation { kPortrait, kLandscape };
enum class Align { kLeft, kCenter, kRight };
enum class VAlign { kTop, kMiddle, kBottom };
enum class FontFamily { kSans, kSerif };

// The characters a document draws with each face (UTF-8, any order, repeats allowed).
// Given, the PDF embeds each face cut down to exactly these characters (plus space and
// the hyphens Pango may insert at a line break), which makes writing a small document
// in CJK faces far cheaper (io/pdf_font_subset.h). The subset of a face depends only on
// its characters here, so the same text still gives the same bytes. Drawing a
// character with a face whose text lacks it makes Finish() fail with
// io.pdf.font_subset_incomplete.
struct FontSubset {
  std::string serif;       // FontFamily::kSerif
  std::string serif_bold;  // FontFamily::kSerif, bold
  std::string sans;        // FontFamily::kSans
  std::string sans_bold;   // FontFamily::kSans, bold
};

struct PageSetup {
  Orientation orientation = Orientation::kPortrait;
  // The header line sits inside the top margin and the footer inside the bottom margin,
  // so neither should be below about 14 mm.
  double margin_top_mm = 20;
  double margin_bottom_mm = 18;
  double margin_left_mm = 18;
  double margin_right_mm = 18;
  std::string title;         // the PDF's metadata title (what a viewer shows in its title bar)
  std::string subtitle;      // printed on the header line of every page; empty: no header line
  bool page_numbers = true;  // the footer "第 i 页 / 共 N 页" (certificates have none)
  // The PDF's CreationDate, ms since the epoch (UTC); 0: when Finish() runs. Set, the
  // same pages give the same bytes every time (a certificate re-rendered from what was
  // stored at issue matches its stored SHA-256).
  int64_t created_at_ms = 0;
};

struct TextStyle {
  FontFamily font = FontFamily::kSans;
  double size_pt = 10.5;  // 五号
  bool bold = false;
  Align align = Align::kLeft;
  uint32_t color = 0x000000;  // 0xRRGGBB
  double space_before_mm = 0;
  double space_after_mm = 2;
  // Extra space between characters: short Chinese headings are set wide ("签 到 表")
  // without putting spaces into the text, so it still reads back as "签到表".
  double letter_spacing_pt = 0;

  static TextStyle Body() { return {}; }
  // A centered line under the title: dates, venue, organizer.
  static TextStyle Subtitle() {
    return {FontFamily::kSans, 11, false, Align::kCenter, 0x262626, 0, 4};
  }
  // A section heading inside the document ("学员花名册").
  static TextStyle Heading() {
    return {FontFamily::kSerif, 15, true, Align::kCenter, 0x000000, 0, 3, 6};
  }
  // Small print: notes under a table.
  static TextStyle Note() { return {FontFamily::kSans, 9, false, Align::kLeft, 0x404040, 1, 1}; }
};

// How a column's cell text is set. Whatever the choice, no text is ever cut off: a cell
// that cannot be set as asked wraps like kWrap.
enum class CellFit {
  // Lines wrap at the column width (between any two Chinese characters).
  kWrap,
  // One line: the font shrinks (down to PdfDocument::kMinShrinkPt) until the text fits the
  // width. For names, phone numbers and ID numbers, which a reader (and pdftotext) must
  // see whole.
  kOneLine,
  // The column is made as wide as its widest cell, header included, on one line at the
  // table's font size (measured with Pango); width_mm is then a minimum. For short
  // labels such as a status ("已不符合结业条件"), which must not break.
  kWidest,
  // A list of items separated by "、" (kListSeparator), e.g. names: lines break only after
  // a separator, so no item is split across lines. An item longer than a whole line
  // wraps inside itself.
  kKeepItems,
};

// The separator of kKeepItems lists.
inline constexpr char kListSeparator[] = "、";

struct Column {
  std::string header;
  // <= 0: an equal share of the width left by the other columns. When the widths add up
  // to more than the space between the margins, all columns shrink in proportion; when
  // less, the table is centered.
  double width_mm = 0;
  Align align = Align::kLeft;
  // Consecutive rows with the same text in this column show it once, in one cell merged
  // down across them (the date of a timetable's day). A merged cell split by a page break
  // shows its text again on the new page.
  bool merge_repeated = false;
  CellFit fit = CellFit::kWrap;
  // A row split between pages shows this cell's text again at the top of each page it
  // continues on, once the cell itself is complete (the time and session of a 考勤通报
  // row whose list of absent trainees fills pages).
  bool repeat_when_split = false;
};

struct TableSpec {
  std::vector<Column> columns;
  // Each row has one cell per column; missing cells are empty, extra cells are ignored.
  std::vector<std::vector<std::string>> rows;
  bool repeat_header = true;     // draw the header row again at the top of every page
  double min_row_height_mm = 0;  // e.g. 12 for cells people sign by hand
  double font_size_pt = 10;
};

// A rectangle in millimetres, from the page's top-left corner.
struct RectMm {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

class PdfDocument {
 public:
  // Given `font_subset`, the fonts are cut down to its characters (see FontSubset).
  explicit PdfDocument(PageSetup setup, std::optional<FontSubset> font_subset = std::nullopt);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // The document title: serif bold, centered, wrapped when long.
  void Title(std::string_view text);
  // A wrapped paragraph; '\n' starts a new line.
  void Paragraph(std::string_view text, const TextStyle& style = TextStyle::Body());
  // A bordered table (thin black lines, bold header on a light gray fill, no zebra
  // stripes), wrapped cell text vertically centered. Nothing is ever cut off:
  //   - a row that fits on the rest of the page goes there; one that does not starts on
  //     the next page, unless it is taller than a whole page or more than half a page
  //     would stay empty: then it is split between two lines of text and continues on
  //     the next page (its cells then top-aligned, Column::repeat_when_split cells shown
  //     again), as often as needed;
  //   - with repeat_header, every page the table continues on starts with the header row;
  //   - the header row is never the last thing on a page: it stays with (the start of)
  //     the first row.
  // `row_done(i)` is called after row i (0-based) is placed.
  void Table(const TableSpec& table, const std::function<void(int row)>& row_done = {});
  // A QR code `size_mm` square (quiet zone included) placed in the flow.
  void Image(const QrMatrix& qr, double size_mm = 30, Align align = Align::kCenter);
  // Vertical space; at the top of a page it is dropped.
  void Space(double mm);
  // Starts a new page, unless the current page is still empty.
  void NewPage();

  // Geometry of the current page.
  RectMm PageRect() const;       // the whole sheet
  RectMm ContentRect() const;    // inside the margins
  RectMm RemainingRect() const;  // inside the margins, below the flow cursor
  // Moves the flow cursor down to `y_mm` (never up; clamped to the bottom margin).
  void MoveCursorTo(double y_mm);

  // Absolute drawing on the current page; the flow cursor stays where it is.
  // Text is wrapped to the box width and shrunk (down to kMinShrinkPt) until it fits the
  // box height in at most `max_lines` lines (0: any number). Text that does not fit even
  // then is set at kMinShrinkPt in as many lines as it needs and overflows the box
  // (centered on it): it is never cut off. The style's spacing is ignored.
  static constexpr double kMinShrinkPt = 6;
  void DrawText(const RectMm& box, std::string_view text, const TextStyle& style,
                VAlign valign = VAlign::kMiddle, int max_lines = 0);
  // A rectangle outlined with `line_mm` (0: no outline) in `line_color`, filled with
  // `fill` (0xRRGGBB) when given.
  void DrawBox(const RectMm& box, double line_mm = 0.2, std::optional<uint32_t> fill = {},
               uint32_t line_color = 0x000000);
  void DrawLine(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double line_mm = 0.2,
                uint32_t color = 0x000000);
  // The QR code with its standard quiet zone, as large as fits in `box`, centered.
  void DrawQr(const RectMm& box, const QrMatrix& qr);
  // A PNG image (its bytes) scaled to fill `box` exactly, drawn with `opacity` (0..1);
  // its own alpha channel is kept, so a seal's transparent parts show what is under
  // it. Errors: io.image.invalid (not a PNG Cairo can read), from Finish().
  void DrawPng(const RectMm& box, std::string_view png, double opacity = 1.0);
  // The height the text takes when wrapped to `width_mm` (for layouts that measure first).
  double TextHeightMm(std::string_view text, const TextStyle& style, double width_mm);

  int page_count() const;

  // Writes every page and returns the PDF bytes. Call once; later calls, and any other
  // call after it, do nothing (Finish returns io.pdf.finished). `page_done(i, n)` is called
  // after page i of n (1-based) is written.
  // Errors: io.encoding.invalid (a text was not UTF-8), io.pdf.font_missing (the Noto CJK
  // fonts are not installed), io.pdf.write_failed (Cairo failed), io.pdf.finished.
  Result<std::string> Finish(const std::function<void(int page, int pages)>& page_done = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peixun::io
