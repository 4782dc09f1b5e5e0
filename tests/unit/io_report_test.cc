// io/report_document.h: the bar chart is a PNG of the asked width; the docx
// escapes XML, lists every part the content types name, embeds each chart once and
// refuses text that is not UTF-8; the PDF carries the same text.
#include <gtest/gtest.h>

#include "io/report_document.h"
#include "io/zip_archive.h"

namespace peixun::io {
namespace {

Report Sample() {
  Report r;
  r.title = "×区培训班培训总结";
  r.subtitle = "2020-06-02 至 2020-06-05";
  r.header = "培训总结";
  r.Heading("一、基本情况");
  r.Paragraph("学员 <8> 名 & 结业 7 名\n第二行");
  r.Table({{"姓名", "单位"}, {{"买买提·艾力", "幸福社区"}, {"刘䶮", "东关街道"}}, {30, 0}});
  BarChart c;
  c.title = "出勤率";
  c.labels = {"第一讲", "第二讲"};
  c.values = {87.5, 100};
  c.max_value = 100;
  c.value_suffix = "%";
  r.Chart(c);
  return r;
}

uint32_t Be32(const std::string& s, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

TEST(IoReport, BarChartIsAPngOfTheAskedWidthGrowingWithTheBars) {
  BarChart c;
  c.title = "成绩分布";
  c.labels = {"90 分及以上", "60 分以下"};
  c.values = {3, 1};
  auto two = BarChartPng(c, 1600);
  ASSERT_TRUE(two.ok()) << two.error().code;
  ASSERT_EQ(two->rfind("\x89PNG\r\n\x1a\n", 0), 0u);
  EXPECT_EQ(Be32(*two, 16), 1600u);
  c.labels.push_back("70—79 分");
  c.values.push_back(2);
  auto three = BarChartPng(c, 1600);
  ASSERT_TRUE(three.ok());
  EXPECT_GT(Be32(*three, 20), Be32(*two, 20));
  c.labels.push_back("\xff");
  EXPECT_EQ(BarChartPng(c).error().code, "io.encoding.invalid");
}

TEST(IoReport, DocxEscapesTextAndEmbedsEachChart) {
  auto bytes = ReportDocx(Sample());
  ASSERT_TRUE(bytes.ok()) << bytes.error().code;
  auto zip = ZipArchive::OpenBytes(*bytes);
  ASSERT_TRUE(zip.ok());
  auto doc = (*zip)->Read("word/document.xml", 1 << 20);
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->find("学员 &lt;8&gt; 名 &amp; 结业 7 名"), std::string::npos);
  EXPECT_NE(doc->find("<w:br/>"), std::string::npos);
  EXPECT_NE(doc->find("买买提·艾力"), std::string::npos);
  EXPECT_NE(doc->find("刘䶮"), std::string::npos);
  EXPECT_NE(doc->find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(doc->find("r:embed=\"rIdImg1\""), std::string::npos);
  auto rels = (*zip)->Read("word/_rels/document.xml.rels", 1 << 20);
  ASSERT_TRUE(rels.ok());
  EXPECT_NE(rels->find("media/chart1.png"), std::string::npos);
  auto png = (*zip)->Read("word/media/chart1.png", 1 << 24);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->rfind("\x89PNG", 0), 0u);
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/styles.xml",
                           "docProps/core.xml", "docProps/app.xml"}) {
    EXPECT_TRUE((*zip)->Read(part, 1 << 20).ok()) << part;
  }

  Report bad = Sample();
  bad.Paragraph("\xc3");
  EXPECT_EQ(ReportDocx(bad).error().code, "io.encoding.invalid");
}

TEST(IoReport, PdfIsMadeFromTheSameBlocks) {
  auto pdf = ReportPdf(Sample());
  ASSERT_TRUE(pdf.ok()) << pdf.error().code;
  EXPECT_EQ(pdf->rfind("%PDF", 0), 0u);
}

}  // namespace
}  // namespace peixun::io
