// Use cases of the lecturer registry (授课老师). Each public call is one
// transaction; *In variants run inside a caller's.
//
// Rules: a name is required; a linked user (user_id) must be a user with the
// lecturer role (422 timetable.lecturer.user_role), and links to one lecturer at
// most (409 timetable.lecturer.user_taken). A lecturer named by a session cannot
// be deleted (409 timetable.lecturer.in_use).
//
// Writes are audited: timetable.lecturer.create / .update / .delete, entity
// "lecturer". Thread-safe: no mutable state.
#pragma once

#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "modules/timetable/lecturer.h"
#include "store/store.h"

namespace peixun::timetable {

class LecturerService {
 public:
  explicit LecturerService(store::Store& store) : store_(store) {}

  Result<Lecturer> Create(const LecturerInput& input, const Actor& actor = Actor::System());
  Result<Lecturer> Update(int64_t id, const LecturerInput& input,
                          const Actor& actor = Actor::System());
  Status Delete(int64_t id, const Actor& actor = Actor::System());
  Result<Lecturer> Get(int64_t id);
  // Every lecturer by name; `search` (a name fragment) narrows when non-empty.
  Result<std::vector<Lecturer>> List(const std::string& search = "");

  static Result<Lecturer> CreateIn(store::Tx& tx, const LecturerInput& input, const Actor& actor);
  // 404 timetable.lecturer.not_found.
  static Result<Lecturer> GetIn(store::Tx& tx, int64_t id);
  // The lecturers whose login is `user_id` (none or one).
  static Result<std::vector<int64_t>> IdsOfUserIn(store::Tx& tx, int64_t user_id);

 private:
  store::Store& store_;
};

}  // namespace peixun::timetable
