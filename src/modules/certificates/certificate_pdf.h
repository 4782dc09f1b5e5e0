// The A4 page of a 结业证书: the template's background over the whole sheet, the
// title, the filled text, the organizer and the date with the seal image over the
// date, the serial, and a QR code of the public verify URL.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/pdf_document.h"

namespace peixun::certificates {

// One version of an organizer's template. Images are PNG bytes; empty: none.
struct CertificateTemplate {
  int64_t id = 0;  // 0: the built-in default
  std::string organizer_name;
  std::string title;
  std::string body;  // with {fields} (core/certificate_text.h)
  std::string seal_png;
  std::string background_png;
  int64_t created_at = 0;
};

// The built-in template used while an organizer has none.
CertificateTemplate DefaultTemplate(const std::string& organizer_name);

// What one certificate prints, frozen at issue.
struct PrintedCertificate {
  std::map<std::string, std::string> fields;  // core::CertificateFields()
  std::string title;
  std::string text;  // the body with the fields filled in
  std::string verify_url;
  // When it was issued (ms since the epoch): the PDF's CreationDate, so a PDF is a
  // function of what is stored and printing it again gives the same bytes. 0: now.
  int64_t issued_at = 0;
};

// Draws one certificate on the current (new) page of `doc`.
void DrawCertificatePage(io::PdfDocument& doc, const CertificateTemplate& tpl,
                         const PrintedCertificate& c);

// A PDF of one page per certificate, in order, created at the latest issued_at of
// them. `done(i, n)` after each page.
Result<std::string> CertificatesPdf(
    const std::vector<std::pair<const CertificateTemplate*, PrintedCertificate>>& pages,
    const std::function<void(int, int)>& done = {});

}  // namespace peixun::certificates
