#include <algorithm>
#include <cstring>

#include "io/pdf_document.h"
#include "io/report_document.h"

namespace peixun::io {

void Report::Heading(std::string text) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::kHeading;
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}
void Report::Paragraph(std::string text) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::kParagraph;
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}
void Report::Note(std::string text) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::kNote;
  b.text = std::move(text);
  blocks.push_back(std::move(b));
}
void Report::Table(ReportTable table) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::kTable;
  b.table = std::move(table);
  blocks.push_back(std::move(b));
}
void Report::Chart(BarChart chart) {
  ReportBlock b;
  b.kind = ReportBlock::Kind::kChart;
  b.chart = std::move(chart);
  blocks.push_back(std::move(b));
}

namespace {

// The PNG's size in pixels, from its IHDR chunk.
std::pair<int, int> PngSize(const std::string& png) {
  if (png.size() < 24) return {1, 1};
  auto be32 = [&](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(png[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(png[at + 3]));
  };
  return {static_cast<int>(be32(16)), static_cast<int>(be32(20))};
}

}  // namespace

Result<std::string> ReportPdf(const Report& report) {
  PdfDocument doc(PageSetup{Orientation::kPortrait, 20, 18, 18, 18, report.title, report.header});
  doc.Title(report.title);
  if (!report.subtitle.empty()) doc.Paragraph(report.subtitle, TextStyle::Subtitle());
  for (const ReportBlock& b : report.blocks) {
    switch (b.kind) {
      case ReportBlock::Kind::kHeading: {
        TextStyle h{FontFamily::kSerif, 13, true, Align::kLeft, 0x000000, 4, 2};
        doc.Paragraph(b.text, h);
        break;
      }
      case ReportBlock::Kind::kParagraph:
        doc.Paragraph(b.text);
        break;
      case ReportBlock::Kind::kNote:
        doc.Paragraph(b.text, TextStyle::Note());
        break;
      case ReportBlock::Kind::kTable: {
        TableSpec spec;
        for (size_t i = 0; i < b.table.header.size(); ++i) {
          Column c;
          c.header = b.table.header[i];
          c.width_mm = i < b.table.widths_mm.size() ? b.table.widths_mm[i] : 0;
          spec.columns.push_back(c);
        }
        spec.rows = b.table.rows;
        spec.font_size_pt = 9;
        doc.Table(spec);
        doc.Space(2);
        break;
      }
      case ReportBlock::Kind::kChart: {
        PEIXUN_ASSIGN_OR_RETURN(std::string png, BarChartPng(b.chart));
        const auto [w, h] = PngSize(png);
        const RectMm content = doc.ContentRect();
        const double width = content.w;
        const double height = width * h / std::max(1, w);
        if (doc.RemainingRect().h < height) doc.NewPage();
        const RectMm at = doc.RemainingRect();
        doc.DrawPng(RectMm{at.x, at.y, width, height}, png);
        doc.MoveCursorTo(at.y + height + 3);
        break;
      }
    }
  }
  return doc.Finish();
}

}  // namespace peixun::io
