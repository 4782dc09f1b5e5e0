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

namespace {

// Every text a certificate page prints, by the face it is printed in: what the page
// draws and what its fonts are cut down to come from here alone.
struct PageTexts {
  std::string title;            // serif bold
  std::string body;             // serif
  std::string organizer, date;  // serif
  std::string serial, verify;   // sans
};

PageTexts TextsOf(const PrintedCertificate& c) {
  auto field = [&](const std::string& k) {
    auto it = c.fields.find(k);
    return it == c.fields.end() ? std::string() : it->second;
  };
  return {c.title,
          c.text,
          field("organizer"),
          field("issue_date"),
          "证书编号：" + field("serial"),
          "扫描右侧二维码或访问 " + c.verify_url + " 验证真伪"};
}

void AddTexts(io::FontSubset& subset, const PageTexts& t) {
  subset.serif_bold += t.title;
  subset.serif += t.body + t.organizer + t.date;
  subset.sans += t.serial + t.verify;
}

}  // namespace

void DrawCertificatePage(io::PdfDocument& doc, const CertificateTemplate& tpl,
                         const PrintedCertificate& c) {
  const RectMm page = doc.PageRect();
  const PageTexts t = TextsOf(c);
  if (!tpl.background_png.empty()) doc.DrawPng(page, tpl.background_png);
  TextStyle title{FontFamily::kSerif, 36, true, Align::kCenter, 0x9B1C1C, 0, 0, 12};
  doc.DrawText({20, 55, page.w - 40, 25}, t.title, title);
  TextStyle body{FontFamily::kSerif, 16, false, Align::kLeft, 0x000000, 0, 0, 0};
  doc.DrawText({30, 100, page.w - 60, 80}, t.body, body, io::VAlign::kTop);
  TextStyle sign{FontFamily::kSerif, 15, false, Align::kCenter, 0x000000, 0, 0, 0};
  const RectMm organizer{105, 200, 85, 10};
  const RectMm date{105, 212, 85, 10};
  doc.DrawText(organizer, t.organizer, sign);
  doc.DrawText(date, t.date, sign);
  // The seal over the date, as a seal is stamped: centred on it, see-through.
  if (!tpl.seal_png.empty()) {
    doc.DrawPng({date.x + date.w / 2 - 21, date.y + date.h / 2 - 21, 42, 42}, tpl.seal_png, 0.85);
  }
  TextStyle small{FontFamily::kSans, 9.5, false, Align::kLeft, 0x333333, 0, 0, 0};
  doc.DrawText({20, 262, 130, 8}, t.serial, small);
  doc.DrawText({20, 270, 130, 8}, t.verify, small, io::VAlign::kTop);
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
  // The fonts cut down to what these pages print: a certificate's PDF stays a function
  // of its own fields (the same bytes alone, in a batch, or re-rendered later), and
  // writing it no longer copies whole CJK faces (io/pdf_font_subset.h).
  io::FontSubset subset;
  for (const auto& page : pages) {
    setup.created_at_ms = std::max(setup.created_at_ms, page.second.issued_at);
    AddTexts(subset, TextsOf(page.second));
  }
  io::PdfDocument doc(setup, subset);
  int i = 0;
  for (const auto& [tpl, c] : pages) {
    if (i > 0) doc.NewPage();
    DrawCertificatePage(doc, *tpl, c);
    ++i;
  }
  return doc.Finish(done);
}

}  // namespace peixun::certificates
