#include "io/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

namespace peixun::io {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr const char* kSansFamily = "Noto Sans CJK SC";
constexpr const char* kSerifFamily = "Noto Serif CJK SC";

// Line widths and paddings, in millimetres.
constexpr double kTableLineMm = 0.18;       // about half a point: "thin" on paper
constexpr double kCellPadXMm = 1.5;         // text to the left/right border of a cell
constexpr double kCellPadYMm = 1.2;         // text to the top/bottom border of a cell
constexpr uint32_t kHeaderFill = 0xE8E8E8;  // light enough to photocopy cleanly
// Header line and footer, measured from the content edge into the margin.
constexpr double kHeaderGapMm = 3;  // rule above the content
constexpr double kFooterGapMm = 6;  // footer text top below the content
constexpr double kHeaderFooterPt = 9;
constexpr uint32_t kHeaderFooterColor = 0x555555;
constexpr double kTitleSizePt = 18;    // 小二
constexpr double kShrinkStepPt = 0.5;  // DrawText shrinks the font in these steps
constexpr double kImageSpaceAfterMm = 2;

double Pt(double mm) { return mm * kPtPerMm; }
double Mm(double pt) { return pt / kPtPerMm; }

void SetColor(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws `layout` with its top-left corner at (x, y) points.
void ShowLayout(cairo_t* cr, PangoLayout* layout, double x, double y, uint32_t color) {
  cairo_save(cr);
  SetColor(cr, color);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
}

// One line of a layout, in points from the layout's top-left corner: its vertical extent,
// its baseline and where it starts (alignment included).
struct LineBox {
  double top = 0;
  double bottom = 0;
  double baseline = 0;
  double x = 0;
};
using LineBoxes = std::shared_ptr<const std::vector<LineBox>>;

LineBoxes LinesOf(PangoLayout* layout) {
  auto lines = std::make_shared<std::vector<LineBox>>();
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    int y0 = 0;
    int y1 = 0;
    pango_layout_iter_get_line_yrange(iter, &y0, &y1);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    lines->push_back({static_cast<double>(y0) / PANGO_SCALE, static_cast<double>(y1) / PANGO_SCALE,
                      static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE,
                      static_cast<double>(logical.x) / PANGO_SCALE});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return lines;
}

// Draws lines [first, last) of `layout` with the top of line `first` at (x, y) points.
// Only those lines are drawn (not clipped away): text split between pages is on exactly
// one page each, for the eye and for text extraction alike.
void ShowLines(cairo_t* cr, PangoLayout* layout, const std::vector<LineBox>& lines, size_t first,
               size_t last, double x, double y, uint32_t color) {
  if (first >= last) return;
  cairo_save(cr);
  SetColor(cr, color);
  const double offset = lines[first].top;
  size_t i = 0;
  for (GSList* l = pango_layout_get_lines_readonly(layout); l != nullptr && i < last;
       l = l->next, ++i) {
    if (i < first) continue;
    cairo_move_to(cr, x + lines[i].x, y + lines[i].baseline - offset);
    pango_cairo_show_layout_line(cr, static_cast<PangoLayoutLine*>(l->data));
  }
  cairo_restore(cr);
}

// The QR code with its quiet zone as a 1-bit mask, one pixel per module. Drawn through
// cairo_mask with nearest-neighbour filtering it becomes a PDF stencil image: crisp at
// any size, a few hundred bytes, and quick to write and to read back (a vector path of
// one rectangle per run made a sheet of 2,000 badges 7.7 MB and took seconds).
cairo_surface_t* QrMask(const QrMatrix& qr) {
  const int quiet = kQrStandardQuietZone;
  const int side = qr.size + 2 * quiet;
  cairo_surface_t* mask = cairo_image_surface_create(CAIRO_FORMAT_A1, side, side);
  cairo_surface_flush(mask);
  unsigned char* data = cairo_image_surface_get_data(mask);
  const int stride = cairo_image_surface_get_stride(mask);
  if (data == nullptr) return mask;  // out of memory: the surface reports its error
  for (int row = 0; row < qr.size; ++row) {
    auto* words = reinterpret_cast<uint32_t*>(data + (row + quiet) * stride);
    for (int col = 0; col < qr.size; ++col) {
      if (!qr.at(col, row)) continue;
      // A1 packs pixels into native-endian 32-bit words, the first pixel in the
      // least significant bit on little-endian machines and the most on big-endian.
      const int x = col + quiet;
      const int bit = std::endian::native == std::endian::little ? x % 32 : 31 - x % 32;
      words[x / 32] |= uint32_t{1} << bit;
    }
  }
  cairo_surface_mark_dirty(mask);
  return mask;
}

}  // namespace

struct PdfDocument::Impl {
  using Op = std::function<void(cairo_t*)>;
  struct Page {
    std::vector<Op> ops;
    bool has_content = false;  // anything but the header line
  };

  PageSetup setup;
  double page_w = 0;  // points
  double page_h = 0;
  std::unique_ptr<PangoContext, GObjectUnref> context;
  std::vector<Page> pages;
  double cursor = 0;  // flow cursor, points from the page top
  std::optional<Error> error;
  bool finished = false;

  double content_left() const { return Pt(setup.margin_left_mm); }
  double content_top() const { return Pt(setup.margin_top_mm); }
  double content_right() const { return page_w - Pt(setup.margin_right_mm); }
  double content_bottom() const { return page_h - Pt(setup.margin_bottom_mm); }
  double content_width() const { return content_right() - content_left(); }
  bool at_page_top() const { return cursor <= content_top(); }
  Page& page() { return pages.back(); }

  void Add(Op op) {
    page().ops.push_back(std::move(op));
    page().has_content = true;
  }

  bool CheckText(std::string_view text) {
    if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return true;
    if (!error) {
      error = Invalid("io.encoding.invalid", "PDF 文字不是有效的 UTF-8 编码",
                      "a PDF text is not valid UTF-8");
    }
    return false;
  }

  // A layout of `text` wrapped to `width` points (<= 0: no wrapping) at `size_pt`.
  LayoutPtr MakeLayout(std::string_view text, const TextStyle& style, double width,
                       double size_pt) {
    LayoutPtr layout(pango_layout_new(context.get()), GObjectUnref());
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(
        font, style.font == FontFamily::kSerif ? kSerifFamily : kSansFamily);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(font, static_cast<int>(size_pt * PANGO_SCALE));
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    if (width > 0) {
      pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    switch (style.align) {
      case Align::kLeft:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
        break;
      case Align::kCenter:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
        break;
      case Align::kRight:
        pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
        break;
    }
    if (style.letter_spacing_pt > 0) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
                                        static_cast<int>(style.letter_spacing_pt * PANGO_SCALE)));
      pango_layout_set_attributes(layout.get(), attrs);
      pango_attr_list_unref(attrs);
    }
    if (CheckText(text)) {
      pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    }
    return layout;
  }
  LayoutPtr MakeLayout(std::string_view text, const TextStyle& style, double width) {
    return MakeLayout(text, style, width, style.size_pt);
  }

  static double Height(PangoLayout* layout) {
    int w = 0;
    int h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void StartPage() {
    pages.emplace_back();
    cursor = content_top();
    if (setup.subtitle.empty()) return;
    TextStyle style;
    style.size_pt = kHeaderFooterPt;
    style.color = kHeaderFooterColor;
    LayoutPtr layout = MakeLayout(setup.subtitle, style, content_width());
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    const double rule_y = content_top() - Pt(kHeaderGapMm);
    const double text_y = rule_y - Pt(1) - Height(layout.get());
    const double left = content_left();
    const double right = content_right();
    page().ops.push_back([layout, left, right, rule_y, text_y](cairo_t* cr) {
      ShowLayout(cr, layout.get(), left, text_y, kHeaderFooterColor);
      cairo_save(cr);
      SetColor(cr, kHeaderFooterColor);
      cairo_set_line_width(cr, Pt(0.2));
      cairo_move_to(cr, left, rule_y);
      cairo_line_to(cr, right, rule_y);
      cairo_stroke(cr);
      cairo_restore(cr);
    });
  }

  // Starts a new page when `height` points do not fit below the cursor, unless the page
  // is empty (then the block is placed anyway and cut off at the bottom).
  void EnsureSpace(double height) {
    if (cursor + height > content_bottom() && !at_page_top()) StartPage();
  }

  // Places a flowing text layout, splitting it between lines across pages.
  void FlowLayout(LayoutPtr layout, double x, uint32_t color) {
    const LineBoxes lines = LinesOf(layout.get());
    size_t start = 0;
    while (start < lines->size()) {
      const double available = content_bottom() - cursor;
      const double first_top = (*lines)[start].top;
      size_t end = start;
      while (end < lines->size() && (*lines)[end].bottom - first_top <= available) ++end;
      if (end == start) {
        if (!at_page_top()) {
          StartPage();
          continue;
        }
        end = start + 1;  // a line taller than a page: place it anyway
      }
      const double height = (*lines)[end - 1].bottom - first_top;
      const double top = cursor;
      Add([layout, lines, start, end, x, top, color](cairo_t* cr) {
        ShowLines(cr, layout.get(), *lines, start, end, x, top, color);
      });
      cursor += height;
      start = end;
      if (start < lines->size()) StartPage();
    }
  }

  void Text(std::string_view text, const TextStyle& style) {
    if (!at_page_top()) cursor += Pt(style.space_before_mm);
    FlowLayout(MakeLayout(text, style, content_width()), content_left(), style.color);
    cursor = std::min(cursor + Pt(style.space_after_mm), content_bottom());
  }

  // A table cell's layout, set as `fit` asks (CellFit), `width` points wide.
  LayoutPtr CellLayout(std::string_view text, const TextStyle& style, CellFit fit, double width);
  void Table(const TableSpec& spec, const std::function<void(int)>& row_done);
};

namespace {

// Byte ranges [begin, end) of the items of a kKeepItems list (the text between separators).
std::vector<std::pair<size_t, size_t>> ListItems(std::string_view text) {
  const std::string_view separator = kListSeparator;
  std::vector<std::pair<size_t, size_t>> items;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(separator, begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin) items.emplace_back(begin, end);
    begin = end + separator.size();
  }
  return items;
}

// Forbids line breaks inside each item of `items`.
void KeepItemsTogether(PangoLayout* layout, const std::vector<std::pair<size_t, size_t>>& items) {
  PangoAttrList* attrs = pango_attr_list_new();
  for (const auto& [begin, end] : items) {
    PangoAttribute* attr = pango_attr_allow_breaks_new(FALSE);
    attr->start_index = static_cast<guint>(begin);
    attr->end_index = static_cast<guint>(end);
    pango_attr_list_insert(attrs, attr);
  }
  pango_layout_set_attributes(layout, attrs);
  pango_attr_list_unref(attrs);
}

double LogicalWidth(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

}  // namespace

LayoutPtr PdfDocument::Impl::CellLayout(std::string_view text, const TextStyle& style, CellFit fit,
                                        double width) {
  switch (fit) {
    case CellFit::kWrap:
    case CellFit::kWidest:  // wide enough by construction; wraps only if '\n' says so
      break;
    case CellFit::kOneLine:
      for (double size = style.size_pt; size >= kMinShrinkPt; size -= kShrinkStepPt) {
        LayoutPtr layout = MakeLayout(text, style, width, size);
        if (pango_layout_get_line_count(layout.get()) <= 1) return layout;
      }
      break;  // too long even at the smallest size: wrap at the table's size
    case CellFit::kKeepItems: {
      std::vector<std::pair<size_t, size_t>> items = ListItems(text);
      LayoutPtr layout = MakeLayout(text, style, width);
      if (items.empty() || !CheckText(text)) return layout;
      KeepItemsTogether(layout.get(), items);
      // An item wider than a whole line overflows it: let that item wrap inside itself.
      std::vector<std::pair<size_t, size_t>> too_long;
      for (GSList* l = pango_layout_get_lines_readonly(layout.get()); l != nullptr; l = l->next) {
        auto* line = static_cast<PangoLayoutLine*>(l->data);
        PangoRectangle logical;
        pango_layout_line_get_extents(line, nullptr, &logical);
        if (static_cast<double>(logical.width) / PANGO_SCALE <= width + 0.01) continue;
        too_long.emplace_back(line->start_index, line->start_index + line->length);
      }
      if (too_long.empty()) return layout;
      std::erase_if(items, [&](const std::pair<size_t, size_t>& item) {
        return std::any_of(too_long.begin(), too_long.end(), [&](const auto& range) {
          return item.first < range.second && range.first < item.second;
        });
      });
      layout = MakeLayout(text, style, width);
      KeepItemsTogether(layout.get(), items);
      return layout;
    }
  }
  return MakeLayout(text, style, width);
}

void PdfDocument::Impl::Table(const TableSpec& spec, const std::function<void(int)>& row_done) {
  const size_t ncols = spec.columns.size();
  if (ncols == 0) return;
  const size_t nrows = spec.rows.size();
  static const std::string kEmpty;
  auto text_of = [&](size_t r, size_t c) -> const std::string& {
    return c < spec.rows[r].size() ? spec.rows[r][c] : kEmpty;
  };
  auto fit_of = [&](size_t c) { return spec.columns[c].fit; };
  auto merged = [&](size_t c) { return spec.columns[c].merge_repeated; };

  const double pad_x = Pt(kCellPadXMm);
  const double pad_y = Pt(kCellPadYMm);
  const double line = Pt(kTableLineMm);

  TextStyle header_style;
  header_style.size_pt = spec.font_size_pt;
  header_style.bold = true;
  header_style.align = Align::kCenter;
  TextStyle cell_style;
  cell_style.size_pt = spec.font_size_pt;

  // Column widths in points. kWidest columns are measured first and keep their width when
  // the others have to shrink.
  std::vector<double> widths(ncols, 0);
  double fixed = 0;
  double widest = 0;  // of kWidest columns
  int flexible = 0;
  for (size_t c = 0; c < ncols; ++c) {
    double w = spec.columns[c].width_mm > 0 ? Pt(spec.columns[c].width_mm) : 0;
    if (fit_of(c) == CellFit::kWidest) {
      double text_w = LogicalWidth(MakeLayout(spec.columns[c].header, header_style, 0).get());
      for (size_t r = 0; r < nrows; ++r) {
        text_w = std::max(text_w, LogicalWidth(MakeLayout(text_of(r, c), cell_style, 0).get()));
      }
      // A little slack: the width is measured unhinted, like the text is set.
      w = std::max(w, text_w + 2 * pad_x + Pt(0.5));
      widest += w;
    }
    widths[c] = w;
    if (w > 0) {
      fixed += w;
    } else {
      ++flexible;
    }
  }
  const double full = content_width();
  const double share = flexible > 0 ? std::max(full - fixed, Pt(10) * flexible) / flexible : 0;
  double total = 0;
  for (double& w : widths) {
    if (w <= 0) w = share;
    total += w;
  }
  if (total > full) {
    const bool keep_widest = widest < full * 0.8;
    const double scale = keep_widest ? (full - widest) / (total - widest) : full / total;
    for (size_t c = 0; c < ncols; ++c) {
      if (!(keep_widest && fit_of(c) == CellFit::kWidest)) widths[c] *= scale;
    }
    total = full;
  }
  std::vector<double> lefts(ncols);
  lefts[0] = content_left() + (full - total) / 2;
  for (size_t c = 1; c < ncols; ++c) lefts[c] = lefts[c - 1] + widths[c - 1];
  auto text_width = [&](size_t c) { return std::max(widths[c] - 2 * pad_x, 1.0); };

  // The header row.
  std::vector<LayoutPtr> header_cells;
  double header_h = 0;
  for (size_t c = 0; c < ncols; ++c) {
    header_cells.push_back(MakeLayout(spec.columns[c].header, header_style, text_width(c)));
    header_h = std::max(header_h, Height(header_cells.back().get()) + 2 * pad_y);
  }

  // Every cell laid out, and the natural height of every row (merged cells aside).
  std::vector<std::vector<LayoutPtr>> cells(nrows);
  std::vector<double> heights(nrows, Pt(spec.min_row_height_mm));
  for (size_t r = 0; r < nrows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      TextStyle style = cell_style;
      style.align = spec.columns[c].align;
      if (merged(c) && r > 0 && text_of(r, c) == text_of(r - 1, c)) {
        cells[r].push_back(cells[r - 1][c]);  // the same text: one layout per group
        continue;
      }
      cells[r].push_back(CellLayout(text_of(r, c), style, fit_of(c), text_width(c)));
      if (!merged(c)) heights[r] = std::max(heights[r], Height(cells[r][c].get()) + 2 * pad_y);
    }
  }
  auto group_starts = [&](size_t c, size_t r) {
    return r == 0 || r >= nrows || text_of(r, c) != text_of(r - 1, c);
  };
  auto merge_need = [&](size_t r, size_t c) { return Height(cells[r][c].get()) + 2 * pad_y; };

  // Drawing. Rows are laid out page by page as slices (a whole row, or the part of a
  // split row on one page) and drawn when the page is complete, so that a merged cell
  // that turns out short can still make its last row taller.
  struct Slice {
    size_t row = 0;
    double top = 0;
    double h = 0;
    // Split rows only: the lines [first, last) of each cell on this page.
    std::vector<std::pair<size_t, size_t>> lines;
  };
  struct MergedPiece {
    size_t row = 0;  // whose layout shows the text
    size_t col = 0;
    double top = 0;
    double h = 0;
  };
  struct OpenMerge {
    bool open = false;
    size_t row = 0;
    double top = 0;
  };
  std::vector<Slice> slices;
  std::vector<MergedPiece> pieces;
  std::vector<OpenMerge> merges(ncols);
  std::vector<LineBoxes> row_lines(ncols);  // of the row being split

  auto draw_rect = [this, line](double x, double y, double w, double h,
                                std::optional<uint32_t> fill) {
    Add([x, y, w, h, line, fill](cairo_t* cr) {
      cairo_save(cr);
      cairo_rectangle(cr, x, y, w, h);
      if (fill) {
        SetColor(cr, *fill);
        cairo_fill_preserve(cr);
      }
      SetColor(cr, 0x000000);
      cairo_set_line_width(cr, line);
      cairo_stroke(cr);
      cairo_restore(cr);
    });
  };
  // Whole text, centered vertically in a box `h` tall at `top` (text taller than the box
  // starts at its top and overflows it rather than being cut).
  auto draw_cell_text = [this, pad_y](LayoutPtr layout, double x, double top, double h) {
    const double text_h = Height(layout.get());
    const double y = top + pad_y + std::max((h - 2 * pad_y - text_h) / 2, 0.0);
    Add([layout, x, y](cairo_t* cr) { ShowLayout(cr, layout.get(), x, y, 0x000000); });
  };
  auto draw_header = [&] {
    for (size_t c = 0; c < ncols; ++c) {
      draw_rect(lefts[c], cursor, widths[c], header_h, kHeaderFill);
      draw_cell_text(header_cells[c], lefts[c] + pad_x, cursor, header_h);
    }
    cursor += header_h;
  };
  auto flush = [&] {
    for (const Slice& s : slices) {
      for (size_t c = 0; c < ncols; ++c) {
        if (merged(c)) continue;
        draw_rect(lefts[c], s.top, widths[c], s.h, std::nullopt);
        if (s.lines.empty()) {
          draw_cell_text(cells[s.row][c], lefts[c] + pad_x, s.top, s.h);
          continue;
        }
        const auto [first, last] = s.lines[c];
        if (first >= last) continue;
        LayoutPtr layout = cells[s.row][c];
        LineBoxes lines = row_lines[c];
        const double x = lefts[c] + pad_x;
        const double y = s.top + pad_y;
        Add([layout, lines, first, last, x, y](cairo_t* cr) {
          ShowLines(cr, layout.get(), *lines, first, last, x, y, 0x000000);
        });
      }
    }
    for (const MergedPiece& p : pieces) {
      draw_rect(lefts[p.col], p.top, widths[p.col], p.h, std::nullopt);
      draw_cell_text(cells[p.row][p.col], lefts[p.col] + pad_x, p.top, p.h);
    }
    slices.clear();
    pieces.clear();
  };
  // Ends the merged cell of column c on this page; one shorter than its text makes the
  // last row taller (there is room: see `fits` below).
  auto close_merge = [&](size_t c) {
    OpenMerge& m = merges[c];
    if (!m.open) return;
    const double deficit = merge_need(m.row, c) - (cursor - m.top);
    const double grow = std::min(deficit, content_bottom() - cursor);
    if (grow > 0 && !slices.empty()) {
      slices.back().h += grow;
      cursor += grow;
    }
    pieces.push_back({m.row, c, m.top, cursor - m.top});
    m.open = false;
  };
  bool fresh_page = at_page_top();  // no row on this page yet
  auto page_break = [&] {
    for (size_t c = 0; c < ncols; ++c) close_merge(c);
    flush();
    StartPage();
    if (spec.repeat_header) draw_header();
    fresh_page = true;
  };
  auto place = [&](Slice slice) {
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c) && !merges[c].open) merges[c] = {true, slice.row, slice.top};
    }
    cursor += slice.h;
    slices.push_back(std::move(slice));
    fresh_page = false;
  };

  // The space a continuation page offers a row, below the repeated header.
  const double page_space = content_bottom() - content_top() - (spec.repeat_header ? header_h : 0);
  // Space row r needs on this page besides its own height: a merged cell that starts
  // with it needs its text's height before the page ends.
  auto merges_need = [&](size_t r) {
    double need = 0;
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c) && (group_starts(c, r) || !merges[c].open)) {
        need = std::max(need, merge_need(r, c));
      }
    }
    return need;
  };
  // Whether every cell of row r can show at least its first line in `space` points.
  auto can_split = [&](size_t r, double space) {
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c)) continue;
      if (Height(cells[r][c].get()) == 0) continue;
      const LineBoxes lines = LinesOf(cells[r][c].get());
      if (lines->front().bottom - lines->front().top > space - 2 * pad_y) return false;
    }
    return true;
  };
  enum class Fit { kWhole, kSplit, kNextPage };
  auto fits = [&](size_t r, double space) {
    if (fresh_page) return heights[r] <= space ? Fit::kWhole : Fit::kSplit;
    const double need = merges_need(r);
    if (need > space) return Fit::kNextPage;
    if (heights[r] <= space) return Fit::kWhole;
    // Taller than the rest of the page: move it whole when it fits on the next page and
    // little room is lost, else split it here.
    if (heights[r] <= page_space && space < page_space / 2) return Fit::kNextPage;
    return can_split(r, space) ? Fit::kSplit : Fit::kNextPage;
  };
  auto split = [&](size_t r) {
    for (size_t c = 0; c < ncols; ++c) {
      row_lines[c] = merged(c) ? nullptr : LinesOf(cells[r][c].get());
    }
    std::vector<size_t> next(ncols, 0);  // the first line of each cell not shown yet
    bool continuation = false;           // a slice of the row is on an earlier page
    while (true) {
      const double space = content_bottom() - cursor - 2 * pad_y;
      Slice slice{r, cursor, 0, std::vector<std::pair<size_t, size_t>>(ncols, {0, 0})};
      bool done = true;
      bool progress = false;
      double used = 0;
      for (size_t c = 0; c < ncols; ++c) {
        if (merged(c)) continue;
        const std::vector<LineBox>& lines = *row_lines[c];
        // A complete cell shown again on a continuation page, as far as it fits there.
        const bool again =
            continuation && next[c] == lines.size() && spec.columns[c].repeat_when_split;
        const size_t first = again ? 0 : next[c];
        size_t last = first;
        if (first < lines.size()) {
          const double top = lines[first].top;
          while (last < lines.size() && lines[last].bottom - top <= space) ++last;
          if (last == first && fresh_page && !again) ++last;  // taller than a page: overflow
          if (last > first) used = std::max(used, lines[last - 1].bottom - top);
        }
        if (!again) {
          progress = progress || last > first;
          done = done && last == lines.size();
        }
        slice.lines[c] = {first, last};
      }
      if (!progress && !done) {
        page_break();
        continue;
      }
      for (size_t c = 0; c < ncols; ++c) {
        if (!merged(c)) next[c] = std::max(next[c], slice.lines[c].second);
      }
      // The last slice as tall as its text (and the minimum row height, as far as the
      // page allows); the others fill their page.
      slice.h = done ? std::max(used + 2 * pad_y,
                                std::min(Pt(spec.min_row_height_mm), content_bottom() - cursor))
                     : std::max(content_bottom() - cursor, used + 2 * pad_y);
      place(std::move(slice));
      if (done) return;
      continuation = true;
      page_break();
    }
  };

  // The header stays with (the start of) the first row.
  if (nrows == 0) {
    EnsureSpace(header_h);
  } else if (!at_page_top() && fits(0, content_bottom() - cursor - header_h) == Fit::kNextPage) {
    StartPage();
    fresh_page = true;
  }
  draw_header();
  for (size_t r = 0; r < nrows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      if (merged(c) && group_starts(c, r)) close_merge(c);
    }
    Fit fit = fits(r, content_bottom() - cursor);
    if (fit == Fit::kNextPage) {
      page_break();
      fit = fits(r, content_bottom() - cursor);
    }
    if (fit == Fit::kWhole) {
      place({r, cursor, heights[r], {}});
    } else {
      split(r);
    }
    if (row_done) row_done(static_cast<int>(r));
  }
  for (size_t c = 0; c < ncols; ++c) close_merge(c);
  flush();
  cursor = std::min(cursor + Pt(2), content_bottom());
}

PdfDocument::PdfDocument(PageSetup setup) : impl_(std::make_unique<Impl>()) {
  impl_->setup = std::move(setup);
  const bool landscape = impl_->setup.orientation == Orientation::kLandscape;
  impl_->page_w = Pt(landscape ? kA4HeightMm : kA4WidthMm);
  impl_->page_h = Pt(landscape ? kA4WidthMm : kA4HeightMm);

  // One context per document: Pango's default font map is per thread, so documents on
  // different threads share nothing. Unhinted metrics keep PDF text spacing exact, and a
  // resolution of 72 makes a Pango point one PDF unit.
  PangoFontMap* font_map = pango_cairo_font_map_get_default();
  impl_->context.reset(pango_font_map_create_context(font_map));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(impl_->context.get(), options);
  cairo_font_options_destroy(options);
  pango_cairo_context_set_resolution(impl_->context.get(), 72);
  pango_context_set_language(impl_->context.get(), pango_language_from_string("zh-cn"));

  // Without the Noto CJK fonts fontconfig substitutes another family and Chinese prints as
  // empty boxes; refuse instead.
  for (const char* family : {kSansFamily, kSerifFamily}) {
    PangoFontDescription* desc = pango_font_description_from_string(family);
    PangoFont* font = pango_font_map_load_font(font_map, impl_->context.get(), desc);
    std::string found;
    if (font != nullptr) {
      PangoFontDescription* got = pango_font_describe(font);
      const char* name = pango_font_description_get_family(got);
      found = name != nullptr ? name : "";
      pango_font_description_free(got);
      g_object_unref(font);
    }
    pango_font_description_free(desc);
    if (found != family && !impl_->error) {
      impl_->error =
          MakeError(ErrorKind::kInternal, "io.pdf.font_missing",
                    std::string("缺少字体 ") + family + "（请安装 fonts-noto-cjk）",
                    std::string("font missing: ") + family + " (install fonts-noto-cjk)");
    }
  }
  impl_->StartPage();
}

PdfDocument::~PdfDocument() = default;

void PdfDocument::Title(std::string_view text) {
  if (impl_->finished) return;
  TextStyle style;
  style.font = FontFamily::kSerif;
  style.size_pt = kTitleSizePt;
  style.bold = true;
  style.align = Align::kCenter;
  style.space_before_mm = 2;
  style.space_after_mm = 3;
  impl_->Text(text, style);
}

void PdfDocument::Paragraph(std::string_view text, const TextStyle& style) {
  if (impl_->finished) return;
  impl_->Text(text, style);
}

void PdfDocument::Table(const TableSpec& table, const std::function<void(int)>& row_done) {
  if (impl_->finished) return;
  impl_->Table(table, row_done);
}

void PdfDocument::Image(const QrMatrix& qr, double size_mm, Align align) {
  if (impl_->finished) return;
  const double side = Pt(size_mm);
  impl_->EnsureSpace(side);
  double x = impl_->content_left();
  if (align == Align::kCenter) x += (impl_->content_width() - side) / 2;
  if (align == Align::kRight) x = impl_->content_right() - side;
  DrawQr({Mm(x), Mm(impl_->cursor), size_mm, size_mm}, qr);
  impl_->cursor = std::min(impl_->cursor + side + Pt(kImageSpaceAfterMm), impl_->content_bottom());
}

void PdfDocument::Space(double mm) {
  if (impl_->finished || impl_->at_page_top()) return;
  impl_->cursor = std::min(impl_->cursor + Pt(mm), impl_->content_bottom());
}

void PdfDocument::NewPage() {
  if (impl_->finished || !impl_->page().has_content) return;
  impl_->StartPage();
}

RectMm PdfDocument::PageRect() const { return {0, 0, Mm(impl_->page_w), Mm(impl_->page_h)}; }

RectMm PdfDocument::ContentRect() const {
  return {Mm(impl_->content_left()), Mm(impl_->content_top()), Mm(impl_->content_width()),
          Mm(impl_->content_bottom() - impl_->content_top())};
}

RectMm PdfDocument::RemainingRect() const {
  return {Mm(impl_->content_left()), Mm(impl_->cursor), Mm(impl_->content_width()),
          Mm(impl_->content_bottom() - impl_->cursor)};
}

void PdfDocument::MoveCursorTo(double y_mm) {
  impl_->cursor = std::max(impl_->cursor, std::min(Pt(y_mm), impl_->content_bottom()));
}

void PdfDocument::DrawText(const RectMm& box, std::string_view text, const TextStyle& style,
                           VAlign valign, int max_lines) {
  if (impl_->finished || box.w <= 0 || box.h <= 0) return;
  const double x = Pt(box.x);
  const double y = Pt(box.y);
  const double w = Pt(box.w);
  const double h = Pt(box.h);
  LayoutPtr layout;
  bool fits = false;
  for (double size = style.size_pt;; size -= kShrinkStepPt) {
    layout = impl_->MakeLayout(text, style, w, size);
    fits = Impl::Height(layout.get()) <= h &&
           (max_lines <= 0 || pango_layout_get_line_count(layout.get()) <= max_lines);
    if (fits || size - kShrinkStepPt < kMinShrinkPt) break;
  }
  // Too long for the box even at the smallest size: as many lines as it takes at that
  // size, overflowing the box, rather than cut off.
  const double text_h = Impl::Height(layout.get());
  double top = y;
  if (valign == VAlign::kMiddle || !fits) top = y + (h - text_h) / 2;
  if (valign == VAlign::kBottom && fits) top = y + h - text_h;
  const uint32_t color = style.color;
  impl_->Add([layout, x, top, color](cairo_t* cr) { ShowLayout(cr, layout.get(), x, top, color); });
}

void PdfDocument::DrawBox(const RectMm& box, double line_mm, std::optional<uint32_t> fill,
                          uint32_t line_color) {
  if (impl_->finished) return;
  const double x = Pt(box.x);
  const double y = Pt(box.y);
  const double w = Pt(box.w);
  const double h = Pt(box.h);
  const double line = Pt(line_mm);
  impl_->Add([x, y, w, h, line, fill, line_color](cairo_t* cr) {
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    if (fill) {
      SetColor(cr, *fill);
      cairo_fill_preserve(cr);
    }
    if (line > 0) {
      SetColor(cr, line_color);
      cairo_set_line_width(cr, line);
      cairo_stroke(cr);
    }
    cairo_new_path(cr);
    cairo_restore(cr);
  });
}

void PdfDocument::DrawLine(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double line_mm,
                           uint32_t color) {
  if (impl_->finished) return;
  const double x1 = Pt(x1_mm);
  const double y1 = Pt(y1_mm);
  const double x2 = Pt(x2_mm);
  const double y2 = Pt(y2_mm);
  const double line = Pt(line_mm);
  impl_->Add([x1, y1, x2, y2, line, color](cairo_t* cr) {
    cairo_save(cr);
    SetColor(cr, color);
    cairo_set_line_width(cr, line);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    cairo_stroke(cr);
    cairo_restore(cr);
  });
}

void PdfDocument::DrawQr(const RectMm& box, const QrMatrix& qr) {
  if (impl_->finished || qr.size <= 0 || qr.dark.size() != static_cast<size_t>(qr.size) * qr.size) {
    return;
  }
  const double side = Pt(std::min(box.w, box.h));
  const double x = Pt(box.x) + (Pt(box.w) - side) / 2;
  const double y = Pt(box.y) + (Pt(box.h) - side) / 2;
  impl_->Add([qr, x, y, side](cairo_t* cr) {
    cairo_save(cr);
    cairo_rectangle(cr, x, y, side, side);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill(cr);
    cairo_surface_t* mask = QrMask(qr);
    const int pixels = qr.size + 2 * kQrStandardQuietZone;
    cairo_translate(cr, x, y);
    cairo_scale(cr, side / pixels, side / pixels);
    cairo_pattern_t* pattern = cairo_pattern_create_for_surface(mask);
    cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_mask(cr, pattern);
    cairo_pattern_destroy(pattern);
    cairo_surface_destroy(mask);
    cairo_restore(cr);
  });
}

double PdfDocument::TextHeightMm(std::string_view text, const TextStyle& style, double width_mm) {
  return Mm(Impl::Height(impl_->MakeLayout(text, style, Pt(width_mm)).get()));
}

int PdfDocument::page_count() const { return static_cast<int>(impl_->pages.size()); }

Result<std::string> PdfDocument::Finish(const std::function<void(int, int)>& page_done) {
  Impl& d = *impl_;
  if (d.finished) {
    return MakeError(ErrorKind::kInternal, "io.pdf.finished", "PDF 文档已经生成过",
                     "the PDF document was already finished");
  }
  d.finished = true;
  if (d.error) return *d.error;

  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&AppendToString, &bytes, d.page_w, d.page_h);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d.setup.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "peixun");
  cairo_t* cr = cairo_create(surface);

  TextStyle footer_style;
  footer_style.size_pt = kHeaderFooterPt;
  footer_style.align = Align::kCenter;
  footer_style.color = kHeaderFooterColor;
  const int total = static_cast<int>(d.pages.size());
  for (int i = 0; i < total; ++i) {
    for (const Impl::Op& op : d.pages[i].ops) op(cr);
    LayoutPtr footer =
        d.MakeLayout("第 " + std::to_string(i + 1) + " 页 / 共 " + std::to_string(total) + " 页",
                     footer_style, d.content_width());
    ShowLayout(cr, footer.get(), d.content_left(), d.content_bottom() + Pt(kFooterGapMm),
               kHeaderFooterColor);
    cairo_show_page(cr);
    d.pages[i].ops.clear();  // frees the layouts as we go
    if (page_done) page_done(i + 1, total);
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Internal("io.pdf.write_failed", cairo_status_to_string(status));
  }
  return bytes;
}

}  // namespace peixun::io
