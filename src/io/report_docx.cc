// The report as a .docx (report_document.h): WordprocessingML parts written as
// text and zipped with zip_writer.h (libzip), the library the xlsx files use.
// Only what Word and WPS need to open and edit it: content types, package and
// document relationships, styles (Normal, Title, Heading1, Table Grid), core
// properties, the document, and the chart pictures under word/media/.
#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "io/report_document.h"
#include "io/zip_writer.h"

namespace peixun::io {
namespace {

constexpr int kTextWidthTwips = 9026;  // A4 (11906) less 2 × 1440 margins
constexpr double kTwipsPerMm = 56.6929;
constexpr int64_t kEmuPerMm = 36000;

// XML text: the five entities escaped; characters XML 1.0 forbids (C0 controls
// other than tab and newline) dropped.
std::string Escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
        out += c;
    }
  }
  return out;
}

// Runs of `text`, '\n' as line breaks.
std::string Runs(const std::string& text, bool bold = false, int half_points = 0) {
  std::string rpr;
  if (bold || half_points > 0) {
    rpr = "<w:rPr>";
    if (bold) rpr += "<w:b/><w:bCs/>";
    if (half_points > 0) {
      rpr += "<w:sz w:val=\"" + std::to_string(half_points) + "\"/><w:szCs w:val=\"" +
             std::to_string(half_points) + "\"/>";
    }
    rpr += "</w:rPr>";
  }
  std::string out;
  size_t begin = 0;
  while (true) {
    const size_t end = text.find('\n', begin);
    const std::string line = text.substr(begin, end == std::string::npos ? end : end - begin);
    out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + Escape(line) + "</w:t></w:r>";
    if (end == std::string::npos) break;
    out += "<w:r>" + rpr + "<w:br/></w:r>";
    begin = end + 1;
  }
  return out;
}

std::string Para(const std::string& text, const std::string& style = "",
                 const std::string& justify = "", bool bold = false, int half_points = 0) {
  std::string ppr;
  if (!style.empty() || !justify.empty()) {
    ppr = "<w:pPr>";
    if (!style.empty()) ppr += "<w:pStyle w:val=\"" + style + "\"/>";
    if (!justify.empty()) ppr += "<w:jc w:val=\"" + justify + "\"/>";
    ppr += "</w:pPr>";
  }
  return "<w:p>" + ppr + Runs(text, bold, half_points) + "</w:p>";
}

std::string TableXml(const ReportTable& t) {
  const size_t n = t.header.size();
  if (n == 0) return "";
  // Widths: the given ones in proportion, the others an equal share of the rest.
  std::vector<double> mm(n, 0);
  double fixed = 0;
  int open = 0;
  for (size_t i = 0; i < n; ++i) {
    mm[i] = i < t.widths_mm.size() ? t.widths_mm[i] : 0;
    if (mm[i] > 0) {
      fixed += mm[i];
    } else {
      ++open;
    }
  }
  const double text_mm = kTextWidthTwips / kTwipsPerMm;
  const double share = open > 0 ? std::max(15.0, (text_mm - fixed) / open) : 0;
  double total = 0;
  for (double& w : mm) {
    if (w <= 0) w = share;
    total += w;
  }
  std::vector<int> twips;
  for (double w : mm) twips.push_back(static_cast<int>(w / total * kTextWidthTwips));
  std::string x = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"" +
                  std::to_string(kTextWidthTwips) +
                  "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
  for (int w : twips) x += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  x += "</w:tblGrid>";
  auto row = [&](const std::vector<std::string>& cells, bool header) {
    x += "<w:tr>";
    if (header) x += "<w:trPr><w:tblHeader/></w:trPr>";
    for (size_t i = 0; i < n; ++i) {
      x += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(twips[i]) + "\" w:type=\"dxa\"/>";
      if (header) x += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>";
      x += "</w:tcPr>";
      x += Para(i < cells.size() ? cells[i] : "", "", header ? "center" : "", header, 18);
      x += "</w:tc>";
    }
    x += "</w:tr>";
  };
  row(t.header, true);
  for (const auto& r : t.rows) row(r, false);
  x += "</w:tbl>";
  return x + Para("");  // Word needs a paragraph between two tables
}

std::string Picture(int index, const std::string& rel_id, int64_t cx, int64_t cy) {
  const std::string id = std::to_string(index);
  const std::string ext = "cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"";
  return "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
         "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent " +
         ext + "/><wp:docPr id=\"" + id + "\" name=\"图表 " + id +
         "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks "
         "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
         "noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
         "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:nvPicPr><pic:cNvPr id=\"" +
         id + "\" name=\"chart" + id +
         ".png\"/><pic:cNvPicPr/></pic:nvPicPr>"
         "<pic:blipFill><a:blip r:embed=\"" +
         rel_id +
         "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
         "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext " +
         ext +
         "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
         "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

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

constexpr char kContentTypes[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>)";

constexpr char kPackageRels[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>)";

constexpr char kApp[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>peixun</Application></Properties>)";

// Elements inside pPr, rPr, tblPr and tcPr are in the order the WordprocessingML
// schema gives (Word refuses a document whose children are out of order).
// Normal: 宋体 for East Asian text (Noto Serif CJK SC where 宋体 is missing), 10.5 pt
// (五号); Title: 黑体 18 pt centered; Heading1: 黑体 14 pt; Table Grid: thin borders.
constexpr char kStyles[] =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="312" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="404040"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>)";

}  // namespace

Result<std::string> ReportDocx(const Report& report) {
  auto invalid = [] {
    return Invalid("io.encoding.invalid", "报告文字不是有效的 UTF-8", "a report text is not UTF-8");
  };
  if (!core::IsValidUtf8(report.title) || !core::IsValidUtf8(report.subtitle) ||
      !core::IsValidUtf8(report.header)) {
    return invalid();
  }
  std::string body = Para(report.title, "Title");
  if (!report.subtitle.empty()) body += Para(report.subtitle, "Subtitle");
  std::vector<std::pair<std::string, std::string>> media;  // (zip name, png)
  std::string image_rels;
  for (const ReportBlock& b : report.blocks) {
    if (!core::IsValidUtf8(b.text)) return invalid();
    switch (b.kind) {
      case ReportBlock::Kind::kHeading:
        body += Para(b.text, "Heading1");
        break;
      case ReportBlock::Kind::kParagraph:
        body += Para(b.text);
        break;
      case ReportBlock::Kind::kNote:
        body += Para(b.text, "Note");
        break;
      case ReportBlock::Kind::kTable:
        for (const auto& h : b.table.header) {
          if (!core::IsValidUtf8(h)) return invalid();
        }
        for (const auto& r : b.table.rows) {
          for (const auto& c : r) {
            if (!core::IsValidUtf8(c)) return invalid();
          }
        }
        body += TableXml(b.table);
        break;
      case ReportBlock::Kind::kChart: {
        PEIXUN_ASSIGN_OR_RETURN(std::string png, BarChartPng(b.chart));
        const int index = static_cast<int>(media.size()) + 1;
        const std::string rel = "rIdImg" + std::to_string(index);
        const auto [w, h] = PngSize(png);
        const int64_t cx = 160 * kEmuPerMm;
        const int64_t cy = cx * h / std::max(1, w);
        body += Picture(index, rel, cx, cy);
        image_rels += "<Relationship Id=\"" + rel +
                      "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                      "relationships/image\" Target=\"media/chart" +
                      std::to_string(index) + ".png\"/>";
        media.emplace_back("word/media/chart" + std::to_string(index) + ".png", std::move(png));
        break;
      }
    }
  }
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
      "<w:body>" +
      body +
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" "
      "w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"851\" w:footer=\"992\" "
      "w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  const std::string document_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rIdStyles\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/>" +
      image_rels + "</Relationships>";
  const std::string core_props =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
      Escape(report.header.empty() ? report.title : report.header) +
      "</dc:title><dc:creator>peixun</dc:creator></cp:coreProperties>";
  std::vector<std::pair<std::string, std::string>> files = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kPackageRels},
      {"docProps/app.xml", kApp},
      {"docProps/core.xml", core_props},
      {"word/document.xml", document},
      {"word/_rels/document.xml.rels", document_rels},
      {"word/styles.xml", kStyles},
  };
  for (auto& m : media) files.push_back(std::move(m));
  return ZipFiles(files);
}

}  // namespace peixun::io
