#include "io/qr_code.h"

#include <cairo.h>
#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace peixun::io {
namespace {

// Cairo image surfaces are limited to this many pixels per side.
constexpr int kMaxImagePixels = 32767;

QRecLevel ToLibLevel(QrLevel level) {
  switch (level) {
    case QrLevel::kL:
      return QR_ECLEVEL_L;
    case QrLevel::kM:
      return QR_ECLEVEL_M;
    case QrLevel::kQ:
      return QR_ECLEVEL_Q;
    case QrLevel::kH:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

bool Valid(const QrMatrix& qr) {
  return qr.size > 0 && qr.dark.size() == static_cast<size_t>(qr.size) * qr.size;
}

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<QrMatrix> EncodeQr(std::string_view text, QrLevel level) {
  if (text.empty()) {
    return Invalid("io.qr.empty", "二维码内容为空", "the QR code payload is empty");
  }
  errno = 0;
  // QRcode_encodeData takes the bytes as they are (8-bit mode), NULs and UTF-8 included.
  std::unique_ptr<QRcode, QrCodeFree> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, ToLibLevel(level)));
  if (!code) {
    if (errno == ERANGE) {
      return Invalid("io.qr.too_long", "二维码内容过长（" + std::to_string(text.size()) + " 字节）",
                     "the QR code payload is too long (" + std::to_string(text.size()) + " bytes)");
    }
    return Internal("io.qr.encode_failed", "libqrencode errno " + std::to_string(errno));
  }
  QrMatrix qr;
  qr.version = code->version;
  qr.size = code->width;
  qr.dark.resize(static_cast<size_t>(qr.size) * qr.size);
  // Bit 0 of each libqrencode byte is "dark"; the other bits describe the module's role.
  for (size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;
  return qr;
}

std::string QrSvg(const QrMatrix& qr, int module_px, int quiet) {
  if (module_px < 1) module_px = 1;
  if (quiet < 0) quiet = 0;
  const int size = Valid(qr) ? qr.size : 0;
  const int side = (size + 2 * quiet) * module_px;
  const std::string s = std::to_string(side);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + s + "\" height=\"" + s +
                    "\" viewBox=\"0 0 " + s + " " + s +
                    "\" shape-rendering=\"crispEdges\" role=\"img\">"
                    "<rect width=\"" +
                    s + "\" height=\"" + s + "\" fill=\"#fff\"/><g fill=\"#000\">";
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size;) {
      if (!qr.at(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (qr.at(x + run, y)) ++run;
      svg += "<rect x=\"" + std::to_string((x + quiet) * module_px) + "\" y=\"" +
             std::to_string((y + quiet) * module_px) + "\" width=\"" +
             std::to_string(run * module_px) + "\" height=\"" + std::to_string(module_px) + "\"/>";
      x += run;
    }
  }
  svg += "</g></svg>";
  return svg;
}

Result<std::string> QrPng(const QrMatrix& qr, int module_px, int quiet) {
  if (!Valid(qr)) {
    return Invalid("io.qr.invalid_matrix", "二维码矩阵无效", "the QR matrix is invalid");
  }
  if (module_px < 1 || quiet < 0 ||
      static_cast<long long>(qr.size + 2 * quiet) * module_px > kMaxImagePixels) {
    return Invalid("io.qr.bad_scale", "二维码图片尺寸无效", "invalid QR image scale");
  }
  const int side = (qr.size + 2 * quiet) * module_px;
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side));
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
  cairo_set_antialias(cr.get(), CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (qr.at(x, y)) {
        cairo_rectangle(cr.get(), (x + quiet) * module_px, (y + quiet) * module_px, module_px,
                        module_px);
      }
    }
  }
  cairo_fill(cr.get());
  cairo_surface_flush(surface.get());
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
    return Internal("io.qr.png_failed", cairo_status_to_string(cairo_status(cr.get())));
  }
  std::string png;
  const cairo_status_t status =
      cairo_surface_write_to_png_stream(surface.get(), &AppendToString, &png);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Internal("io.qr.png_failed", cairo_status_to_string(status));
  }
  return png;
}

}  // namespace peixun::io
