#include "modules/certificates/certificate_pdf.h"

#include <algorithm>

#include "io/qr_code.h"

namespace peixun::certificates {

using io::Align;
using io::FontFamily;
using io::RectMm;
using io::TextStyle;

CertificateTemplate DefaultTemplate(const std::string& organizer_name) {
  CertificateTemplate t;
  t.organizer_name = organizer_name;
  t.title = "结业证书";
  t.body =
      "{name}同志（{unit}）于{start_date}至{end_date}参加{class_name}，"
      "学习{days}天，共计{hours}学时，圆满完成学习任务，准予结业。";
  return t;
}

void DrawCertificatePage(io::PdfDocument& doc, const CertificateTemplate& tpl,
                         const PrintedCertificate& c) {
  const RectMm page = doc.PageRect();
  if (!tpl.background_png.empty()) doc.DrawPng(page, tpl.background_png);
  TextStyle title{FontFamily::kSerif, 36, true, Align::kCenter, 0x9B1C1C, 0, 0, 12};
  doc.DrawText({20, 55, page.w - 40, 25}, c.title, title);
  TextStyle body{FontFamily::kSerif, 16, false, Align::kLeft, 0x000000, 0, 0, 0};
  doc.DrawText({30, 100, page.w - 60, 80}, c.text, body, io::VAlign::kTop);
  auto field = [&](const std::string& k) {
    auto it = c.fields.find(k);
    return it == c.fields.end() ? std::string() : it->second;
  };
  TextStyle sign{FontFamily::kSerif, 15, false, Align::kCenter, 0x000000, 0, 0, 0};
  const RectMm organizer{105, 200, 85, 10};
  const RectMm date{105, 212, 85, 10};
  doc.DrawText(organizer, field("organizer"), sign);
  doc.DrawText(date, field("issue_date"), sign);
  // The seal over the date, as a seal is stamped: centred on it, see-through.
  if (!tpl.seal_png.empty()) {
    doc.DrawPng({date.x + date.w / 2 - 21, date.y + date.h / 2 - 21, 42, 42}, tpl.seal_png, 0.85);
  }
  TextStyle small{FontFamily::kSans, 9.5, false, Align::kLeft, 0x333333, 0, 0, 0};
  doc.DrawText({20, 262, 130, 8}, "证书编号：" + field("serial"), small);
  doc.DrawText({20, 270, 130, 8}, "扫描右侧二维码或访问 " + c.verify_url + " 验证真伪", small,
               io::VAlign::kTop);
  if (auto qr = io::EncodeQr(c.verify_url, io::QrLevel::kM); qr.ok()) {
    doc.DrawQr({page.w - 20 - 32, 245, 32, 32}, *qr);
  }
}

Result<std::string> CertificatesPdf(
    const std::vector<std::pair<const CertificateTemplate*, PrintedCertificate>>& pages,
    const std::function<void(int, int)>& done) {
  io::PageSetup setup;
  setup.title = pages.size() == 1
                    ? pages[0].second.title + " " + pages[0].second.fields.at("serial")
                    : "结业证书";
  setup.page_numbers = false;
  for (const auto& page : pages) {
    setup.created_at_ms = std::max(setup.created_at_ms, page.second.issued_at);
  }
  io::PdfDocument doc(setup);
  int i = 0;
  for (const auto& [tpl, c] : pages) {
    if (i > 0) doc.NewPage();
    DrawCertificatePage(doc, *tpl, c);
    ++i;
  }
  return doc.Finish(done);
}

}  // namespace peixun::certificates
