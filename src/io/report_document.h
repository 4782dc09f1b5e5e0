// A report as a list of blocks (headings, paragraphs, tables, bar charts) that is
// rendered twice from the same content: as an A4 PDF (pdf_document.h) and as a
// Word document (.docx, Office Open XML written with the zip library the xlsx
// files use) that an organizer opens and edits in Word or WPS. Used for the class
// summary report (培训总结, src/app/class_summary.h).
//
// Charts are horizontal bar charts drawn by Cairo into PNG images (BarChartPng):
// the same picture in both documents. Texts are UTF-8 and printed as given.
// Errors: io.encoding.invalid (a text is not UTF-8), io.pdf.* (PdfDocument::Finish),
// io.chart.failed (Cairo could not draw a chart), io.zip.write_failed.
// Thread-safe: calls share nothing.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace peixun::io {

struct BarChart {
  std::string title;                // drawn above the bars
  std::vector<std::string> labels;  // one per bar, top to bottom
  std::vector<double> values;       // same size as labels; negative counts as 0
  double max_value = 0;             // the scale's end; <= 0: the largest value
  std::string value_suffix;         // printed after each value: "%", " 人", " 分"
  int decimals = 0;                 // of the printed values
};

// The chart as a PNG, `width_px` wide (its height follows from the bar count).
Result<std::string> BarChartPng(const BarChart& chart, int width_px = 1600);

struct ReportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths_mm;  // per column; missing or <= 0: an equal share
};

struct ReportBlock {
  enum class Kind { kHeading, kParagraph, kNote, kTable, kChart };
  Kind kind = Kind::kParagraph;
  std::string text;  // heading, paragraph, note
  ReportTable table;
  BarChart chart;
};

struct Report {
  std::string title;     // the document's title, centered on the first page
  std::string subtitle;  // a centered line under it (dates, organizer)
  std::string header;    // printed on every PDF page's header line; the docx's core title
  std::vector<ReportBlock> blocks;

  void Heading(std::string text);
  void Paragraph(std::string text);
  void Note(std::string text);
  void Table(ReportTable table);
  void Chart(BarChart chart);
};

// A4 portrait; every page with the header line and "第 i 页 / 共 N 页".
Result<std::string> ReportPdf(const Report& report);

// A .docx: title (style Title), headings (Heading1), paragraphs, tables with a
// header row that repeats on every page, charts as inline PNG pictures; A4 with
// 2.5 cm margins, 宋体/Noto for East Asian text.
Result<std::string> ReportDocx(const Report& report);

}  // namespace peixun::io
