#include "modules/attendance/attendance_reports.h"

#include <cstdio>
#include <vector>

#include "core/local_time.h"
#include "io/pdf_layouts.h"

namespace peixun::attendance {
namespace {

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : io::kListSeparator) + n;
  return out.empty() ? "—" : out;
}

std::string Hours(int tenths) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", tenths / 10.0);
  return buf;
}

const char* StateLabel(core::CompletionVerdict::State s) {
  switch (s) {
    case core::CompletionVerdict::State::kOnTrack:
      return "正常";
    case core::CompletionVerdict::State::kAtRisk:
      return "预警";
    case core::CompletionVerdict::State::kIneligible:
      return "已不符合结业条件";
    case core::CompletionVerdict::State::kCompleted:
      return "结业";
    case core::CompletionVerdict::State::kNotCompleted:
      return "未结业";
    case core::CompletionVerdict::State::kNotAssessed:
      return "待评定";
  }
  return "";
}

}  // namespace

Result<std::string> AttendanceSummaryPdf(AttendanceService& service, const Principal& who,
                                         int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(ClassAttendance att, service.ForClass(who, class_id));
  io::ListDoc doc;
  doc.title = att.klass.name + "考勤汇总";
  doc.subtitle = "共 " + std::to_string(att.trainees.size()) + " 人，" +
                 std::to_string(att.sessions.size()) + " 次课程";
  doc.orientation = io::Orientation::kLandscape;
  // Names on one line; the status column as wide as its longest word (never "已不符合结业条/件").
  doc.columns = {{"序号", 12},
                 {"姓名", 24, io::Align::kLeft, false, io::CellFit::kOneLine},
                 {"单位", 0},
                 {"缺勤", 14},
                 {"违纪", 14},
                 {"请假学时", 18},
                 {"获得学时", 18},
                 {"请假占比", 18},
                 {"状态", 0, io::Align::kLeft, false, io::CellFit::kWidest}};
  int i = 0;
  for (const auto& t : att.trainees) {
    const auto& v = t.verdict;
    doc.rows.push_back({std::to_string(++i), t.name, t.unit_name, std::to_string(v.absences),
                        std::to_string(v.discipline_count), Hours(v.excused_tenths),
                        Hours(v.credited_tenths),
                        std::to_string(v.leave_share.num) + "/" + std::to_string(v.leave_share.den),
                        StateLabel(v.state)});
  }
  doc.note = "违纪 = 迟到、早退、中途外出次数之和；请假占比超过 " +
             std::to_string(att.klass.rules.leave_share_numerator) + "/" +
             std::to_string(att.klass.rules.leave_share_denominator) + " 者不予结业。";
  return io::ListPdf(doc, "考勤汇总");
}

Result<std::string> AttendanceNoticePdf(AttendanceService& service, const Principal& who,
                                        int64_t class_id, const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31) {
    return Invalid("attendance.notice.date", "日期格式应为 2020-06-02",
                   "date must look like 2020-06-02", "date");
  }
  PEIXUN_ASSIGN_OR_RETURN(ClassAttendance att, service.ForClass(who, class_id));
  const int off = att.klass.utc_offset_minutes;
  io::ListDoc doc;
  doc.title = att.klass.name + "考勤通报";
  doc.subtitle = date;
  doc.orientation = io::Orientation::kLandscape;
  // Lists of names break only between names, so each name stays whole on one line.
  constexpr io::CellFit kNames = io::CellFit::kKeepItems;
  // The absent take the most room: a whole class may be missing from a session, and its
  // row then runs over pages, each starting with the session again.
  doc.columns = {{"时间", 26, io::Align::kLeft, false, io::CellFit::kOneLine, true},
                 {"课程", 40, io::Align::kLeft, false, io::CellFit::kWrap, true},
                 {"缺勤", 0, io::Align::kLeft, false, kNames},
                 {"请假", 32, io::Align::kLeft, false, kNames},
                 {"迟到", 32, io::Align::kLeft, false, kNames},
                 {"早退", 32, io::Align::kLeft, false, kNames},
                 {"中途外出", 32, io::Align::kLeft, false, kNames}};
  for (const auto& s : att.sessions) {
    if (core::FormatLocalDate(s.ctx.session.start_ms, off) != date) continue;
    std::vector<std::string> absent, excused, late, early, midway;
    for (const auto& r : s.rows) {
      if (r.status == "absent") absent.push_back(r.name);
      if (r.status == "excused") excused.push_back(r.name);
      if (r.result.late) late.push_back(r.name);
      if (r.result.left_early) early.push_back(r.name);
      if (r.result.left_midway) midway.push_back(r.name);
    }
    doc.rows.push_back({core::FormatLocalClock(s.ctx.session.start_ms, off) + "–" +
                            core::FormatLocalClock(s.ctx.session.end_ms, off),
                        s.ctx.session.title, Join(absent), Join(excused), Join(late), Join(early),
                        Join(midway)});
  }
  if (doc.rows.empty()) doc.note = "当日没有课程。";
  return io::ListPdf(doc, "考勤通报");
}

}  // namespace peixun::attendance
