// Use cases of lodging (住宿): a class's rooms at the host venue and who sleeps in
// which. Each public call is one transaction, access checks included
// (logistics_access.h); the static *In variants run inside a caller's.
//
// Rules:
//   - A room has a name unique in the class (409 logistics.room.duplicate, 1..30
//     characters), a floor (-5..200) and 1..kMaxBedsPerRoom beds (422
//     logistics.room.invalid). Beds never drop below the room's occupants (409
//     logistics.room.full); an occupied room is not deleted (409
//     logistics.room.occupied).
//   - Only approved trainees (enrollment) are lodged; assignments of people who are
//     no longer approved are dropped by the next write and never shown.
//   - AutoAssign replaces every assignment of the class with core/room_assignment.h
//     AssignRooms: genders never share a room, no room holds more than its beds,
//     every trainee is placed once or reported unplaced (no bed left).
//   - Move puts one trainee into a room of the class: refused when the room holds
//     the other gender (409 logistics.room.mixed_gender) or is full (409
//     logistics.room.full); 422 logistics.not_trainee for anyone but an approved
//     trainee.
//
// Writes are audited: logistics.room.create / .update / .delete (entity "room"),
// logistics.rooms.bulk_create and logistics.lodging.assign (entity "class"),
// logistics.lodging.move (entity "person").
// Thread-safe: no mutable state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "core/room_assignment.h"
#include "io/pdf_layouts.h"
#include "io/table.h"
#include "modules/logistics/room_range.h"
#include "store/store.h"

namespace peixun::logistics {

struct Occupant {
  int64_t person_id = 0;
  std::string name;
  std::string gender;  // 男 / 女
  std::string unit_name;
};

struct LodgingRoomView {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string name;
  int floor = 0;
  int beds = 0;
  std::string gender;               // of its occupants; "" when empty
  std::vector<Occupant> occupants;  // 姓氏笔画 order
};

struct LodgingAssignment {
  std::vector<LodgingRoomView> rooms;  // every room of the class
  std::vector<core::UnplacedTrainee> unplaced;
  core::LodgingStats stats;
};

class LodgingService {
 public:
  explicit LodgingService(store::Store& store) : store_(store) {}

  // By floor, then name.
  Result<std::vector<LodgingRoomView>> Rooms(const Principal& who, int64_t class_id);
  Result<LodgingRoomView> CreateRoom(const Principal& who, int64_t class_id,
                                     const RoomInput& input);
  // All or nothing: one bad or duplicate name refuses the whole list.
  Result<std::vector<LodgingRoomView>> CreateRooms(const Principal& who, int64_t class_id,
                                                   const std::vector<RoomInput>& inputs);
  Result<LodgingRoomView> UpdateRoom(const Principal& who, int64_t room_id, const RoomInput& input);
  Status DeleteRoom(const Principal& who, int64_t room_id);

  Result<LodgingAssignment> AutoAssign(const Principal& who, int64_t class_id,
                                       core::RoommatePreference preference);
  // Moves the trainee into `room_id`, or out of any room when nullopt. Returns the
  // class's rooms.
  Result<std::vector<LodgingRoomView>> Move(const Principal& who, int64_t class_id,
                                            int64_t person_id, std::optional<int64_t> room_id);

  // 住宿安排: 楼层 房间 床位 性别 姓名 单位, one row per occupant (an empty room: one
  // row without a name).
  Result<io::Table> RoomTable(const Principal& who, int64_t class_id);
  Result<std::string> RoomListPdfFile(const Principal& who, int64_t class_id,
                                      const io::PdfProgress& progress = {});

  // No access check.
  static Result<std::vector<LodgingRoomView>> RoomsIn(store::Tx& tx, int64_t class_id);
  // The room the trainee sleeps in, if any.
  static Result<std::optional<LodgingRoomView>> RoomOfIn(store::Tx& tx, int64_t class_id,
                                                         int64_t person_id);

 private:
  store::Store& store_;
};

}  // namespace peixun::logistics
