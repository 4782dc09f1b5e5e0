#include "io/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
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

// Appends a path that covers the dark modules of `qr` (quiet zone included) in a square
// of side `side` at (x, y), one rectangle per horizontal run.
void AppendQrPath(cairo_t* cr, const QrMatrix& qr, double x, double y, double side) {
  const int quiet = kQrStandardQuietZone;
  const double module = side / (qr.size + 2 * quiet);
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size;) {
      if (!qr.at(col, row)) {
        ++col;
        continue;
      }
      int run = 1;
      while (qr.at(col + run, row)) ++run;
      cairo_rectangle(cr, x + (col + quiet) * module, y + (row + quiet) * module, run * module,
                      module);
      col += run;
    }
  }
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
    std::vector<std::pair<double, double>> lines;  // top, bottom in layout points
    PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
    do {
      int y0 = 0;
      int y1 = 0;
      pango_layout_iter_get_line_yrange(iter, &y0, &y1);
      lines.emplace_back(static_cast<double>(y0) / PANGO_SCALE,
                         static_cast<double>(y1) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);

    size_t start = 0;
    while (start < lines.size()) {
      const double available = content_bottom() - cursor;
      size_t end = start;
      while (end < lines.size() && lines[end].second - lines[start].first <= available) ++end;
      if (end == start) {
        if (!at_page_top()) {
          StartPage();
          continue;
        }
        end = start + 1;  // a line taller than a page: place it, cut off
      }
      const double offset = lines[start].first;
      const double height = lines[end - 1].second - offset;
      const double top = cursor;
      const double width = content_width();
      const bool whole = start == 0 && end == lines.size();
      Add([layout, x, top, offset, height, width, color, whole](cairo_t* cr) {
        cairo_save(cr);
        if (!whole) {
          cairo_rectangle(cr, x, top, width, height);
          cairo_clip(cr);
        }
        ShowLayout(cr, layout.get(), x, top - offset, color);
        cairo_restore(cr);
      });
      cursor += height;
      start = end;
      if (start < lines.size()) StartPage();
    }
  }

  void Text(std::string_view text, const TextStyle& style) {
    if (!at_page_top()) cursor += Pt(style.space_before_mm);
    FlowLayout(MakeLayout(text, style, content_width()), content_left(), style.color);
    cursor = std::min(cursor + Pt(style.space_after_mm), content_bottom());
  }

  void Table(const TableSpec& spec, const std::function<void(int)>& row_done);
};

void PdfDocument::Impl::Table(const TableSpec& spec, const std::function<void(int)>& row_done) {
  const size_t ncols = spec.columns.size();
  if (ncols == 0) return;

  // Column widths in points.
  std::vector<double> widths(ncols, 0);
  double fixed = 0;
  int flexible = 0;
  for (size_t c = 0; c < ncols; ++c) {
    if (spec.columns[c].width_mm > 0) {
      widths[c] = Pt(spec.columns[c].width_mm);
      fixed += widths[c];
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
    for (double& w : widths) w *= full / total;
    total = full;
  }
  std::vector<double> lefts(ncols);
  lefts[0] = content_left() + (full - total) / 2;
  for (size_t c = 1; c < ncols; ++c) lefts[c] = lefts[c - 1] + widths[c - 1];

  const double pad_x = Pt(kCellPadXMm);
  const double pad_y = Pt(kCellPadYMm);
  const double line = Pt(kTableLineMm);
  auto text_width = [&](size_t c) { return std::max(widths[c] - 2 * pad_x, 1.0); };

  // The header row.
  TextStyle header_style;
  header_style.size_pt = spec.font_size_pt;
  header_style.bold = true;
  header_style.align = Align::kCenter;
  std::vector<LayoutPtr> header_cells;
  double header_h = 0;
  for (size_t c = 0; c < ncols; ++c) {
    header_cells.push_back(MakeLayout(spec.columns[c].header, header_style, text_width(c)));
    header_h = std::max(header_h, Height(header_cells.back().get()) + 2 * pad_y);
  }

  // Every cell laid out, and the natural height of every row.
  const size_t nrows = spec.rows.size();
  std::vector<std::vector<LayoutPtr>> cells(nrows);
  std::vector<double> heights(nrows, Pt(spec.min_row_height_mm));
  static const std::string kEmpty;
  auto text_of = [&](size_t r, size_t c) -> const std::string& {
    return c < spec.rows[r].size() ? spec.rows[r][c] : kEmpty;
  };
  for (size_t r = 0; r < nrows; ++r) {
    for (size_t c = 0; c < ncols; ++c) {
      TextStyle style;
      style.size_pt = spec.font_size_pt;
      style.align = spec.columns[c].align;
      cells[r].push_back(MakeLayout(text_of(r, c), style, text_width(c)));
      if (!spec.columns[c].merge_repeated) {
        heights[r] = std::max(heights[r], Height(cells[r].back().get()) + 2 * pad_y);
      }
    }
  }
  // Merged groups: group_start[c][r] is true where a new group begins. A group whose text
  // is taller than its rows makes its last row taller.
  std::vector<std::vector<bool>> group_start(ncols, std::vector<bool>(nrows, true));
  for (size_t c = 0; c < ncols; ++c) {
    if (!spec.columns[c].merge_repeated) continue;
    for (size_t r = 0; r < nrows;) {
      size_t end = r + 1;
      while (end < nrows && text_of(end, c) == text_of(r, c)) group_start[c][end++] = false;
      double sum = 0;
      for (size_t i = r; i < end; ++i) sum += heights[i];
      const double need = Height(cells[r][c].get()) + 2 * pad_y;
      if (sum < need) heights[end - 1] += need - sum;
      r = end;
    }
  }

  // Drawing helpers; every op captures what it needs by value.
  auto draw_cell_text = [this](LayoutPtr layout, double x, double top, double h) {
    const double text_h = Height(layout.get());
    Add([layout, x, top, h, text_h,
         w = static_cast<double>(pango_layout_get_width(layout.get())) / PANGO_SCALE](cairo_t* cr) {
      cairo_save(cr);
      cairo_rectangle(cr, x, top, w, h);
      cairo_clip(cr);
      ShowLayout(cr, layout.get(), x, top + std::max((h - text_h) / 2, 0.0), 0x000000);
      cairo_restore(cr);
    });
  };
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
  auto draw_header = [&] {
    for (size_t c = 0; c < ncols; ++c) {
      draw_rect(lefts[c], cursor, widths[c], header_h, kHeaderFill);
      draw_cell_text(header_cells[c], lefts[c] + pad_x, cursor + pad_y, header_h - 2 * pad_y);
    }
    cursor += header_h;
  };

  // Open merged cells on the current page: the row that shows the text and its top.
  struct OpenMerge {
    size_t row = 0;
    double top = 0;
    bool open = false;
  };
  std::vector<OpenMerge> merges(ncols);
  auto close_merges = [&](bool only_ending, size_t next_row) {
    for (size_t c = 0; c < ncols; ++c) {
      OpenMerge& m = merges[c];
      if (!m.open) continue;
      if (only_ending && next_row < nrows && !group_start[c][next_row]) continue;
      draw_rect(lefts[c], m.top, widths[c], cursor - m.top, std::nullopt);
      draw_cell_text(cells[m.row][c], lefts[c] + pad_x, m.top + pad_y, cursor - m.top - 2 * pad_y);
      m.open = false;
    }
  };

  // Keep the header with the first row.
  EnsureSpace(header_h + (nrows > 0 ? heights[0] : 0));
  draw_header();
  for (size_t r = 0; r < nrows; ++r) {
    if (cursor + heights[r] > content_bottom()) {
      close_merges(false, r);
      StartPage();
      if (spec.repeat_header) draw_header();
    }
    const double top = cursor;
    // A row taller than a whole page is cut off at the bottom margin.
    const double h = std::min(heights[r], content_bottom() - top);
    for (size_t c = 0; c < ncols; ++c) {
      if (spec.columns[c].merge_repeated) {
        if (!merges[c].open) merges[c] = {r, top, true};
        continue;
      }
      draw_rect(lefts[c], top, widths[c], h, std::nullopt);
      draw_cell_text(cells[r][c], lefts[c] + pad_x, top + pad_y, h - 2 * pad_y);
    }
    cursor += h;
    close_merges(true, r + 1);
    if (row_done) row_done(static_cast<int>(r));
  }
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
  for (double size = style.size_pt;; size -= kShrinkStepPt) {
    layout = impl_->MakeLayout(text, style, w, size);
    const bool fits = Impl::Height(layout.get()) <= h &&
                      (max_lines <= 0 || pango_layout_get_line_count(layout.get()) <= max_lines);
    if (fits || size - kShrinkStepPt < kMinShrinkPt) break;
  }
  const double text_h = Impl::Height(layout.get());
  double top = y;
  if (valign == VAlign::kMiddle) top = y + (h - text_h) / 2;
  if (valign == VAlign::kBottom) top = y + h - text_h;
  const uint32_t color = style.color;
  impl_->Add([layout, x, y, w, h, top, color](cairo_t* cr) {
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    ShowLayout(cr, layout.get(), x, top, color);
    cairo_restore(cr);
  });
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
    // One path filled once: adjacent modules merge without hairline seams in viewers.
    AppendQrPath(cr, qr, x, y, side);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
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
