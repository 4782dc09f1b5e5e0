// Use cases of a class's teaching rooms (lecture halls, discussion rooms). Each
// public call is one transaction; *In variants run inside a caller's.
//
// Rules: a name unique within the class (409 timetable.room.duplicate); the seat
// grid (rows × seats per row, each 1..30) is given whole or not at all;
// capacity 1..10000, defaulting to the grid's size. Rooms of an archived class
// do not change (409 classes.archived). A room used by a session cannot be
// deleted (409 timetable.room.in_use).
//
// Writes are audited: timetable.room.create / .update / .delete, entity "room".
// Thread-safe: no mutable state.
#pragma once

#include <vector>

#include <functional>

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/classes/class_hooks.h"
#include "modules/timetable/class_room.h"
#include "store/store.h"

namespace peixun::timetable {

class RoomService {
 public:
  // `enrolled` answers which classes a trainee may read (unset: none).
  explicit RoomService(store::Store& store, classes::EnrolledClassIds enrolled = {})
      : store_(store), enrolled_(std::move(enrolled)) {}

  // --- For a user: each checks `who` on the room's class (classes/class_access.h):
  // reads need kRead (a trainee only a class they are enrolled in), writes kManage.
  Result<std::vector<ClassRoom>> ListForClass(const Principal& who, int64_t class_id);
  Result<ClassRoom> Get(const Principal& who, int64_t id);
  Result<ClassRoom> Create(const Principal& who, int64_t class_id, const ClassRoomInput& input);
  // `patch` gets the stored room and returns the new fields (the route's partial update).
  Result<ClassRoom> Update(const Principal& who, int64_t id,
                           const std::function<Result<ClassRoomInput>(const ClassRoom&)>& patch);
  Status Delete(const Principal& who, int64_t id);

  // --- In-process calls, unchecked ---

  Result<ClassRoom> Create(int64_t class_id, const ClassRoomInput& input,
                           const Actor& actor = Actor::System());
  Result<ClassRoom> Update(int64_t id, const ClassRoomInput& input,
                           const Actor& actor = Actor::System());
  Status Delete(int64_t id, const Actor& actor = Actor::System());
  Result<ClassRoom> Get(int64_t id);
  // The class's rooms by name.
  Result<std::vector<ClassRoom>> ListForClass(int64_t class_id);

  static Result<ClassRoom> CreateIn(store::Tx& tx, int64_t class_id, const ClassRoomInput& input,
                                    const Actor& actor);
  // 404 timetable.room.not_found.
  static Result<ClassRoom> GetIn(store::Tx& tx, int64_t id);
  static Result<std::vector<ClassRoom>> ListForClassIn(store::Tx& tx, int64_t class_id);

 private:
  store::Store& store_;
  classes::EnrolledClassIds enrolled_;
};

}  // namespace peixun::timetable
