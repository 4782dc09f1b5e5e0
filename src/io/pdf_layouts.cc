#include "io/pdf_layouts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "io/qr_code.h"

namespace peixun::io {
namespace {

// Cell font of the big tables; 10 pt is a little under 五号 and keeps 7 columns readable.
constexpr double kTableFontPt = 10;
constexpr uint32_t kBadgeAccent = 0xB71C1C;  // the deep red of Party-building material
constexpr uint32_t kOutlineGray = 0xB0B0B0;

// Reports progress on a scale of 2 × items: items as they are laid out, then pages as
// they are written (Cairo's writing is most of the time for badges).
class Progress {
 public:
  Progress(const PdfProgress& callback, size_t items)
      : callback_(callback), items_(std::max<int>(1, static_cast<int>(items))) {}
  void Item(int done) const { Report(std::min(done, items_)); }
  void Page(int page, int pages) const {
    Report(items_ + static_cast<int>(static_cast<long long>(items_) * page / std::max(pages, 1)));
  }
  void Done() const { Report(2 * items_); }

 private:
  void Report(int done) const {
    if (callback_) callback_(done, 2 * items_);
  }
  const PdfProgress& callback_;
  int items_;
};

// Formats 学时 the way people write them: 3, 1.5, 0.25; 0 as an empty string.
std::string FormatHours(double hours) {
  if (hours <= 0) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", hours);
  std::string s = buffer;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// Joins the non-empty parts with `separator`.
std::string JoinNonEmpty(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// Metadata title "<class><kind>", header line "<class> · <kind>".
PageSetup Setup(Orientation orientation, const std::string& class_name, const std::string& kind) {
  PageSetup setup;
  setup.orientation = orientation;
  setup.title = class_name + kind;
  setup.subtitle = JoinNonEmpty({class_name, kind}, " · ");
  // Narrow side margins give the tables room; binders punch on the long edge.
  setup.margin_left_mm = 15;
  setup.margin_right_mm = 15;
  if (orientation == Orientation::kLandscape) {
    setup.margin_top_mm = 18;
    setup.margin_bottom_mm = 16;
  }
  return setup;
}

Result<std::string> Finish(PdfDocument& pdf, const Progress& progress) {
  PEIXUN_ASSIGN_OR_RETURN(std::string bytes,
                          pdf.Finish([&](int page, int pages) { progress.Page(page, pages); }));
  progress.Done();
  return bytes;
}

}  // namespace

Result<std::string> TimetablePdf(const TimetableDoc& doc, const PdfProgress& progress_callback) {
  const Progress progress(progress_callback, doc.entries.size());
  PdfDocument pdf(Setup(Orientation::kPortrait, doc.class_name, "日程表"));
  pdf.Title(doc.class_name);
  pdf.Paragraph("日程表", TextStyle::Heading());
  pdf.Paragraph(JoinNonEmpty({doc.dates, doc.venue, doc.organizer}, "　"), TextStyle::Subtitle());

  TableSpec table;
  table.font_size_pt = kTableFontPt;
  table.min_row_height_mm = 9;
  // Widths fit "9月15日", "08:30—11:30", "现场教学", a six-character name with a middle
  // dot and "各组讨论室" on one line at 10 pt; 内容 takes the rest (about 62 mm).
  table.columns = {{"日期", 17, Align::kCenter, true}, {"时间", 26, Align::kCenter},
                   {"内容", 0, Align::kLeft},          {"形式", 18, Align::kCenter},
                   {"授课人", 25, Align::kCenter},     {"地点", 21, Align::kCenter},
                   {"学时", 11, Align::kCenter}};
  for (const TimetableEntry& e : doc.entries) {
    table.rows.push_back(
        {e.date, e.time, e.content, e.form, e.lecturer, e.place, FormatHours(e.hours)});
  }
  pdf.Table(table, [&](int row) { progress.Item(row + 1); });
  if (!doc.total.empty()) {
    TextStyle total = TextStyle::Body();
    total.align = Align::kRight;
    pdf.Paragraph(doc.total, total);
  }
  if (!doc.note.empty()) pdf.Paragraph(doc.note, TextStyle::Note());
  return Finish(pdf, progress);
}

Result<std::string> RosterPdf(const RosterDoc& doc, const PdfProgress& progress_callback) {
  const Progress progress(progress_callback, doc.trainees.size());
  PdfDocument pdf(Setup(Orientation::kLandscape, doc.class_name, "学员花名册"));
  pdf.Title(doc.class_name);
  pdf.Paragraph("学员花名册", TextStyle::Heading());
  TextStyle count = TextStyle::Subtitle();
  count.align = Align::kRight;
  pdf.Paragraph(
      JoinNonEmpty({doc.subtitle, "共 " + std::to_string(doc.trainees.size()) + " 人"}, "　"),
      count);

  TableSpec table;
  table.font_size_pt = kTableFontPt;
  table.columns = {{"序号", 14, Align::kCenter},
                   {"姓名", 28, Align::kCenter, false, CellFit::kOneLine},
                   {"性别", 12, Align::kCenter},
                   {"民族", 18, Align::kCenter},
                   {"单位", 0, Align::kLeft},
                   {"职务", 52, Align::kLeft},
                   {"手机号", 32, Align::kCenter, false, CellFit::kOneLine}};
  table.min_row_height_mm = 8;
  for (size_t i = 0; i < doc.trainees.size(); ++i) {
    const RosterEntry& t = doc.trainees[i];
    table.rows.push_back(
        {std::to_string(i + 1), t.name, t.gender, t.ethnicity, t.unit, t.position, t.phone});
  }
  pdf.Table(table, [&](int row) { progress.Item(row + 1); });
  return Finish(pdf, progress);
}

Result<std::string> SignInSheetPdf(const SignInDoc& doc, const PdfProgress& progress_callback) {
  const Progress progress(progress_callback, doc.trainees.size());
  PdfDocument pdf(Setup(Orientation::kPortrait, doc.class_name, "签到表"));
  pdf.Title(doc.class_name);
  pdf.Paragraph("签到表", TextStyle::Heading());
  TextStyle session = TextStyle::Body();
  session.size_pt = 11;
  session.space_after_mm = 1;
  pdf.Paragraph("课程：" + doc.session_title, session);
  session.space_after_mm = 3;
  pdf.Paragraph(JoinNonEmpty({"时间：" + JoinNonEmpty({doc.date, doc.time}, " "),
                              doc.place.empty() ? std::string() : "地点：" + doc.place},
                             "　　"),
                session);

  TableSpec table;
  table.font_size_pt = 11;
  table.min_row_height_mm = kSignatureRowMm;
  table.columns = {{"序号", 14, Align::kCenter},
                   {"姓名", 30, Align::kCenter, false, CellFit::kOneLine},
                   {"单位", 0, Align::kLeft},
                   {"签到", 32, Align::kCenter},
                   {"签退", 32, Align::kCenter}};
  for (size_t i = 0; i < doc.trainees.size(); ++i) {
    table.rows.push_back({std::to_string(i + 1), doc.trainees[i].name, doc.trainees[i].unit});
  }
  pdf.Table(table, [&](int row) { progress.Item(row + 1); });
  return Finish(pdf, progress);
}

namespace {

// Seat boxes: the grid shrinks to fit a page down to these sizes (a long name then takes
// two lines at 7 pt or so), and is cut into pages below them.
constexpr double kMinSeatWidthMm = 13;
constexpr double kMinSeatHeightMm = 9;
constexpr double kMaxSeatWidthMm = 36;
constexpr double kMaxSeatHeightMm = 16;
constexpr double kSeatGapMm = 2;    // between boxes
constexpr double kAisleGapMm = 8;   // an aisle between two columns
constexpr double kRowLabelMm = 14;  // "第1排" left of each row

// A run of consecutive rows or seats [first, last], 1-based.
struct Band {
  int first = 1;
  int last = 0;
};

// `n` rows or seats cut into the fewest bands of near-equal size for which `fits` holds.
template <typename Fits>
std::vector<Band> Bands(int n, const Fits& fits) {
  for (int count = 1;; ++count) {
    std::vector<Band> bands;
    const int size = (n + count - 1) / count;
    bool ok = true;
    for (int first = 1; first <= n; first += size) {
      bands.push_back({first, std::min(n, first + size - 1)});
      ok = ok && fits(bands.back());
    }
    if (ok || size == 1) return bands;
  }
}

}  // namespace

Result<std::string> SeatingChartPdf(const SeatingDoc& doc, const PdfProgress& progress_callback) {
  int rows = doc.rows;
  int cols = doc.cols;
  for (const Seat& s : doc.seats) {
    if (doc.rows == 0) rows = std::max(rows, s.row);
    if (doc.cols == 0) cols = std::max(cols, s.col);
  }
  for (const Seat& s : doc.seats) {
    if (s.row < 1 || s.col < 1 || s.row > rows || s.col > cols) {
      return Invalid("io.pdf.seat_out_of_range", "座位超出座次表范围",
                     "the seat is outside the seating grid",
                     "第 " + std::to_string(s.row) + " 排第 " + std::to_string(s.col) + " 座");
    }
  }
  if (rows > kMaxSeatGrid || cols > kMaxSeatGrid) {
    return Invalid("io.pdf.seat_out_of_range",
                   "座次表过大（最多 " + std::to_string(kMaxSeatGrid) + " 排 × " +
                       std::to_string(kMaxSeatGrid) + " 座）",
                   "the seating grid is too large (at most " + std::to_string(kMaxSeatGrid) +
                       " × " + std::to_string(kMaxSeatGrid) + ")");
  }
  const Progress progress(progress_callback, doc.seats.size());
  PdfDocument pdf(Setup(Orientation::kLandscape, doc.class_name, "座次表"));
  pdf.Title(doc.class_name + "座次表");
  if (!doc.subtitle.empty()) pdf.Paragraph(doc.subtitle, TextStyle::Subtitle());

  // Every page: a line naming its part of the grid (when there are several), the podium
  // bar, and the grid below it.
  constexpr double kPodiumWidthMm = 90;
  constexpr double kPodiumHeightMm = 11;
  constexpr double kPodiumGapMm = 8;  // podium to the first row
  constexpr double kPodiumMm = 1 + kPodiumHeightMm + kPodiumGapMm;
  TextStyle band_style = TextStyle::Body();
  band_style.align = Align::kCenter;
  band_style.space_after_mm = 1;
  const RectMm first_area = pdf.RemainingRect();
  const double grid_w = first_area.w - 2 * kRowLabelMm;
  std::set<int> aisles(doc.aisles_after.begin(), doc.aisles_after.end());
  auto band_width = [&](const Band& b, double seat_w) {
    double w = 0;
    for (int c = b.first; c <= b.last; ++c) {
      w += seat_w;
      if (c < b.last) w += aisles.count(c) ? kAisleGapMm : kSeatGapMm;
    }
    return w;
  };
  auto band_height = [&](const Band& b, double seat_h) {
    return (b.last - b.first + 1) * seat_h + (b.last - b.first) * kSeatGapMm;
  };
  // The first page has the least room (the title is on it): size every page like it.
  auto bands_for = [&](double grid_h, std::vector<Band>& row_bands, std::vector<Band>& col_bands) {
    col_bands = Bands(std::max(cols, 1),
                      [&](const Band& b) { return band_width(b, kMinSeatWidthMm) <= grid_w; });
    row_bands = Bands(std::max(rows, 1),
                      [&](const Band& b) { return band_height(b, kMinSeatHeightMm) <= grid_h; });
  };
  double grid_h = first_area.h - kPodiumMm;
  std::vector<Band> row_bands;
  std::vector<Band> col_bands;
  bands_for(grid_h, row_bands, col_bands);
  const bool several = row_bands.size() * col_bands.size() > 1;
  if (several) {
    grid_h -= pdf.TextHeightMm("第 1–1 排", band_style, first_area.w) + band_style.space_after_mm;
    bands_for(grid_h, row_bands, col_bands);
  }
  double seat_w = kMaxSeatWidthMm;
  for (const Band& b : col_bands) {
    const double gaps = band_width(b, 0);
    seat_w = std::min(seat_w, (grid_w - gaps) / (b.last - b.first + 1));
  }
  double seat_h = kMaxSeatHeightMm;
  for (const Band& b : row_bands) {
    seat_h = std::min(seat_h, (grid_h - band_height(b, 0)) / (b.last - b.first + 1));
  }

  TextStyle podium_style;
  podium_style.font = FontFamily::kSerif;
  podium_style.size_pt = 16;
  podium_style.bold = true;
  podium_style.align = Align::kCenter;
  podium_style.letter_spacing_pt = 16;
  TextStyle label;
  label.size_pt = 9;
  label.color = 0x404040;
  label.align = Align::kRight;
  TextStyle name_style;
  // A four-character name fills about three quarters of the box; longer names shrink, and
  // the longest, too long for one line even at PdfDocument::kMinShrinkPt, take two.
  name_style.size_pt = std::clamp(std::min(seat_h * 0.8, seat_w * 0.55), 8.0, 14.0);
  name_style.align = Align::kCenter;

  std::map<std::pair<int, int>, std::string> names;
  for (const Seat& s : doc.seats) names[{s.row, s.col}] = s.name;
  int done = 0;
  bool first_page = true;
  for (const Band& rb : row_bands) {
    for (const Band& cb : col_bands) {
      if (!first_page) pdf.NewPage();
      first_page = false;
      if (several) {
        pdf.Paragraph("第 " + std::to_string(rb.first) + "–" + std::to_string(rb.last) +
                          " 排，第 " + std::to_string(cb.first) + "–" + std::to_string(cb.last) +
                          " 座",
                      band_style);
      }
      const RectMm area = pdf.RemainingRect();
      const double podium_y = area.y + 1;
      const RectMm podium{area.x + (area.w - kPodiumWidthMm) / 2, podium_y, kPodiumWidthMm,
                          kPodiumHeightMm};
      pdf.DrawBox(podium, 0.3, 0xE0E0E0);
      pdf.DrawText(podium, "讲台", podium_style);
      if (rows == 0 || cols == 0) continue;
      const double grid_top = podium_y + kPodiumHeightMm + kPodiumGapMm;
      const double left = area.x + (area.w - band_width(cb, seat_w)) / 2;
      for (int r = rb.first; r <= rb.last; ++r) {
        const double y = grid_top + (r - rb.first) * (seat_h + kSeatGapMm);
        pdf.DrawText({left - kRowLabelMm - 1, y, kRowLabelMm, seat_h},
                     "第" + std::to_string(r) + "排", label, VAlign::kMiddle, 1);
        double x = left;
        for (int c = cb.first; c <= cb.last; ++c) {
          const RectMm box{x, y, seat_w, seat_h};
          x += seat_w + (aisles.count(c) ? kAisleGapMm : kSeatGapMm);
          pdf.DrawBox(box, 0.25);
          auto it = names.find({r, c});
          if (it == names.end() || it->second.empty()) continue;
          pdf.DrawText({box.x + 0.8, box.y + 0.5, box.w - 1.6, box.h - 1}, it->second, name_style,
                       VAlign::kMiddle, 1);
          progress.Item(++done);
        }
      }
    }
  }
  return Finish(pdf, progress);
}

Result<std::string> BadgesPdf(const BadgeDoc& doc, const PdfProgress& progress_callback) {
  const Progress progress(progress_callback, doc.badges.size());
  PageSetup setup = Setup(Orientation::kPortrait, doc.class_name, "胸牌");
  // The grid is centered on the sheet; the header and footer sit in the 28.5 mm above and
  // below it, clear of the cut marks.
  setup.margin_top_mm = 16;
  setup.margin_bottom_mm = 16;
  setup.margin_left_mm = 15;
  setup.margin_right_mm = 15;
  PdfDocument pdf(setup);

  constexpr int kPerPage = kBadgeColumns * kBadgeRows;
  constexpr double kGridW = kBadgeColumns * kBadgeWidthMm;
  constexpr double kGridH = kBadgeRows * kBadgeHeightMm;
  constexpr double kCutGapMm = 2;  // cut marks start this far from the grid
  constexpr double kCutLenMm = 5;
  const RectMm page = pdf.PageRect();
  const double x0 = (page.w - kGridW) / 2;
  const double y0 = (page.h - kGridH) / 2;

  TextStyle class_style;
  class_style.size_pt = 10;
  class_style.bold = true;
  class_style.align = Align::kCenter;
  class_style.color = 0xFFFFFF;
  TextStyle name_style;
  name_style.font = FontFamily::kSerif;
  name_style.size_pt = 28;
  name_style.bold = true;
  name_style.align = Align::kCenter;
  TextStyle unit_style;
  unit_style.size_pt = 10;
  unit_style.align = Align::kCenter;
  TextStyle group_style = unit_style;
  group_style.color = kBadgeAccent;
  group_style.bold = true;

  const bool backs = std::any_of(doc.badges.begin(), doc.badges.end(),
                                 [](const Badge& b) { return !b.back_qr_payload.empty(); });
  auto cut_marks = [&] {
    for (int c = 0; c <= kBadgeColumns; ++c) {
      const double x = x0 + c * kBadgeWidthMm;
      pdf.DrawLine(x, y0 - kCutGapMm - kCutLenMm, x, y0 - kCutGapMm);
      pdf.DrawLine(x, y0 + kGridH + kCutGapMm, x, y0 + kGridH + kCutGapMm + kCutLenMm);
    }
    for (int r = 0; r <= kBadgeRows; ++r) {
      const double y = y0 + r * kBadgeHeightMm;
      pdf.DrawLine(x0 - kCutGapMm - kCutLenMm, y, x0 - kCutGapMm, y);
      pdf.DrawLine(x0 + kGridW + kCutGapMm, y, x0 + kGridW + kCutGapMm + kCutLenMm, y);
    }
  };
  // The backs of the badges [first, last): each behind its front, so its column is
  // mirrored (the sheet turns over its long edge).
  TextStyle back_name_style = unit_style;
  back_name_style.size_pt = 11;
  back_name_style.bold = true;
  TextStyle caption_style = unit_style;
  caption_style.size_pt = 8;
  auto draw_backs = [&](size_t first, size_t last) -> Status {
    pdf.NewPage();
    cut_marks();
    for (size_t j = first; j < last; ++j) {
      const Badge& b = doc.badges[j];
      if (b.back_qr_payload.empty()) continue;
      const int slot = static_cast<int>(j % kPerPage);
      const int column = kBadgeColumns - 1 - slot % kBadgeColumns;
      const double x = x0 + column * kBadgeWidthMm;
      const double y = y0 + (slot / kBadgeColumns) * kBadgeHeightMm;
      pdf.DrawBox({x, y, kBadgeWidthMm, kBadgeHeightMm}, 0.1, std::nullopt, kOutlineGray);
      auto qr = EncodeQr(b.back_qr_payload);
      if (!qr) {
        Error error = std::move(qr).error();
        error.field = "第 " + std::to_string(j + 1) + " 个胸牌背面（" + b.name + "）";
        return error;
      }
      constexpr double kBackQrMm = 40;
      pdf.DrawQr({x + 4, y + (kBadgeHeightMm - kBackQrMm) / 2, kBackQrMm, kBackQrMm}, *qr);
      const double text_x = x + kBackQrMm + 8;
      const double text_w = kBadgeWidthMm - kBackQrMm - 12;
      pdf.DrawText({text_x, y + 14, text_w, 10}, b.name, back_name_style, VAlign::kMiddle, 1);
      pdf.DrawText({text_x, y + 26, text_w, 20}, doc.back_caption, caption_style, VAlign::kTop, 4);
    }
    return Ok();
  };

  for (size_t i = 0; i < doc.badges.size(); ++i) {
    const Badge& b = doc.badges[i];
    const int slot = static_cast<int>(i % kPerPage);
    if (slot == 0 && i > 0) {
      if (backs) PEIXUN_RETURN_IF_ERROR(draw_backs(i - kPerPage, i));
      pdf.NewPage();
    }
    if (slot == 0) cut_marks();
    const double x = x0 + (slot % kBadgeColumns) * kBadgeWidthMm;
    const double y = y0 + (slot / kBadgeColumns) * kBadgeHeightMm;
    pdf.DrawBox({x, y, kBadgeWidthMm, kBadgeHeightMm}, 0.1, std::nullopt, kOutlineGray);
    // A red band with the class name across the top.
    pdf.DrawBox({x + 3, y + 3, kBadgeWidthMm - 6, 12}, 0, kBadgeAccent);
    pdf.DrawText({x + 5, y + 3.5, kBadgeWidthMm - 10, 11}, doc.class_name, class_style,
                 VAlign::kMiddle, 2);
    // Name, unit and group on the left; the QR code on the right when there is one.
    const bool has_qr = !b.qr_payload.empty();
    constexpr double kQrSideMm = 27;
    const double text_w = has_qr ? kBadgeWidthMm - kQrSideMm - 8 : kBadgeWidthMm - 10;
    pdf.DrawText({x + 4, y + 18, text_w, 17}, b.name, name_style, VAlign::kMiddle, 1);
    pdf.DrawText({x + 4, y + 36, text_w, 11}, b.unit, unit_style, VAlign::kMiddle, 2);
    pdf.DrawText({x + 4, y + 48, text_w, 8}, b.group, group_style, VAlign::kMiddle, 1);
    if (has_qr) {
      auto qr = EncodeQr(b.qr_payload);
      if (!qr) {
        Error error = std::move(qr).error();
        error.field = "第 " + std::to_string(i + 1) + " 个胸牌（" + b.name + "）";
        return error;
      }
      pdf.DrawQr({x + kBadgeWidthMm - kQrSideMm - 3, y + 22, kQrSideMm, kQrSideMm}, *qr);
    }
    progress.Item(static_cast<int>(i + 1));
  }
  if (backs && !doc.badges.empty()) {
    const size_t last_page_start = (doc.badges.size() - 1) / kPerPage * kPerPage;
    PEIXUN_RETURN_IF_ERROR(draw_backs(last_page_start, doc.badges.size()));
  }
  return Finish(pdf, progress);
}

Result<std::string> InviteSlipsPdf(const InviteSlipDoc& doc, const PdfProgress& progress_callback) {
  const Progress progress(progress_callback, doc.slips.size());
  PageSetup setup = Setup(Orientation::kPortrait, doc.class_name, "登录邀请");
  setup.margin_top_mm = 16;
  setup.margin_bottom_mm = 16;
  setup.margin_left_mm = 15;
  setup.margin_right_mm = 15;
  PdfDocument pdf(setup);

  constexpr int kPerPage = kInviteSlipColumns * kInviteSlipRows;
  constexpr double kSlipW = 60;
  constexpr double kSlipH = 62;
  constexpr double kGridW = kInviteSlipColumns * kSlipW;
  constexpr double kGridH = kInviteSlipRows * kSlipH;
  constexpr double kCutGapMm = 1;
  constexpr double kCutLenMm = 3;
  constexpr double kQrSideMm = 36;
  const RectMm page = pdf.PageRect();
  const double x0 = (page.w - kGridW) / 2;
  const double y0 = (page.h - kGridH) / 2;

  TextStyle name_style;
  name_style.font = FontFamily::kSerif;
  name_style.size_pt = 16;
  name_style.bold = true;
  name_style.align = Align::kCenter;
  TextStyle unit_style;
  unit_style.size_pt = 8;
  unit_style.align = Align::kCenter;
  TextStyle hint_style = unit_style;
  hint_style.size_pt = 7;
  hint_style.color = kBadgeAccent;

  for (size_t i = 0; i < doc.slips.size(); ++i) {
    const InviteSlip& s = doc.slips[i];
    const int slot = static_cast<int>(i % kPerPage);
    if (slot == 0 && i > 0) pdf.NewPage();
    if (slot == 0) {
      for (int c = 0; c <= kInviteSlipColumns; ++c) {
        const double x = x0 + c * kSlipW;
        pdf.DrawLine(x, y0 - kCutGapMm - kCutLenMm, x, y0 - kCutGapMm);
        pdf.DrawLine(x, y0 + kGridH + kCutGapMm, x, y0 + kGridH + kCutGapMm + kCutLenMm);
      }
      for (int r = 0; r <= kInviteSlipRows; ++r) {
        const double y = y0 + r * kSlipH;
        pdf.DrawLine(x0 - kCutGapMm - kCutLenMm, y, x0 - kCutGapMm, y);
        pdf.DrawLine(x0 + kGridW + kCutGapMm, y, x0 + kGridW + kCutGapMm + kCutLenMm, y);
      }
    }
    const double x = x0 + (slot % kInviteSlipColumns) * kSlipW;
    const double y = y0 + (slot / kInviteSlipColumns) * kSlipH;
    pdf.DrawBox({x, y, kSlipW, kSlipH}, 0.1, std::nullopt, kOutlineGray);
    pdf.DrawText({x + 2, y + 2, kSlipW - 4, 8}, s.name, name_style, VAlign::kMiddle, 1);
    pdf.DrawText({x + 2, y + 10, kSlipW - 4, 7}, s.unit, unit_style, VAlign::kMiddle, 2);
    auto qr = EncodeQr(s.url);
    if (!qr) {
      Error error = std::move(qr).error();
      error.field = "第 " + std::to_string(i + 1) + " 张邀请（" + s.name + "）";
      return error;
    }
    pdf.DrawQr({x + (kSlipW - kQrSideMm) / 2, y + 17.5, kQrSideMm, kQrSideMm}, *qr);
    const std::string hint = doc.expires.empty() ? "微信扫码登录" : "微信扫码登录 · " + doc.expires;
    pdf.DrawText({x + 2, y + 54.5, kSlipW - 4, 6}, hint, hint_style, VAlign::kMiddle, 1);
    progress.Item(static_cast<int>(i + 1));
  }
  return Finish(pdf, progress);
}

Result<std::string> ListPdf(const ListDoc& doc, const std::string& kind,
                            const PdfProgress& progress_callback) {
  const Progress progress(progress_callback, doc.rows.size());
  const std::string title = doc.title.empty() ? kind : doc.title;
  PdfDocument pdf(Setup(doc.orientation, std::string(), title));
  pdf.Title(title);
  if (!doc.subtitle.empty()) pdf.Paragraph(doc.subtitle, TextStyle::Subtitle());
  TableSpec table;
  table.font_size_pt = kTableFontPt;
  table.columns = doc.columns;
  table.rows = doc.rows;
  table.min_row_height_mm = std::max(doc.row_height_mm, 8.0);
  pdf.Table(table, [&](int row) { progress.Item(row + 1); });
  if (!doc.note.empty()) pdf.Paragraph(doc.note, TextStyle::Note());
  return Finish(pdf, progress);
}

Result<std::string> GroupListPdf(const ListDoc& doc, const PdfProgress& progress) {
  return ListPdf(doc, "分组名单", progress);
}

Result<std::string> RoomListPdf(const ListDoc& doc, const PdfProgress& progress) {
  return ListPdf(doc, "住宿安排", progress);
}

Result<std::string> MealSheetPdf(const ListDoc& doc, const PdfProgress& progress) {
  return ListPdf(doc, "用餐统计", progress);
}

}  // namespace peixun::io
