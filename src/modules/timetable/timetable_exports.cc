#include "modules/timetable/timetable_exports.h"

#include <algorithm>

#include "core/credit_hours.h"
#include "core/local_time.h"
#include "core/name_collation.h"
#include "modules/timetable/internal/programme.h"

namespace peixun::timetable {
namespace {

constexpr const char* kWeekdays[] = {"星期日", "星期一", "星期二", "星期三",
                                     "星期四", "星期五", "星期六"};
constexpr char kDash[] = "—";

std::string MonthDay(const core::CivilDate& d) {
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

std::string FullDate(const core::CivilDate& d) {
  return std::to_string(d.year) + "年" + MonthDay(d);
}

std::string TimeSpan(const ClassSession& s) {
  return core::FormatLocalClock(s.start_ms, s.utc_offset_minutes) + kDash +
         core::FormatLocalClock(s.end_ms, s.utc_offset_minutes);
}

std::string LecturerText(const ClassSession& s) {
  if (s.lecturer_name.empty()) return "";
  return s.lecturer_title.empty() ? s.lecturer_name : s.lecturer_name + " " + s.lecturer_title;
}

}  // namespace

std::string DayHeading(int64_t utc_ms, int utc_offset_minutes) {
  const int64_t day = core::LocalDay(utc_ms, utc_offset_minutes);
  // 1970-01-01 was a Thursday.
  const int weekday = static_cast<int>(((day + 4) % 7 + 7) % 7);
  return MonthDay(core::CivilDateFromDays(day)) + "（" + kWeekdays[weekday] + "）";
}

std::string DateSpan(const core::CivilDate& first, const core::CivilDate& last) {
  if (first == last) return FullDate(first);
  return FullDate(first) + kDash + (first.year == last.year ? MonthDay(last) : FullDate(last));
}

std::string SessionContent(const ClassSession& s) {
  if (s.kind == SessionKind::kLecture && s.title.rfind("《", 0) != 0) return "《" + s.title + "》";
  return s.title;
}

std::string SessionHeadline(const ClassSession& s) {
  const std::string content = SessionContent(s);
  const std::string_view label = SessionKindLabel(s.kind);
  if (label.empty() || content.find(label) != std::string::npos) return content;
  return std::string(label) + "：" + content;
}

std::string SessionPlace(const ClassSession& s) {
  if (s.room_id) return s.room_name;
  std::string out;
  for (const auto& site : s.sites) out += (out.empty() ? "" : "、") + site.name;
  return out;
}

io::TimetableDoc TimetableDocOf(const classes::TrainingClass& cls,
                                const std::vector<ClassSession>& sessions,
                                const std::vector<int64_t>& class_group_ids) {
  io::TimetableDoc doc;
  doc.class_name = cls.name;
  doc.dates = DateSpan(cls.start_date, cls.end_date);
  doc.venue = cls.host_venue;
  doc.organizer = cls.organizer_name;
  for (const auto& s : sessions) {
    io::TimetableEntry e;
    e.date = DayHeading(s.start_ms, s.utc_offset_minutes);
    e.time = TimeSpan(s);
    e.content = SessionContent(s);
    e.form = std::string(SessionKindLabel(s.kind));
    e.lecturer = LecturerText(s);
    e.place = SessionPlace(s);
    e.hours = s.credit_tenths / 10.0;
    doc.entries.push_back(std::move(e));
  }
  doc.total = ProgrammeTotalLine(ProgrammeOf(sessions, class_group_ids));
  return doc;
}

io::Table TimetableTableOf(const io::TimetableDoc& doc) {
  io::Table t;
  t.header = {"日期", "时间", "内容", "形式", "授课人", "地点", "学时"};
  for (const auto& e : doc.entries) {
    const int tenths = static_cast<int>(e.hours * 10 + 0.5);
    t.rows.push_back({e.date, e.time, e.content, e.form, e.lecturer, e.place,
                      tenths > 0 ? core::FormatCreditTenths(tenths) : ""});
    t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
  }
  return t;
}

std::vector<ClassSession> SessionsForGroups(const std::vector<ClassSession>& sessions,
                                            const std::vector<int64_t>& person_group_ids) {
  std::vector<ClassSession> out;
  for (const auto& s : sessions) {
    bool attends = s.group_ids.empty();
    for (int64_t g : s.group_ids) {
      attends = attends || std::find(person_group_ids.begin(), person_group_ids.end(), g) !=
                               person_group_ids.end();
    }
    if (attends) out.push_back(s);
  }
  return out;
}

IcalCalendar CalendarOf(const classes::TrainingClass& cls,
                        const std::vector<ClassSession>& sessions) {
  IcalCalendar cal;
  cal.name = cls.name;
  for (const auto& s : sessions) {
    IcalEvent e;
    e.uid = "session-" + std::to_string(s.id) + "@peixun";
    e.stamp_ms = s.updated_at;
    e.start_ms = s.start_ms;
    e.end_ms = s.end_ms;
    e.summary = SessionHeadline(s);
    e.location = SessionPlace(s);
    const std::string lecturer = LecturerText(s);
    e.description = lecturer.empty() ? s.description
                                     : "授课人：" + lecturer +
                                           (s.description.empty() ? "" : "\n" + s.description);
    cal.events.push_back(std::move(e));
  }
  return cal;
}

std::vector<SheetRow> SortedByStroke(std::vector<SheetRow> rows) {
  std::vector<std::pair<std::string, SheetRow>> keyed;
  for (auto& r : rows) keyed.emplace_back(core::StrokeSortKey(r.name), std::move(r));
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second.person_id < b.second.person_id;
  });
  std::vector<SheetRow> out;
  for (auto& [key, row] : keyed) out.push_back(std::move(row));
  return out;
}

io::SignInDoc SignInDocOf(const classes::TrainingClass& cls, const ClassSession& session,
                          const std::vector<SheetRow>& sorted_rows) {
  io::SignInDoc doc;
  doc.class_name = cls.name;
  doc.session_title = SessionHeadline(session);
  doc.date = FullDate(core::LocalDate(session.start_ms, session.utc_offset_minutes));
  doc.time = TimeSpan(session);
  doc.place = SessionPlace(session);
  for (const auto& r : sorted_rows) doc.trainees.push_back({r.name, r.unit});
  return doc;
}

Result<io::SeatingDoc> SeatingDocOf(const classes::TrainingClass& cls, const ClassSession& session,
                                    const std::optional<ClassRoom>& room,
                                    const std::vector<SheetRow>& sorted_rows) {
  if (!room) {
    return Conflict("timetable.seating.no_room", "该课程没有安排教室，无法排座次",
                    "the session has no room, so there is no seating chart", "room_id");
  }
  if (!room->seat_rows || !room->seats_per_row) {
    return Conflict("timetable.seating.no_grid",
                    "教室“" + room->name + "”没有登记座位排数和每排座位数",
                    "room \"" + room->name + "\" has no seat rows and seats per row", "room_id");
  }
  const int rows = *room->seat_rows, cols = *room->seats_per_row;
  if (static_cast<int64_t>(sorted_rows.size()) > static_cast<int64_t>(rows) * cols) {
    return Conflict("timetable.seating.too_small",
                    "教室“" + room->name + "”只有 " + std::to_string(rows * cols) +
                        " 个座位，学员有 " + std::to_string(sorted_rows.size()) + " 人",
                    "room \"" + room->name + "\" has " + std::to_string(rows * cols) +
                        " seats for " + std::to_string(sorted_rows.size()) + " trainees",
                    "room_id");
  }
  io::SeatingDoc doc;
  doc.class_name = cls.name;
  doc.subtitle = room->name + " · " + SessionContent(session);
  doc.rows = rows;
  doc.cols = cols;
  for (size_t i = 0; i < sorted_rows.size(); ++i) {
    doc.seats.push_back(
        {static_cast<int>(i) / cols + 1, static_cast<int>(i) % cols + 1, sorted_rows[i].name});
  }
  return doc;
}

}  // namespace peixun::timetable
