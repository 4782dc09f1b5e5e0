#include "modules/timetable/room_service.h"

#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_service.h"
#include "modules/timetable/internal/field_checks.h"
#include "modules/timetable/timetable_json.h"

namespace peixun::timetable {
namespace {

using store::Int;
using store::Text;

constexpr char kColumns[] = "id, class_id, name, capacity, seat_rows, seats_per_row";
constexpr int kMaxRoomCapacity = 10000;

ClassRoom FromRow(const store::Row& r) {
  ClassRoom room;
  room.id = r.Int(0);
  room.class_id = r.Int(1);
  room.name = r.Str(2);
  room.capacity = static_cast<int>(r.Int(3));
  if (!r.IsNull(4)) room.seat_rows = static_cast<int>(r.Int(4));
  if (!r.IsNull(5)) room.seats_per_row = static_cast<int>(r.Int(5));
  return room;
}

store::Value OptIntValue(const std::optional<int>& v) { return v ? Int(*v) : store::Null(); }

Result<ClassRoomInput> Validate(const ClassRoomInput& raw) {
  ClassRoomInput in = raw;
  in.name = core::NormalizeField(in.name);
  PEIXUN_RETURN_IF_ERROR(CheckText(in.name, "name", "教室名称", 50, true));
  if (in.seat_rows.has_value() != in.seats_per_row.has_value()) {
    return Invalid("timetable.room.grid", "座位排数和每排座位数须同时给出",
                   "seat_rows and seats_per_row go together",
                   in.seat_rows ? "seats_per_row" : "seat_rows");
  }
  if (in.seat_rows) {
    PEIXUN_RETURN_IF_ERROR(CheckRange(*in.seat_rows, "seat_rows", "座位排数", 1, kMaxSeatRows));
    PEIXUN_RETURN_IF_ERROR(
        CheckRange(*in.seats_per_row, "seats_per_row", "每排座位数", 1, kMaxSeatsPerRow));
    if (in.capacity == 0) in.capacity = *in.seat_rows * *in.seats_per_row;
  }
  PEIXUN_RETURN_IF_ERROR(CheckRange(in.capacity, "capacity", "可容纳人数", 1, kMaxRoomCapacity));
  return in;
}

Error MapWriteError(Error e, const std::string& name) {
  if (e.code == store::kUniqueViolation) {
    return Conflict("timetable.room.duplicate", "本班已有名为“" + name + "”的教室",
                    "the class already has a room named \"" + name + "\"", "name");
  }
  return e;
}

}  // namespace

Result<ClassRoom> RoomService::CreateIn(store::Tx& tx, int64_t class_id, const ClassRoomInput& raw,
                                        const Actor& actor) {
  PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(ClassRoomInput in, Validate(raw));
  auto rows = tx.Query(
      "INSERT INTO class_rooms (class_id, name, capacity, seat_rows, seats_per_row) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {Int(class_id), Text(in.name), Int(in.capacity), OptIntValue(in.seat_rows),
       OptIntValue(in.seats_per_row)});
  if (!rows) return MapWriteError(std::move(rows).error(), in.name);
  PEIXUN_ASSIGN_OR_RETURN(ClassRoom created, GetIn(tx, (*rows)[0].Int(0)));
  PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "timetable.room.create", "room", created.id,
                                         nullptr, RoomToJson(created)));
  return created;
}

Result<ClassRoom> RoomService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM class_rooms WHERE id = ?", {Int(id)}));
  if (rows.empty()) {
    return NotFound("timetable.room.not_found", "教室不存在：" + std::to_string(id),
                    "room not found: " + std::to_string(id), "room_id");
  }
  return FromRow(rows[0]);
}

Result<std::vector<ClassRoom>> RoomService::ListForClassIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query(std::string("SELECT ") + kColumns +
                                       " FROM class_rooms WHERE class_id = ? ORDER BY name, id",
                                   {Int(class_id)}));
  std::vector<ClassRoom> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<ClassRoom> RoomService::Create(int64_t class_id, const ClassRoomInput& input,
                                      const Actor& actor) {
  return store::TransactValue<ClassRoom>(
      store_, [&](store::Tx& tx) { return CreateIn(tx, class_id, input, actor); });
}

Result<ClassRoom> RoomService::Get(int64_t id) {
  return store::ReadValue<ClassRoom>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<std::vector<ClassRoom>> RoomService::ListForClass(int64_t class_id) {
  return store::ReadValue<std::vector<ClassRoom>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<ClassRoom>> {
        PEIXUN_RETURN_IF_ERROR(classes::ClassService::GetIn(tx, class_id));
        return ListForClassIn(tx, class_id);
      });
}

Result<ClassRoom> RoomService::Update(int64_t id, const ClassRoomInput& raw, const Actor& actor) {
  return store::TransactValue<ClassRoom>(store_, [&](store::Tx& tx) -> Result<ClassRoom> {
    PEIXUN_ASSIGN_OR_RETURN(ClassRoom before, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, before.class_id));
    PEIXUN_ASSIGN_OR_RETURN(ClassRoomInput in, Validate(raw));
    auto updated = tx.Exec(
        "UPDATE class_rooms SET name = ?, capacity = ?, seat_rows = ?, seats_per_row = ? "
        "WHERE id = ?",
        {Text(in.name), Int(in.capacity), OptIntValue(in.seat_rows), OptIntValue(in.seats_per_row),
         Int(id)});
    if (!updated) return MapWriteError(std::move(updated).error(), in.name);
    PEIXUN_ASSIGN_OR_RETURN(ClassRoom after, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "timetable.room.update", "room", id,
                                           RoomToJson(before), RoomToJson(after)));
    return after;
  });
}

Status RoomService::Delete(int64_t id, const Actor& actor) {
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(ClassRoom before, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(classes::ClassService::CheckEditableIn(tx, before.class_id));
    auto deleted = tx.Exec("DELETE FROM class_rooms WHERE id = ?", {Int(id)});
    if (!deleted) {
      if (deleted.error().code == store::kForeignKeyViolation) {
        return Conflict("timetable.room.in_use", "该教室已排入课程，不能删除",
                        "sessions use the room; it cannot be deleted", "id");
      }
      return std::move(deleted).error();
    }
    return audit::RecordIn(tx, actor, "timetable.room.delete", "room", id, RoomToJson(before),
                           nullptr);
  });
}

}  // namespace peixun::timetable
