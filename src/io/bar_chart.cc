// Horizontal bar charts as PNG (report_document.h): labels left, bars in the
// middle, values right, drawn by Cairo with Pango text in Noto Sans CJK SC.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "core/utf8.h"
#include "io/report_document.h"

namespace peixun::io {
namespace {

cairo_status_t AppendPng(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws `text` with its left edge at x (or right edge, when right_align) and its
// vertical middle at y_mid, within `max_width` (ellipsized past it).
void Text(cairo_t* cr, const std::string& text, double px, bool bold, double x, double y_mid,
          double max_width, bool right_align, uint32_t rgb) {
  std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr),
                                                                 g_object_unref);
  PangoFontDescription* desc = pango_font_description_from_string("Noto Sans CJK SC");
  pango_font_description_set_absolute_size(desc, px * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  if (max_width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(max_width * PANGO_SCALE));
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  }
  int w = 0;
  int h = 0;
  pango_layout_get_pixel_size(layout.get(), &w, &h);
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
  cairo_move_to(cr, right_align ? x - w : x, y_mid - h / 2.0);
  pango_cairo_show_layout(cr, layout.get());
}

std::string Value(double v, int decimals, const std::string& suffix) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 4), v);
  return buf + suffix;
}

}  // namespace

Result<std::string> BarChartPng(const BarChart& chart, int width_px) {
  if (!core::IsValidUtf8(chart.title)) {
    return Invalid("io.encoding.invalid", "图表文字不是有效的 UTF-8", "a chart text is not UTF-8");
  }
  for (const auto& l : chart.labels) {
    if (!core::IsValidUtf8(l)) {
      return Invalid("io.encoding.invalid", "图表文字不是有效的 UTF-8",
                     "a chart text is not UTF-8");
    }
  }
  const double unit = std::max(800, width_px) / 1600.0;  // sizes below are for 1600 px
  const int width = std::max(800, width_px);
  const size_t n = chart.labels.size();
  const double title_h = 80 * unit;
  const double bar_pitch = 56 * unit;
  const double bar_h = 36 * unit;
  const int height = static_cast<int>(title_h + std::max<size_t>(n, 1) * bar_pitch + 40 * unit);
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> holder(cairo_create(surface.get()),
                                                            cairo_destroy);
  cairo_t* cr = holder.get();
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  Text(cr, chart.title, 30 * unit, true, 20 * unit, title_h / 2, width - 40 * unit, false,
       0x262626);
  double max_value = chart.max_value;
  for (double v : chart.values) max_value = std::max(max_value, v);
  if (max_value <= 0) max_value = 1;
  const double label_w = 480 * unit;
  const double value_w = 180 * unit;
  const double bar_x = label_w + 30 * unit;
  const double bar_max = width - bar_x - value_w - 20 * unit;
  // The axis.
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 2 * unit);
  cairo_move_to(cr, bar_x, title_h);
  cairo_line_to(cr, bar_x, title_h + n * bar_pitch);
  cairo_stroke(cr);
  for (size_t i = 0; i < n; ++i) {
    const double y = title_h + i * bar_pitch + (bar_pitch - bar_h) / 2;
    const double v = i < chart.values.size() ? std::max(0.0, chart.values[i]) : 0.0;
    Text(cr, chart.labels[i], 24 * unit, false, label_w, y + bar_h / 2, label_w - 10 * unit, true,
         0x262626);
    const double w = bar_max * std::min(1.0, v / max_value);
    cairo_set_source_rgb(cr, 0x40 / 255.0, 0x7e / 255.0, 0xc9 / 255.0);  // a calm blue
    cairo_rectangle(cr, bar_x, y, std::max(w, 1.0), bar_h);
    cairo_fill(cr);
    Text(cr, Value(v, chart.decimals, chart.value_suffix), 24 * unit, false, bar_x + w + 12 * unit,
         y + bar_h / 2, value_w, false, 0x262626);
  }
  cairo_surface_flush(surface.get());
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), AppendPng, &png) != CAIRO_STATUS_SUCCESS ||
      cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    return MakeError(ErrorKind::kInternal, "io.chart.failed", "图表绘制失败",
                     "the chart could not be drawn");
  }
  return png;
}

}  // namespace peixun::io
