// QR codes for the things trainees scan: check-in links on badges and sign-in sheets,
// the public verify link on certificates. Encoding is libqrencode; drawing is ours, as
// SVG for web pages, PNG for downloads, and vectors inside PDFs (pdf_document.h).
//
// The payload is encoded byte for byte in 8-bit mode, so any UTF-8 text (Chinese, rare
// characters outside the BMP) survives unchanged; no ECI header is written, which is how
// phone scanners expect UTF-8 payloads. The symbol is the smallest version that holds the
// payload at the requested error-correction level.
//
// All functions are thread-safe: calls share nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peixun::io {

// Error-correction level: how much of the symbol may be damaged or covered and still
// decode (L ~7%, M ~15%, Q ~25%, H ~30%). M suits printed paper; H leaves room for a logo.
enum class QrLevel { kL, kM, kQ, kH };

// The modules of one QR symbol, without the quiet zone.
struct QrMatrix {
  int version = 0;         // 1..40
  int size = 0;            // modules per side: 17 + 4 * version
  std::vector<bool> dark;  // size * size entries, row by row from the top-left

  // True when the module in column x, row y (0-based) is dark. Outside the symbol
  // (the quiet zone) everything is light.
  bool at(int x, int y) const {
    if (x < 0 || y < 0 || x >= size || y >= size) return false;
    return dark[static_cast<size_t>(y) * size + x];
  }
};

// Light modules around the symbol that the standard asks for; scanners need them.
inline constexpr int kQrStandardQuietZone = 4;

// Encodes `text` (bytes, UTF-8 expected but not checked) at `level`.
// Errors: io.qr.empty (no bytes), io.qr.too_long (more than a version-40 symbol holds at
// this level: 2,331 bytes at M), io.qr.encode_failed (libqrencode failed otherwise).
Result<QrMatrix> EncodeQr(std::string_view text, QrLevel level = QrLevel::kM);

// An SVG document (no XML prolog, so it can be inlined in HTML) of the symbol with a white
// background: (size + 2 * quiet) * module_px pixels square, dark modules as black <rect>s
// (one per horizontal run) and crisp edges. module_px < 1 is taken as 1, quiet < 0 as 0.
std::string QrSvg(const QrMatrix& qr, int module_px = 8, int quiet = kQrStandardQuietZone);

// The PNG bytes of the symbol: black on white, (size + 2 * quiet) * module_px pixels square.
// Errors: io.qr.invalid_matrix (size <= 0 or dark of the wrong length), io.qr.bad_scale
// (module_px < 1, quiet < 0, or an image wider than 32,767 pixels),
// io.qr.png_failed (Cairo could not draw or encode).
Result<std::string> QrPng(const QrMatrix& qr, int module_px = 8, int quiet = kQrStandardQuietZone);

}  // namespace peixun::io
