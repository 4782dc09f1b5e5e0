#include "io/pdf_document.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <ctime>
#include <utility>

#include "io/pdf_document_impl.h"

namespace peixun::io {
namespace pdf_internal {

void SetColor(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

// Draws `layout` with its top-left corner at (x, y) points.
void ShowLayout(cairo_t* cr, PangoLayout* layout, double x, double y, uint32_t color) {
  cairo_save(cr);
  SetColor(cr, color);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
}

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

}  // namespace pdf_internal
namespace {

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

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

PdfDocument::PdfDocument(PageSetup setup, std::optional<FontSubset> font_subset)
    : impl_(std::make_unique<Impl>()) {
  impl_->setup = std::move(setup);
  const bool landscape = impl_->setup.orientation == Orientation::kLandscape;
  impl_->page_w = Pt(landscape ? kA4HeightMm : kA4WidthMm);
  impl_->page_h = Pt(landscape ? kA4WidthMm : kA4HeightMm);

  // One context per document: Pango's default font map is per thread, so documents on
  // different threads share nothing; a document with a font subset has a font map of its
  // own, holding only the subset's faces. Unhinted metrics keep PDF text spacing exact, and a
  // resolution of 72 makes a Pango point one PDF unit.
  if (font_subset) {
    impl_->subset_lock = std::unique_lock(SubsetFonts::Exclusive());
    impl_->subset = SubsetFonts::Make(*font_subset);
  }
  PangoFontMap* font_map =
      impl_->subset ? impl_->subset->font_map() : pango_cairo_font_map_get_default();
  impl_->context.reset(pango_font_map_create_context(font_map));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(impl_->context.get(), options);
  cairo_font_options_destroy(options);
  pango_cairo_context_set_resolution(impl_->context.get(), 72);
  pango_context_set_language(impl_->context.get(), pango_language_from_string("zh-cn"));

  // Without the Noto CJK fonts fontconfig substitutes another family and Chinese prints as
  // empty boxes; refuse instead. (A subset is made from those very faces, or not at all.)
  for (const char* family : {kSansFamily, kSerifFamily}) {
    if (impl_->subset) break;
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

namespace {

struct PngReader {
  std::string_view data;
  size_t at = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* out, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->data.size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(out, r->data.data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

void PdfDocument::DrawPng(const RectMm& box, std::string_view png, double opacity) {
  if (impl_->finished) return;
  PngReader reader{png};
  cairo_surface_t* raw = cairo_image_surface_create_from_png_stream(ReadPng, &reader);
  if (cairo_surface_status(raw) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width(raw) <= 0 || cairo_image_surface_get_height(raw) <= 0) {
    cairo_surface_destroy(raw);
    if (!impl_->error) {
      impl_->error = MakeError(ErrorKind::kInvalid, "io.image.invalid", "图片不是有效的 PNG 文件",
                               "the image is not a valid PNG file");
    }
    return;
  }
  std::shared_ptr<cairo_surface_t> image(raw, cairo_surface_destroy);
  const double x = Pt(box.x), y = Pt(box.y), w = Pt(box.w), h = Pt(box.h);
  const double a = std::clamp(opacity, 0.0, 1.0);
  impl_->Add([image, x, y, w, h, a](cairo_t* cr) {
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / cairo_image_surface_get_width(image.get()),
                h / cairo_image_surface_get_height(image.get()));
    cairo_set_source_surface(cr, image.get(), 0, 0);
    cairo_paint_with_alpha(cr, a);
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
  if (d.setup.created_at_ms > 0) {
    const std::time_t secs = static_cast<std::time_t>(d.setup.created_at_ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  }
  cairo_t* cr = cairo_create(surface);

  TextStyle footer_style;
  footer_style.size_pt = kHeaderFooterPt;
  footer_style.align = Align::kCenter;
  footer_style.color = kHeaderFooterColor;
  const int total = static_cast<int>(d.pages.size());
  for (int i = 0; i < total; ++i) {
    for (const Impl::Op& op : d.pages[i].ops) op(cr);
    if (d.setup.page_numbers) {
      LayoutPtr footer =
          d.MakeLayout("第 " + std::to_string(i + 1) + " 页 / 共 " + std::to_string(total) + " 页",
                       footer_style, d.content_width());
      ShowLayout(cr, footer.get(), d.content_left(), d.content_bottom() + Pt(kFooterGapMm),
                 kHeaderFooterColor);
    }
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
