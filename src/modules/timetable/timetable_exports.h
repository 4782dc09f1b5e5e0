// The printables and files made from a class's timetable: the 日程表 (PDF and
// xlsx), a trainee's iCalendar feed, a session's 签到表 and 座次表. Builders here
// are pure (the routes load the records and call io/pdf_layouts.h with them).
//
// Conventions: dates and times in the class's zone; a lecture's title is printed
// in 《》 (added when the title lacks them); the place is the room, or the sites
// joined by "、"; the lecturer is "name title". Trainees on sheets and seats are
// in 姓氏笔画 order (core::StrokeSortKey), whatever order the hook gave.
//
// Thread-safe: no shared state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/pdf_layouts.h"
#include "io/table.h"
#include "modules/classes/training_class.h"
#include "modules/timetable/class_room.h"
#include "modules/timetable/class_session.h"
#include "modules/timetable/ical.h"
#include "modules/timetable/timetable_hooks.h"

namespace peixun::timetable {

// "6月2日（星期二）"
std::string DayHeading(int64_t utc_ms, int utc_offset_minutes);
// "2020年6月2日—6月5日" (the year repeated only when it changes; one day: "2020年6月2日").
std::string DateSpan(const core::CivilDate& first, const core::CivilDate& last);
// What the 内容 column shows for a session.
std::string SessionContent(const ClassSession& s);
// The session in one line, for a calendar entry or a sheet's heading: its kind and
// content ("专题讲座：《基础党务工作者管理沟通艺术》"), or the content alone when it names
// its kind already ("分组讨论：第八组…", "开班仪式暨培训动员" for a ceremony).
std::string SessionHeadline(const ClassSession& s);
// Room, or sites joined by "、", or "".
std::string SessionPlace(const ClassSession& s);

// The total line is one trainee's programme 学时 (programme.h) over `class_group_ids`.
io::TimetableDoc TimetableDocOf(const classes::TrainingClass& cls,
                                const std::vector<ClassSession>& sessions,
                                const std::vector<int64_t>& class_group_ids = {});
// The same rows as a table: 日期 | 时间 | 内容 | 形式 | 授课人 | 地点 | 学时.
io::Table TimetableTableOf(const io::TimetableDoc& doc);

// The sessions a person attends: whole-class ones and those of their groups.
std::vector<ClassSession> SessionsForGroups(const std::vector<ClassSession>& sessions,
                                            const std::vector<int64_t>& person_group_ids);
IcalCalendar CalendarOf(const classes::TrainingClass& cls,
                        const std::vector<ClassSession>& sessions);

// `rows` sorted by 姓氏笔画, then person id.
std::vector<SheetRow> SortedByStroke(std::vector<SheetRow> rows);
io::SignInDoc SignInDocOf(const classes::TrainingClass& cls, const ClassSession& session,
                          const std::vector<SheetRow>& sorted_rows);
// Seats filled row by row from the podium, left to right.
// Errors (409): timetable.seating.no_room (the session has no room),
// timetable.seating.no_grid (the room has no seat grid), timetable.seating.too_small
// (more trainees than seats).
Result<io::SeatingDoc> SeatingDocOf(const classes::TrainingClass& cls, const ClassSession& session,
                                    const std::optional<ClassRoom>& room,
                                    const std::vector<SheetRow>& sorted_rows);

}  // namespace peixun::timetable
