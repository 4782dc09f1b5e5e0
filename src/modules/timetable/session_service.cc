#include "modules/timetable/session_service.h"

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/local_time.h"
#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_service.h"
#include "modules/timetable/internal/field_checks.h"
#include "modules/timetable/internal/session_rows.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/site_service.h"
#include "modules/timetable/timetable_json.h"
#include "store/key_lock.h"

namespace peixun::timetable {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

constexpr size_t kMaxTitleChars = 100;
constexpr size_t kMaxDescriptionChars = 2000;

Error SessionNotFound(int64_t id) {
  return NotFound("timetable.session.not_found", "课程不存在：" + std::to_string(id),
                  "session not found: " + std::to_string(id), "id");
}

std::vector<int64_t> SortedUnique(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// The row to store: a session's own columns and links, validated.
struct SessionRow {
  SessionKind kind = SessionKind::kLecture;
  std::string title;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::optional<int64_t> room_id;
  std::vector<int64_t> site_ids;
  std::optional<int64_t> lecturer_id;
  std::optional<int> hours_tenths;
  std::vector<int64_t> group_ids;
  bool requires_checkout = false;
  std::string description;
};

SessionRow RowOf(const ClassSession& s) {
  SessionRow row;
  row.kind = s.kind;
  row.title = s.title;
  row.start_ms = s.start_ms;
  row.end_ms = s.end_ms;
  row.room_id = s.room_id;
  row.site_ids = s.SiteIds();
  row.lecturer_id = s.lecturer_id;
  row.hours_tenths = s.explicit_tenths;
  row.group_ids = s.group_ids;
  row.requires_checkout = s.requires_checkout;
  row.description = s.description;
  return row;
}

// Applies `f` over `row` (the current session, or defaults on create) and
// validates the result against the class.
Status Apply(store::Tx& tx, const classes::TrainingClass& cls, const SessionFields& f,
             bool creating, SessionRow& row) {
  if (creating) {
    for (auto [value, field] : {std::pair{&f.kind, "kind"}, std::pair{&f.title, "title"},
                                std::pair{&f.start, "start"}, std::pair{&f.end, "end"}}) {
      if (!*value) {
        return Invalid("timetable." + std::string(field) + ".required",
                       "缺少字段 " + std::string(field), "missing field " + std::string(field),
                       field);
      }
    }
  }
  if (f.kind) {
    auto kind = ParseSessionKind(core::NormalizeField(*f.kind));
    if (!kind) {
      return Invalid("timetable.session.kind",
                     "课程形式应为 ceremony、lecture、onsite、discussion、exam 或 self_study",
                     "kind must be ceremony, lecture, onsite, discussion, exam or self_study",
                     "kind");
    }
    row.kind = *kind;
  }
  if (f.title) row.title = core::NormalizeField(*f.title);
  PEIXUN_RETURN_IF_ERROR(CheckText(row.title, "title", "课程名称", kMaxTitleChars, true));
  if (f.start) {
    PEIXUN_ASSIGN_OR_RETURN(row.start_ms,
                            core::ParseLocalDateTime(*f.start, cls.utc_offset_minutes, "start"));
  }
  if (f.end) {
    PEIXUN_ASSIGN_OR_RETURN(row.end_ms,
                            core::ParseLocalDateTime(*f.end, cls.utc_offset_minutes, "end"));
  }
  if (row.end_ms <= row.start_ms) {
    return Invalid("timetable.session.time_order", "结束时间应晚于开始时间",
                   "the end must come after the start", "end");
  }
  if (f.set_room) row.room_id = f.room_id;
  if (f.site_ids) row.site_ids = SortedUnique(*f.site_ids);
  if (f.set_lecturer) row.lecturer_id = f.lecturer_id;
  if (f.set_hours) row.hours_tenths = f.hours_tenths;
  if (f.group_ids) row.group_ids = SortedUnique(*f.group_ids);
  if (f.requires_checkout) row.requires_checkout = *f.requires_checkout;
  if (f.description) row.description = *f.description;
  PEIXUN_RETURN_IF_ERROR(
      CheckText(row.description, "description", "说明", kMaxDescriptionChars, false));
  if (row.room_id && !row.site_ids.empty()) {
    return Invalid("timetable.session.place", "课程只能安排在教室或示范点之一",
                   "a session is held in a room or at sites, not both", "room_id");
  }
  if (row.room_id) {
    PEIXUN_ASSIGN_OR_RETURN(ClassRoom room, RoomService::GetIn(tx, *row.room_id));
    if (room.class_id != cls.id) {
      return NotFound("timetable.room.not_found", "本班没有这间教室：" + std::to_string(room.id),
                      "the class has no room " + std::to_string(room.id), "room_id");
    }
  }
  for (int64_t site_id : row.site_ids) PEIXUN_RETURN_IF_ERROR(SiteService::GetIn(tx, site_id));
  if (row.lecturer_id) PEIXUN_RETURN_IF_ERROR(LecturerService::GetIn(tx, *row.lecturer_id));
  if (row.hours_tenths) {
    PEIXUN_RETURN_IF_ERROR(CheckRange(*row.hours_tenths, "hours", "学时", 0, kMaxSessionTenths));
  }
  for (int64_t g : row.group_ids) {
    if (g <= 0) {
      return Invalid("timetable.group_ids", "分组编号应为正整数", "group ids must be positive",
                     "group_ids");
    }
  }
  return Ok();
}

Status StoreLinks(store::Tx& tx, int64_t id, const SessionRow& row) {
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM session_sites WHERE session_id = ?", {Int(id)}));
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM session_groups WHERE session_id = ?", {Int(id)}));
  for (int64_t site_id : row.site_ids) {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO session_sites (session_id, site_id) VALUES (?, ?)",
                                   {Int(id), Int(site_id)}));
  }
  for (int64_t group_id : row.group_ids) {
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO session_groups (session_id, group_id) VALUES (?, ?)",
                {Int(id), Int(group_id)}));
  }
  return Ok();
}

store::Value HoursValue(const std::optional<int>& tenths) {
  return tenths ? Int(*tenths) : store::Null();
}

Error ConflictError(const std::vector<core::SessionConflict>& conflicts) {
  std::string zh, en;
  for (const auto& c : conflicts) {
    zh += (zh.empty() ? "" : "；") + c.message;
    en += (en.empty() ? "" : "; ") + c.message_en;
  }
  return Conflict(
      "timetable.conflict",
      "课程安排有冲突：" + zh + "。确需如此安排时，请加 \"accept_conflicts\": true 再保存",
      "the timetable has conflicts: " + en + ". To keep it anyway, send \"accept_conflicts\": true",
      "accept_conflicts");
}

}  // namespace

int SessionService::TraineeCount(int64_t class_id) const {
  return hooks_.trainee_count ? std::max(0, hooks_.trainee_count(class_id)) : 0;
}

Result<SessionWrite> SessionService::Write(int64_t class_id, std::optional<int64_t> id,
                                           const SessionFields& fields, bool accept_conflicts,
                                           const Actor& actor) {
  const int trainees = TraineeCount(class_id);
  return store::TransactValue<SessionWrite>(store_, [&](store::Tx& tx) -> Result<SessionWrite> {
    // The class's timetable lock (store/key_lock.h): conflicts (one room, one
    // lecturer, one group at a time) are checked over the class's sessions before
    // the write, so two writes to one class's timetable run one at a time.
    PEIXUN_RETURN_IF_ERROR(store::LockKeyIn(tx, "timetable.class:" + std::to_string(class_id)));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass cls, classes::ClassService::GetIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, class_id));
    SessionRow row;
    nlohmann::json before = nullptr;
    if (id) {
      PEIXUN_ASSIGN_OR_RETURN(ClassSession current, GetIn(tx, *id));
      before = SessionToJson(current);
      row = RowOf(current);
    }
    PEIXUN_RETURN_IF_ERROR(Apply(tx, cls, fields, !id, row));
    const int64_t now = NowMillis();
    int64_t session_id = 0;
    if (id) {
      session_id = *id;
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "UPDATE class_sessions SET kind = ?, title = ?, start_ms = ?, end_ms = ?, room_id = ?, "
          "lecturer_id = ?, hours_tenths = ?, requires_checkout = ?, description = ?, "
          "updated_at = ? WHERE id = ?",
          {Text(SessionKindCode(row.kind)), Text(row.title), Int(row.start_ms), Int(row.end_ms),
           IntOrNull(row.room_id), IntOrNull(row.lecturer_id), HoursValue(row.hours_tenths),
           Int(row.requires_checkout ? 1 : 0), TextOrNull(row.description), Int(now),
           Int(session_id)}));
    } else {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows inserted,
          tx.Query(
              "INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, room_id, "
              "lecturer_id, hours_tenths, requires_checkout, description, created_at, "
              "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {Int(class_id), Text(SessionKindCode(row.kind)), Text(row.title), Int(row.start_ms),
               Int(row.end_ms), IntOrNull(row.room_id), IntOrNull(row.lecturer_id),
               HoursValue(row.hours_tenths), Int(row.requires_checkout ? 1 : 0),
               TextOrNull(row.description), Int(now), Int(now)}));
      session_id = inserted[0].Int(0);
    }
    PEIXUN_RETURN_IF_ERROR(StoreLinks(tx, session_id, row));

    // Checked on the stored state, so the finder sees exactly what would stay.
    PEIXUN_ASSIGN_OR_RETURN(auto all, ConflictsIn(tx, class_id, trainees));
    SessionWrite write;
    for (auto& c : all) {
      if (std::find(c.session_ids.begin(), c.session_ids.end(), session_id) !=
          c.session_ids.end()) {
        write.accepted_conflicts.push_back(std::move(c));
      }
    }
    if (!write.accepted_conflicts.empty() && !accept_conflicts) {
      return ConflictError(write.accepted_conflicts);
    }
    PEIXUN_ASSIGN_OR_RETURN(write.session, GetIn(tx, session_id));
    nlohmann::json after = SessionToJson(write.session);
    if (!write.accepted_conflicts.empty()) {
      nlohmann::json accepted = nlohmann::json::array();
      for (const auto& c : write.accepted_conflicts) accepted.push_back(ConflictToJson(c, "zh-CN"));
      after["accepted_conflicts"] = accepted;
    }
    PEIXUN_RETURN_IF_ERROR(
        audit::RecordIn(tx, actor, id ? "timetable.session.update" : "timetable.session.create",
                        "session", session_id, std::move(before), std::move(after)));
    return write;
  });
}

Result<SessionWrite> SessionService::Create(int64_t class_id, const SessionFields& fields,
                                            bool accept_conflicts, const Actor& actor) {
  return Write(class_id, std::nullopt, fields, accept_conflicts, actor);
}

Result<SessionWrite> SessionService::Update(int64_t id, const SessionFields& fields,
                                            bool accept_conflicts, const Actor& actor) {
  PEIXUN_ASSIGN_OR_RETURN(ClassSession current, Get(id));
  return Write(current.class_id, id, fields, accept_conflicts, actor);
}

Status SessionService::Delete(int64_t id, const Actor& actor) {
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(ClassSession before, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, before.class_id));
    auto deleted = tx.Exec("DELETE FROM class_sessions WHERE id = ?", {Int(id)});
    if (!deleted) {
      if (deleted.error().code == store::kForeignKeyViolation) {
        return Conflict("timetable.session.in_use", "该课程已有签到等记录，不能删除",
                        "the session has attendance or other records; it cannot be deleted", "id");
      }
      return std::move(deleted).error();
    }
    return audit::RecordIn(tx, actor, "timetable.session.delete", "session", id,
                           SessionToJson(before), nullptr);
  });
}

Result<ClassSession> SessionService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(auto sessions, LoadSessionsIn(tx, "s.id = ?", {Int(id)}));
  if (sessions.empty()) return SessionNotFound(id);
  return std::move(sessions.front());
}

Result<std::vector<ClassSession>> SessionService::ListForClassIn(store::Tx& tx, int64_t class_id) {
  return LoadSessionsIn(tx, "s.class_id = ?", {Int(class_id)});
}

Result<ClassSession> SessionService::Get(int64_t id) {
  return store::ReadValue<ClassSession>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<std::vector<ClassSession>> SessionService::ListForClass(int64_t class_id) {
  return store::ReadValue<std::vector<ClassSession>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<ClassSession>> {
        PEIXUN_RETURN_IF_ERROR(classes::ClassService::GetIn(tx, class_id));
        return ListForClassIn(tx, class_id);
      });
}

Result<std::vector<ClassSession>> SessionService::ListForLecturerUser(int64_t user_id) {
  return store::ReadValue<std::vector<ClassSession>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<ClassSession>> {
        return LoadSessionsIn(tx, "s.lecturer_id IN (SELECT id FROM lecturers WHERE user_id = ?)",
                              {Int(user_id)});
      });
}

Result<std::vector<core::SessionConflict>> SessionService::Conflicts(int64_t class_id) {
  const int trainees = TraineeCount(class_id);
  return store::ReadValue<std::vector<core::SessionConflict>>(
      store_, [&](store::Tx& tx) { return ConflictsIn(tx, class_id, trainees); });
}

Status CopyTimetableIn(store::Tx& tx, const classes::ClassCopy& copy, const Actor& actor) {
  std::map<int64_t, int64_t> room_map;
  PEIXUN_ASSIGN_OR_RETURN(auto rooms, RoomService::ListForClassIn(tx, copy.from_class_id));
  for (const auto& room : rooms) {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows inserted,
        tx.Query("INSERT INTO class_rooms (class_id, name, capacity, seat_rows, seats_per_row) "
                 "VALUES (?, ?, ?, ?, ?) RETURNING id",
                 {Int(copy.to_class_id), Text(room.name), Int(room.capacity),
                  room.seat_rows ? Int(*room.seat_rows) : store::Null(),
                  room.seats_per_row ? Int(*room.seats_per_row) : store::Null()}));
    room_map[room.id] = inserted[0].Int(0);
  }
  PEIXUN_ASSIGN_OR_RETURN(auto sessions, SessionService::ListForClassIn(tx, copy.from_class_id));
  const int64_t shift_ms = static_cast<int64_t>(copy.shift_days) * core::kDayMs;
  const int64_t now = NowMillis();
  for (const auto& s : sessions) {
    std::optional<int64_t> room;
    if (s.room_id) room = room_map.at(*s.room_id);
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows inserted,
        tx.Query(
            "INSERT INTO class_sessions (class_id, kind, title, start_ms, end_ms, room_id, "
            "lecturer_id, hours_tenths, requires_checkout, description, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {Int(copy.to_class_id), Text(SessionKindCode(s.kind)), Text(s.title),
             Int(s.start_ms + shift_ms), Int(s.end_ms + shift_ms), IntOrNull(room),
             IntOrNull(s.lecturer_id), HoursValue(s.explicit_tenths),
             Int(s.requires_checkout ? 1 : 0), TextOrNull(s.description), Int(now), Int(now)}));
    SessionRow links;
    links.site_ids = s.SiteIds();
    PEIXUN_RETURN_IF_ERROR(StoreLinks(tx, inserted[0].Int(0), links));
  }
  return audit::AppendIn(tx, actor,
                         audit::AuditEntry{"timetable.copy",
                                           "class",
                                           copy.to_class_id,
                                           nullptr,
                                           {{"from_class_id", copy.from_class_id},
                                            {"rooms", rooms.size()},
                                            {"sessions", sessions.size()},
                                            {"shift_days", copy.shift_days}}});
}

}  // namespace peixun::timetable
