// The printables of a training class, as Chinese training centers print them: 日程表
// (timetable), 花名册 (roster), 签到表 (sign-in sheet), 座次表 (seating chart), 胸牌
// (badges), and plain lists (groups, rooms, meals). Each function takes a plain struct
// and returns the bytes of an A4 PDF (pdf_document.h), so the classes module can serve
// them over HTTP or write them to a file without knowing about Cairo.
//
// Contract shared by every function here:
//   - texts are UTF-8 and printed exactly as given: names and order are the caller's (sort
//     rosters by stroke order before calling); nothing is trimmed, translated or sorted;
//   - every page carries a header line with the class name and the kind of document, and
//     "第 i 页 / 共 N 页" in the footer; the PDF's metadata title is the document title;
//   - `progress`, when given, is called with (done, total), done never decreasing and total
//     fixed at 2 × the number of items (rows, seats, badges; at least 2): the first half
//     counts items as they are laid out, the second half pages as they are written, and
//     the last call, when the bytes are complete, is (total, total);
//   - errors are those of PdfDocument::Finish (io.encoding.invalid, io.pdf.font_missing,
//     io.pdf.write_failed) plus io.qr.* from badges whose payload cannot be encoded
//     (field names the badge) and io.pdf.seat_out_of_range for seats outside the grid.
// Thread-safe: calls share nothing.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/pdf_document.h"

namespace peixun::io {

using PdfProgress = std::function<void(int done, int total)>;

// ---- 日程表 ----------------------------------------------------------------------------

struct TimetableEntry {
  // Printed once per day, in a cell merged down across that day's consecutive entries
  // ("9月15日（星期二）"); entries of one day must be adjacent.
  std::string date;
  std::string time;      // "08:30—11:30"
  std::string content;   // "《基础党务工作者管理沟通艺术》"
  std::string form;      // 专题讲座 / 现场教学 / 分组讨论 / 开班仪式 / …
  std::string lecturer;  // name and title, may be empty
  std::string place;
  double hours = 0;  // 学时; 0 prints an empty cell
};

struct TimetableDoc {
  std::string class_name;  // the title
  std::string dates;       // "2020年9月15日—9月19日"
  std::string venue;       // "××大学干部培训中心"
  std::string organizer;   // "中共×区委组织部"
  std::vector<TimetableEntry> entries;
  // The line with the total 学时, printed right-aligned under the table; empty: none.
  // The caller's: one trainee's programme is not the sum of the rows when groups meet
  // in parallel ("每名学员合计 24 学时").
  std::string total;
  std::string note;  // optional, printed under the table in small type
};

// A4 portrait: title, a centered line with dates, venue and organizer, the table
// 日期 | 时间 | 内容 | 形式 | 授课人 | 地点 | 学时, and the total line (doc.total).
Result<std::string> TimetablePdf(const TimetableDoc& doc, const PdfProgress& progress = {});

// ---- 花名册 ----------------------------------------------------------------------------

struct RosterEntry {
  std::string name;
  std::string gender;     // 男 / 女
  std::string ethnicity;  // 民族: 汉族, 维吾尔族, …
  std::string unit;       // 单位
  std::string position;   // 职务
  std::string phone;      // 手机号
};

struct RosterDoc {
  std::string class_name;
  std::string subtitle;               // optional line under the heading ("截至2020年9月10日")
  std::vector<RosterEntry> trainees;  // printed in this order, numbered from 1
};

// A4 landscape: 序号 | 姓名 | 性别 | 民族 | 单位 | 职务 | 手机号; the header row repeats on
// every page.
Result<std::string> RosterPdf(const RosterDoc& doc, const PdfProgress& progress = {});

// ---- 签到表 ----------------------------------------------------------------------------

struct SignInPerson {
  std::string name;
  std::string unit;
};

struct SignInDoc {
  std::string class_name;
  std::string session_title;  // "专题讲座《基础党务工作者管理沟通艺术》"
  std::string date;           // "2020年9月15日"
  std::string time;           // "08:30—11:30"
  std::string place;
  std::vector<SignInPerson> trainees;  // printed in this order
};

// Row height of the hand-signed cells.
inline constexpr double kSignatureRowMm = 12;

// A4 portrait: title "…签到表", a session line (date time, title, place), and
// 序号 | 姓名 | 单位 | 签到 | 签退 with empty kSignatureRowMm-tall cells to sign in.
Result<std::string> SignInSheetPdf(const SignInDoc& doc, const PdfProgress& progress = {});

// ---- 座次表 ----------------------------------------------------------------------------

struct Seat {
  int row = 0;  // 1-based; row 1 is nearest the podium (the top of the page)
  int col = 0;  // 1-based; col 1 is the leftmost box on the page
  std::string name;
};

struct SeatingDoc {
  std::string class_name;
  std::string subtitle;           // optional: room and occasion ("第一教室 · 开班仪式")
  int rows = 0;                   // 0: the largest row of `seats`
  int cols = 0;                   // 0: the largest col of `seats`
  std::vector<Seat> seats;        // seats not listed are drawn as empty boxes
  std::vector<int> aisles_after;  // columns followed by an aisle (a wider gap)
};

// Rows and seats per row of the largest seating chart.
inline constexpr int kMaxSeatGrid = 100;

// A4 landscape: a "讲台" bar at the top and the rows × cols grid of boxes below it, each
// with its seat name shrunk to fit (a long name on two lines). A grid too large for one
// page at a legible size (boxes of at least 13 × 9 mm) is cut into blocks of rows and of
// seats, one page each, rows nearest the podium first, each page saying which rows and
// seats it shows ("第 1–12 排，第 1–16 座") under its own podium bar. Seats outside
// 1..rows × 1..cols are an error (io.pdf.seat_out_of_range, field "第 r 排第 c 座");
// grids larger than kMaxSeatGrid × kMaxSeatGrid too.
Result<std::string> SeatingChartPdf(const SeatingDoc& doc, const PdfProgress& progress = {});

// ---- 胸牌 ------------------------------------------------------------------------------

struct Badge {
  std::string name;
  std::string unit;
  std::string group;       // "第三组"; may be empty
  std::string qr_payload;  // encoded with EncodeQr; empty: no QR code on this badge
  // The back of the badge: this QR code (the trainee's sign-in invite link) when set.
  std::string back_qr_payload;
};

struct BadgeDoc {
  std::string class_name;
  std::vector<Badge> badges;
  // Printed on each back under its QR code: what it is for and until when
  // ("微信扫码登录 · 2026-12-14 前有效").
  std::string back_caption;
};

inline constexpr double kBadgeWidthMm = 90;
inline constexpr double kBadgeHeightMm = 60;
inline constexpr int kBadgeColumns = 2;
inline constexpr int kBadgeRows = 4;  // 8 badges per A4 page

// A4 portrait, 2 × 4 badges of 90 × 60 mm per page, centered, with cut marks in the margin
// and a light outline per badge: class name, the name in large type, unit, group and the
// QR code of qr_payload. When any badge has a back_qr_payload, every page of fronts is
// followed by its page of backs for double-sided printing (flip on the long edge): a
// back sits behind its front (columns mirrored, the grid centered on both sides) and
// shows the name, back_qr_payload's QR code and back_caption.
Result<std::string> BadgesPdf(const BadgeDoc& doc, const PdfProgress& progress = {});

// ---- 登录邀请 (trainee sign-in invite slips) -------------------------------------------

struct InviteSlip {
  std::string name;
  std::string unit;
  std::string url;  // the full invite URL, encoded as the slip's QR code
};

struct InviteSlipDoc {
  std::string class_name;
  std::string expires;  // "2026-12-14 前有效"; printed on every slip, may be empty
  std::vector<InviteSlip> slips;
};

inline constexpr int kInviteSlipColumns = 3;
inline constexpr int kInviteSlipRows = 4;  // 12 slips per A4 page

// A4 portrait, 3 × 4 slips of 60 × 62 mm per page with cut marks: name, unit, the QR
// code of url and "微信扫码登录". io.qr.* errors name the slip.
Result<std::string> InviteSlipsPdf(const InviteSlipDoc& doc, const PdfProgress& progress = {});

// ---- plain lists -----------------------------------------------------------------------

struct ListDoc {
  std::string title;     // "×区…培训班分组名单"
  std::string subtitle;  // optional, centered under the title
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
  Orientation orientation = Orientation::kPortrait;
  double row_height_mm = 0;  // e.g. kSignatureRowMm for a column people sign
  std::string note;          // optional, under the table
};

// Title, subtitle and one table; the header line of each page repeats the title. `kind`
// ("分组名单") stands in for an empty title.
Result<std::string> ListPdf(const ListDoc& doc, const std::string& kind,
                            const PdfProgress& progress = {});
// ListPdf with the kind 分组名单 / 住宿安排 / 用餐统计.
Result<std::string> GroupListPdf(const ListDoc& doc, const PdfProgress& progress = {});
Result<std::string> RoomListPdf(const ListDoc& doc, const PdfProgress& progress = {});
Result<std::string> MealSheetPdf(const ListDoc& doc, const PdfProgress& progress = {});

}  // namespace peixun::io
