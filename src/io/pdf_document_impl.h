// Internal to the PDF writer (pdf_document.cc, pdf_table.cc): the document's state
// behind PdfDocument's pimpl and the Cairo/Pango helpers both files use. Nothing else
// includes this header.
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "io/pdf_document.h"
#include "io/pdf_font_subset.h"

namespace peixun::io {
namespace pdf_internal {

inline constexpr double kPtPerMm = 72.0 / 25.4;
inline constexpr const char* kSansFamily = "Noto Sans CJK SC";
inline constexpr const char* kSerifFamily = "Noto Serif CJK SC";

// Line widths and paddings, in millimetres.
inline constexpr double kTableLineMm = 0.18;       // about half a point: "thin" on paper
inline constexpr double kCellPadXMm = 1.5;         // text to the left/right border of a cell
inline constexpr double kCellPadYMm = 1.2;         // text to the top/bottom border of a cell
inline constexpr uint32_t kHeaderFill = 0xE8E8E8;  // light enough to photocopy cleanly
// Header line and footer, measured from the content edge into the margin.
inline constexpr double kHeaderGapMm = 3;  // rule above the content
inline constexpr double kFooterGapMm = 6;  // footer text top below the content
inline constexpr double kHeaderFooterPt = 9;
inline constexpr uint32_t kHeaderFooterColor = 0x555555;
inline constexpr double kTitleSizePt = 18;    // 小二
inline constexpr double kShrinkStepPt = 0.5;  // DrawText shrinks the font in these steps
inline constexpr double kImageSpaceAfterMm = 2;

inline double Pt(double mm) { return mm * kPtPerMm; }
inline double Mm(double pt) { return pt / kPtPerMm; }

void SetColor(cairo_t* cr, uint32_t rgb);

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

// Draws `layout` with its top-left corner at (x, y) points.
void ShowLayout(cairo_t* cr, PangoLayout* layout, double x, double y, uint32_t color);

// One line of a layout, in points from the layout's top-left corner: its vertical extent,
// its baseline and where it starts (alignment included).
struct LineBox {
  double top = 0;
  double bottom = 0;
  double baseline = 0;
  double x = 0;
};
using LineBoxes = std::shared_ptr<const std::vector<LineBox>>;

LineBoxes LinesOf(PangoLayout* layout);

// Draws lines [first, last) of `layout` with the top of line `first` at (x, y) points.
// Only those lines are drawn (not clipped away): text split between pages is on exactly
// one page each, for the eye and for text extraction alike.
void ShowLines(cairo_t* cr, PangoLayout* layout, const std::vector<LineBox>& lines, size_t first,
               size_t last, double x, double y, uint32_t color);

}  // namespace pdf_internal

using namespace pdf_internal;  // NOLINT(google-build-using-namespace): internal to the PDF writer

struct PdfDocument::Impl {
  using Op = std::function<void(cairo_t*)>;
  struct Page {
    std::vector<Op> ops;
    bool has_content = false;  // anything but the header line
  };

  PageSetup setup;
  double page_w = 0;  // points
  double page_h = 0;
  // Held while a document with a FontSubset exists (SubsetFonts::Exclusive()).
  std::unique_lock<std::mutex> subset_lock;
  // The document's own fonts when a FontSubset is given (before `context`, which
  // uses them, so it outlives it); null: the system's.
  std::unique_ptr<SubsetFonts> subset;
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

  bool CheckSubset(std::string_view text, const TextStyle& style) {
    if (subset == nullptr || subset->Covers(FaceOf(style), text)) return true;
    if (!error) {
      error = MakeError(ErrorKind::kInternal, "io.pdf.font_subset_incomplete",
                        "PDF 字体子集缺少要印的字", "a PDF font subset lacks a character drawn");
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
    if (CheckText(text) && CheckSubset(text, style)) {
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

}  // namespace peixun::io
