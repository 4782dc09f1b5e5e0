#include "modules/logistics/lodging_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/actor.h"
#include "core/gender.h"
#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "modules/audit/audit_log.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/logistics/internal/logistics_access.h"
#include "modules/people/people_service.h"
#include "store/key_lock.h"

namespace peixun::logistics {
namespace {

using nlohmann::json;
using store::Int;
using store::Text;

constexpr size_t kMaxRoomNameChars = 30;
constexpr int kMinFloor = -5;
constexpr int kMaxFloor = 200;

Error RoomNotFound(int64_t id) {
  return NotFound("logistics.room.not_found", "房间不存在：" + std::to_string(id),
                  "room not found: " + std::to_string(id), "room_id");
}

Error NotTrainee() {
  return Invalid("logistics.not_trainee", "该人员不是本班已批准的学员",
                 "the person is not an approved trainee of this class", "person_id");
}

size_t CharCount(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Result<RoomInput> Validate(const RoomInput& input) {
  RoomInput v = input;
  v.name = core::NormalizeField(input.name);
  if (v.name.empty() || CharCount(v.name) > kMaxRoomNameChars) {
    return Invalid("logistics.room.invalid", "房间名称应为 1 到 30 个字",
                   "a room name has 1 to 30 characters", "name");
  }
  if (v.floor < kMinFloor || v.floor > kMaxFloor) {
    return Invalid("logistics.room.invalid", "楼层无效：" + std::to_string(v.floor),
                   "invalid floor: " + std::to_string(v.floor), "floor");
  }
  if (v.beds < 1 || v.beds > kMaxBedsPerRoom) {
    return Invalid("logistics.room.invalid",
                   "床位数应在 1 到 " + std::to_string(kMaxBedsPerRoom) + " 之间",
                   "beds must be between 1 and " + std::to_string(kMaxBedsPerRoom), "beds");
  }
  return v;
}

Error Duplicate(const std::string& name) {
  return Conflict("logistics.room.duplicate", "房间“" + name + "”已存在",
                  "room \"" + name + "\" already exists", "name");
}

json RoomJson(const LodgingRoomView& r) {
  json occupants = json::array();
  for (const auto& o : r.occupants) occupants.push_back(o.person_id);
  return {{"id", r.id},
          {"name", r.name},
          {"floor", r.floor},
          {"beds", r.beds},
          {"occupants", occupants}};
}

struct RoomRow {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string name;
  int floor = 0;
  int beds = 0;
};

// Takes the class's lodging lock (store/key_lock.h) until the transaction ends:
// beds per room, one room per trainee and one gender per room are checked over the
// class's rooms and occupancies, so their changes run one at a time per class.
Status LockLodgingIn(store::Tx& tx, int64_t class_id) {
  return store::LockKeyIn(tx, "logistics.lodging:" + std::to_string(class_id));
}

Result<RoomRow> RoomRowIn(store::Tx& tx, int64_t room_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id, class_id, name, floor, beds FROM lodging_rooms WHERE id = ?",
               {Int(room_id)}));
  if (rows.empty()) return RoomNotFound(room_id);
  const auto& r = rows[0];
  return RoomRow{r.Int(0), r.Int(1), r.Str(2), static_cast<int>(r.Int(3)),
                 static_cast<int>(r.Int(4))};
}

// Drops the assignments of people who are no longer approved trainees.
Status PurgeStaleIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                          enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  const std::set<int64_t> keep(approved.begin(), approved.end());
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT person_id FROM room_assignments WHERE class_id = ?", {Int(class_id)}));
  for (const auto& r : rows) {
    if (keep.count(r.Int(0))) continue;
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM room_assignments WHERE class_id = ? AND person_id = ?",
                {Int(class_id), Int(r.Int(0))}));
  }
  return Ok();
}

Result<LodgingRoomView> FindRoom(const std::vector<LodgingRoomView>& rooms, int64_t id) {
  for (const auto& r : rooms) {
    if (r.id == id) return r;
  }
  return RoomNotFound(id);
}

Result<int64_t> InsertRoomIn(store::Tx& tx, int64_t class_id, const RoomInput& v) {
  auto inserted = tx.Query(
      "INSERT INTO lodging_rooms (class_id, name, floor, beds) VALUES (?, ?, ?, ?) RETURNING id",
      {Int(class_id), Text(v.name), Int(v.floor), Int(v.beds)});
  if (!inserted) {
    if (inserted.error().code == store::kUniqueViolation) return Duplicate(v.name);
    return std::move(inserted).error();
  }
  return (*inserted)[0].Int(0);
}

}  // namespace

Result<std::vector<LodgingRoomView>> LodgingService::RoomsIn(store::Tx& tx, int64_t class_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                          enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                          people::PeopleService::GetManyIn(tx, approved));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rooms,
      tx.Query("SELECT id, name, floor, beds FROM lodging_rooms WHERE class_id = ? "
               "ORDER BY floor, name, id",
               {Int(class_id)}));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows assigned,
      tx.Query("SELECT person_id, room_id FROM room_assignments WHERE class_id = ?",
               {Int(class_id)}));
  std::map<int64_t, int64_t> room_of;
  for (const auto& r : assigned) room_of[r.Int(0)] = r.Int(1);
  std::vector<LodgingRoomView> out;
  std::map<int64_t, size_t> index;
  for (const auto& r : rooms) {
    LodgingRoomView v;
    v.id = r.Int(0);
    v.class_id = class_id;
    v.name = r.Str(1);
    v.floor = static_cast<int>(r.Int(2));
    v.beds = static_cast<int>(r.Int(3));
    index[v.id] = out.size();
    out.push_back(std::move(v));
  }
  for (const auto& p : people) {
    auto it = room_of.find(p.id);
    if (it == room_of.end() || !index.count(it->second)) continue;
    LodgingRoomView& room = out[index[it->second]];
    if (room.occupants.empty()) room.gender = p.gender;
    room.occupants.push_back({p.id, p.name, p.gender, p.unit_name});
  }
  return out;
}

Result<std::optional<LodgingRoomView>> LodgingService::RoomOfIn(store::Tx& tx, int64_t class_id,
                                                                int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> rooms, RoomsIn(tx, class_id));
  for (auto& r : rooms) {
    for (const auto& o : r.occupants) {
      if (o.person_id == person_id) return std::optional<LodgingRoomView>(std::move(r));
    }
  }
  return std::optional<LodgingRoomView>();
}

Result<std::vector<LodgingRoomView>> LodgingService::Rooms(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  return store::ReadValue<std::vector<LodgingRoomView>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<LodgingRoomView>> {
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, class_id, false));
        return RoomsIn(tx, class_id);
      });
}

Result<LodgingRoomView> LodgingService::CreateRoom(const Principal& who, int64_t class_id,
                                                   const RoomInput& input) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> rooms, CreateRooms(who, class_id, {input}));
  return rooms.front();
}

Result<std::vector<LodgingRoomView>> LodgingService::CreateRooms(
    const Principal& who, int64_t class_id, const std::vector<RoomInput>& inputs) {
  const Actor actor = Actor::Of(who);
  if (inputs.empty() || inputs.size() > static_cast<size_t>(kMaxRoomsPerRange)) {
    return Invalid("logistics.room.invalid",
                   "一次可创建 1 到 " + std::to_string(kMaxRoomsPerRange) + " 间",
                   "create 1 to " + std::to_string(kMaxRoomsPerRange) + " rooms at once", "rooms");
  }
  std::vector<RoomInput> valid;
  for (const auto& in : inputs) {
    PEIXUN_ASSIGN_OR_RETURN(RoomInput v, Validate(in));
    valid.push_back(std::move(v));
  }
  return store::TransactValue<std::vector<LodgingRoomView>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<LodgingRoomView>> {
        PEIXUN_RETURN_IF_ERROR(LockLodgingIn(tx, class_id));
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, class_id, true));
        std::vector<int64_t> ids;
        for (const auto& v : valid) {
          PEIXUN_ASSIGN_OR_RETURN(int64_t id, InsertRoomIn(tx, class_id, v));
          ids.push_back(id);
        }
        PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> all, RoomsIn(tx, class_id));
        std::vector<LodgingRoomView> created;
        for (int64_t id : ids) {
          PEIXUN_ASSIGN_OR_RETURN(LodgingRoomView room, FindRoom(all, id));
          created.push_back(std::move(room));
        }
        if (created.size() == 1) {
          PEIXUN_RETURN_IF_ERROR(
              audit::AppendIn(tx, actor,
                              audit::AuditEntry{"logistics.room.create", "room", created[0].id,
                                                nullptr, RoomJson(created[0])}));
        } else {
          json list = json::array();
          for (const auto& r : created) list.push_back(RoomJson(r));
          PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
              tx, actor,
              audit::AuditEntry{"logistics.rooms.bulk_create", "class", class_id, nullptr, list}));
        }
        return created;
      });
}

Result<LodgingRoomView> LodgingService::UpdateRoom(const Principal& who, int64_t room_id,
                                                   const RoomInput& input) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  PEIXUN_ASSIGN_OR_RETURN(RoomInput v, Validate(input));
  return store::TransactValue<LodgingRoomView>(
      store_, [&](store::Tx& tx) -> Result<LodgingRoomView> {
        PEIXUN_ASSIGN_OR_RETURN(RoomRow row, RoomRowIn(tx, room_id));
        PEIXUN_RETURN_IF_ERROR(LockLodgingIn(tx, row.class_id));
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, row.class_id, true));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> rooms, RoomsIn(tx, row.class_id));
        PEIXUN_ASSIGN_OR_RETURN(LodgingRoomView before, FindRoom(rooms, room_id));
        if (static_cast<int>(before.occupants.size()) > v.beds) {
          return Conflict("logistics.room.full",
                          "房间“" + before.name + "”已住 " +
                              std::to_string(before.occupants.size()) + " 人，床位不能少于此数",
                          "room \"" + before.name + "\" has " +
                              std::to_string(before.occupants.size()) +
                              " occupants; beds cannot drop below that",
                          "beds");
        }
        auto updated =
            tx.Exec("UPDATE lodging_rooms SET name = ?, floor = ?, beds = ? WHERE id = ?",
                    {Text(v.name), Int(v.floor), Int(v.beds), Int(room_id)});
        if (!updated) {
          if (updated.error().code == store::kUniqueViolation) return Duplicate(v.name);
          return std::move(updated).error();
        }
        PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> now, RoomsIn(tx, row.class_id));
        PEIXUN_ASSIGN_OR_RETURN(LodgingRoomView after, FindRoom(now, room_id));
        PEIXUN_RETURN_IF_ERROR(
            audit::AppendIn(tx, actor,
                            audit::AuditEntry{"logistics.room.update", "room", room_id,
                                              RoomJson(before), RoomJson(after)}));
        return after;
      });
}

Status LodgingService::DeleteRoom(const Principal& who, int64_t room_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(RoomRow row, RoomRowIn(tx, room_id));
    PEIXUN_RETURN_IF_ERROR(LockLodgingIn(tx, row.class_id));
    PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, row.class_id, true));
    PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> rooms, RoomsIn(tx, row.class_id));
    PEIXUN_ASSIGN_OR_RETURN(LodgingRoomView before, FindRoom(rooms, room_id));
    if (!before.occupants.empty()) {
      return Conflict("logistics.room.occupied", "房间“" + before.name + "”有人入住，不能删除",
                      "room \"" + before.name + "\" is occupied and cannot be deleted", "id");
    }
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM lodging_rooms WHERE id = ?", {Int(room_id)}));
    return audit::AppendIn(
        tx, actor,
        audit::AuditEntry{"logistics.room.delete", "room", room_id, RoomJson(before), nullptr});
  });
}

Result<LodgingAssignment> LodgingService::AutoAssign(const Principal& who, int64_t class_id,
                                                     core::RoommatePreference preference) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<LodgingAssignment>(
      store_, [&](store::Tx& tx) -> Result<LodgingAssignment> {
        PEIXUN_RETURN_IF_ERROR(LockLodgingIn(tx, class_id));
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, class_id, true));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> approved,
                                enrollment::EnrollmentService::ApprovedPersonIdsIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<people::Person> people,
                                people::PeopleService::GetManyIn(tx, approved));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> before, RoomsIn(tx, class_id));
        std::vector<core::LodgingRoom> rooms;
        for (const auto& r : before) rooms.push_back({r.id, r.name, r.floor, r.beds});
        std::vector<core::LodgingTrainee> trainees;
        for (const auto& p : people) {
          core::LodgingTrainee t;
          t.id = p.id;
          t.unit_id = p.unit_id.value_or(0);
          auto gender = core::ParseGender(p.gender);
          t.gender = gender ? *gender : core::Gender::kMale;
          trainees.push_back(t);
        }
        PEIXUN_ASSIGN_OR_RETURN(core::LodgingPlan plan,
                                core::AssignRooms(rooms, trainees, preference));
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("DELETE FROM room_assignments WHERE class_id = ?", {Int(class_id)}));
        for (const auto& occupancy : plan.rooms) {
          for (int64_t person_id : occupancy.trainee_ids) {
            PEIXUN_RETURN_IF_ERROR(tx.Exec(
                "INSERT INTO room_assignments (class_id, room_id, person_id) VALUES (?, ?, ?)",
                {Int(class_id), Int(occupancy.room_id), Int(person_id)}));
          }
        }
        LodgingAssignment out;
        PEIXUN_ASSIGN_OR_RETURN(out.rooms, RoomsIn(tx, class_id));
        out.unplaced = plan.unplaced;
        out.stats = plan.stats;
        json unplaced = json::array();
        for (const auto& u : plan.unplaced) unplaced.push_back(u.trainee_id);
        json rooms_after = json::array();
        for (const auto& r : out.rooms) {
          if (!r.occupants.empty()) rooms_after.push_back(RoomJson(r));
        }
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, actor,
            audit::AuditEntry{
                "logistics.lodging.assign",
                "class",
                class_id,
                nullptr,
                {{"preference",
                  preference == core::RoommatePreference::kMixUnits ? "mix_units" : "same_unit"},
                 {"rooms", rooms_after},
                 {"unplaced", unplaced}}}));
        return out;
      });
}

Result<std::vector<LodgingRoomView>> LodgingService::Move(const Principal& who, int64_t class_id,
                                                          int64_t person_id,
                                                          std::optional<int64_t> room_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<std::vector<LodgingRoomView>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<LodgingRoomView>> {
        PEIXUN_RETURN_IF_ERROR(LockLodgingIn(tx, class_id));
        PEIXUN_RETURN_IF_ERROR(CheckLogisticsAccessIn(tx, who, class_id, true));
        PEIXUN_ASSIGN_OR_RETURN(
            bool approved, enrollment::EnrollmentService::IsApprovedIn(tx, class_id, person_id));
        if (!approved) return NotTrainee();
        PEIXUN_RETURN_IF_ERROR(PurgeStaleIn(tx, class_id));
        PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> rooms, RoomsIn(tx, class_id));
        std::optional<int64_t> from;
        for (const auto& r : rooms) {
          for (const auto& o : r.occupants) {
            if (o.person_id == person_id) from = r.id;
          }
        }
        if (from == room_id) return rooms;
        if (room_id) {
          PEIXUN_ASSIGN_OR_RETURN(LodgingRoomView target, FindRoom(rooms, *room_id));
          PEIXUN_ASSIGN_OR_RETURN(people::Person person,
                                  people::PeopleService::GetIn(tx, person_id));
          if (!target.occupants.empty() && target.gender != person.gender) {
            return Conflict("logistics.room.mixed_gender",
                            "房间“" + target.name + "”住的是" + target.gender + "学员，不能安排" +
                                person.gender + "学员",
                            "room \"" + target.name + "\" houses trainees of the other gender",
                            "room_id");
          }
          if (static_cast<int>(target.occupants.size()) >= target.beds) {
            return Conflict("logistics.room.full", "房间“" + target.name + "”已住满",
                            "room \"" + target.name + "\" is full", "room_id");
          }
        }
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("DELETE FROM room_assignments WHERE class_id = ? AND person_id = ?",
                    {Int(class_id), Int(person_id)}));
        if (room_id) {
          PEIXUN_RETURN_IF_ERROR(tx.Exec(
              "INSERT INTO room_assignments (class_id, room_id, person_id) VALUES (?, ?, ?)",
              {Int(class_id), Int(*room_id), Int(person_id)}));
        }
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, actor,
            audit::AuditEntry{
                "logistics.lodging.move",
                "person",
                person_id,
                {{"class_id", class_id}, {"room_id", from ? json(*from) : json(nullptr)}},
                {{"class_id", class_id}, {"room_id", room_id ? json(*room_id) : json(nullptr)}}}));
        return RoomsIn(tx, class_id);
      });
}

Result<io::Table> LodgingService::RoomTable(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<LodgingRoomView> rooms, Rooms(who, class_id));
  io::Table table;
  table.header = {"楼层", "房间", "床位", "性别", "姓名", "单位"};
  for (const auto& r : rooms) {
    const std::string floor = std::to_string(r.floor);
    const std::string beds = std::to_string(r.beds);
    if (r.occupants.empty()) {
      table.rows.push_back({floor, r.name, beds, "", "", ""});
    }
    for (const auto& o : r.occupants) {
      table.rows.push_back({floor, r.name, beds, o.gender, o.name, o.unit_name});
    }
  }
  for (size_t i = 0; i < table.rows.size(); ++i)
    table.source_rows.push_back(static_cast<int>(i) + 2);
  return table;
}

Result<std::string> LodgingService::RoomListPdfFile(const Principal& who, int64_t class_id,
                                                    const io::PdfProgress& progress) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLogistics}));
  PEIXUN_ASSIGN_OR_RETURN(io::Table table, RoomTable(who, class_id));
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                          store::ReadValue<classes::TrainingClass>(store_, [&](store::Tx& tx) {
                            return classes::ClassService::GetIn(tx, class_id);
                          }));
  io::ListDoc doc;
  doc.title = c.name + "住宿安排";
  doc.columns = {{"楼层", 16, io::Align::kCenter, true},
                 {"房间", 22, io::Align::kCenter, true},
                 {"床位", 14, io::Align::kCenter},
                 {"性别", 14, io::Align::kCenter},
                 {"姓名", 30, io::Align::kLeft, false, io::CellFit::kOneLine},
                 {"单位", 0}};
  int people = 0;
  for (const auto& row : table.rows) people += row[4].empty() ? 0 : 1;
  doc.subtitle = "共 " + std::to_string(people) + " 人";
  doc.rows = std::move(table.rows);
  return io::RoomListPdf(doc, progress);
}

}  // namespace peixun::logistics
