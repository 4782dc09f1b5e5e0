// The timetable conflict finder: given a class's dates and its planned sessions,
// lists every clash a head teacher must resolve before printing the 课程表.
//
// Pure and thread-safe; no I/O. Times are UTC instants in milliseconds; the
// class's UTC offset only decides where its days begin and end.
//
// Sessions are half-open intervals [start_ms, end_ms): a session that ends
// exactly when the next one starts does not clash with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/civil_date.h"

namespace peixun::core {

// The days a class runs, first and last inclusive, in the zone `utc_offset_minutes`
// ahead of UTC (China: +480).
struct ClassDates {
  CivilDate first_day;
  CivilDate last_day;
  int utc_offset_minutes = 480;
};

// One session as the timetable plans it. An empty group_ids means the whole class
// attends; otherwise only the listed discussion groups do.
struct PlannedSession {
  int64_t id = 0;
  std::string title;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::optional<int64_t> room_id;      // a classroom at the host venue
  std::string room_name;               // how messages name it (its id when empty)
  std::optional<int64_t> site_id;      // a demonstration site (现场教学)
  std::optional<int64_t> lecturer_id;  // 授课老师
  std::string lecturer_name;           // how messages name them (their id when empty)
  std::vector<int64_t> group_ids;      // empty = the whole class
  int expected_headcount = 0;
};

enum class SessionConflictKind {
  kRoomDoubleBooked,      // two sessions overlap in the same room
  kLecturerDoubleBooked,  // one lecturer teaches two overlapping sessions
  kGroupDoubleBooked,     // the same people (a group, or the whole class) are due in two
                          // overlapping sessions
  kOutsideClassDates,     // the session starts before the first day or ends after the last
  kSiteOverCapacity,      // more people at a site at one moment than it holds
  kEndBeforeStart,        // end_ms <= start_ms: the session has no duration
};

// Stable machine code of a kind, e.g. "timetable.room_double_booked"; the JSON API
// and the UI key on it.
std::string SessionConflictCode(SessionConflictKind kind);

struct SessionConflict {
  SessionConflictKind kind = SessionConflictKind::kEndBeforeStart;
  // The sessions involved, in (start, end, id) order: one for kOutsideClassDates and
  // kEndBeforeStart, two for the double bookings, one or more for kSiteOverCapacity (all
  // the sessions present at the site while it was over capacity).
  std::vector<int64_t> session_ids;
  // The room, lecturer, group or site concerned; unset for the date kinds and for a
  // clash of the whole class.
  std::optional<int64_t> resource_id;
  std::string message;     // zh-CN, names the sessions by title and local time
  std::string message_en;  // en
};

// Finds every conflict among `sessions`.
//
// - A pair of overlapping sessions is reported once per kind: once as a room clash if
//   they share a room, once as a lecturer clash if they share a lecturer, once as a
//   group clash if they share a group (whichever groups they share; resource_id is the
//   smallest) or either of them is for the whole class.
// - A session with end_ms <= start_ms yields kEndBeforeStart only and takes part in no
//   other check.
// - kOutsideClassDates: the session starts before 00:00 of first_day or ends after
//   00:00 of the day after last_day, local time. If last_day < first_day every session
//   is outside.
// - kSiteOverCapacity: at some instant the expected headcounts of the sessions at a
//   site sum to more than its capacity (equal is fine). One conflict per stretch of
//   time the site stays over capacity. Sites missing from `site_capacities` are not
//   checked.
//
// Output order: by the start of the earliest session involved, then kind, then ids —
// the same input always gives the same output. Runs in O(n log n + k) for n sessions
// and k reported pairs.
std::vector<SessionConflict> FindSessionConflicts(
    const ClassDates& dates, const std::vector<PlannedSession>& sessions,
    const std::unordered_map<int64_t, int>& site_capacities);

}  // namespace peixun::core
