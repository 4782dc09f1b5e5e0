// Use cases of a class's sessions (the 课程表). Each public call is one
// transaction; *In variants run inside a caller's.
//
// Rules: kind, title, start and end are required, end after start (422
// timetable.session.time_order); times are local to the class's zone
// (local_time.h). A session is held in one of the class's rooms or at sites, not
// both (422 timetable.session.place); its lecturer and sites must exist (404).
// 学时: explicit (tenths, 0..10000) or from duration under the class's rules.
// Sessions of an archived class do not change (409 classes.archived).
//
// Conflicts are reported, not silently accepted: every create and update runs
// the conflict finder (core/session_conflicts.h) over the class's sessions, plus
// the lecturer's sessions in other classes. When a conflict involves the session
// written, the write is refused with 409 timetable.conflict (the message lists
// every conflict) unless `accept_conflicts`; then it is stored and the accepted
// conflicts are returned and recorded in the audit entry. Site capacity is
// checked within the class: the class's trainees (TimetableHooks::trainee_count)
// split evenly over a session's sites, whichever groups attend (the groups
// module owns group sizes, so this errs on the full side).
//
// Writes are audited: timetable.session.create / .update / .delete, entity
// "session"; timetable.copy, entity "class", for CopyTimetableIn.
// Thread-safe: no mutable state.
#pragma once

#include <vector>

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "core/session_conflicts.h"
#include "modules/classes/class_hooks.h"
#include "modules/classes/training_class.h"
#include "modules/timetable/class_session.h"
#include "modules/timetable/timetable_hooks.h"
#include "store/store.h"

namespace peixun::timetable {

// What a write stored, with the conflicts it was allowed to keep.
struct SessionWrite {
  ClassSession session;
  std::vector<core::SessionConflict> accepted_conflicts;
};

inline constexpr int kMaxSessionTenths = 10000;

class SessionService {
 public:
  // `enrolled` answers which classes a trainee may read (unset: none).
  explicit SessionService(store::Store& store, TimetableHooks hooks = {},
                          classes::EnrolledClassIds enrolled = {})
      : store_(store), hooks_(std::move(hooks)), enrolled_(std::move(enrolled)) {}

  // --- For a user: each checks `who` on the class (classes/class_access.h):
  // reads need kRead (a trainee only a class they are enrolled in), writes kManage.
  Result<std::vector<ClassSession>> ListForClass(const Principal& who, int64_t class_id);
  Result<ClassSession> Get(const Principal& who, int64_t id);
  Result<std::vector<core::SessionConflict>> Conflicts(const Principal& who, int64_t class_id);
  Result<SessionWrite> Create(const Principal& who, int64_t class_id, const SessionFields& fields,
                              bool accept_conflicts);
  Result<SessionWrite> Update(const Principal& who, int64_t id, const SessionFields& fields,
                              bool accept_conflicts);
  Status Delete(const Principal& who, int64_t id);

  // --- In-process calls, unchecked ---

  Result<SessionWrite> Create(int64_t class_id, const SessionFields& fields, bool accept_conflicts,
                              const Actor& actor = Actor::System());
  Result<SessionWrite> Update(int64_t id, const SessionFields& fields, bool accept_conflicts,
                              const Actor& actor = Actor::System());
  // 409 timetable.session.in_use when other records (attendance) refer to it.
  Status Delete(int64_t id, const Actor& actor = Actor::System());
  Result<ClassSession> Get(int64_t id);
  // In time order (start, then id). 404 classes.not_found.
  Result<std::vector<ClassSession>> ListForClass(int64_t class_id);
  // The sessions of every class taught by the lecturers linked to `user_id`, in time order.
  Result<std::vector<ClassSession>> ListForLecturerUser(int64_t user_id);
  // Every current conflict of the class (accepted ones included), ordered as the finder orders.
  Result<std::vector<core::SessionConflict>> Conflicts(int64_t class_id);

  const TimetableHooks& hooks() const { return hooks_; }

  // 404 timetable.session.not_found.
  static Result<ClassSession> GetIn(store::Tx& tx, int64_t id);
  static Result<std::vector<ClassSession>> ListForClassIn(store::Tx& tx, int64_t class_id);
  // `trainee_count`: the class's enrolled trainees, for site capacity.
  static Result<std::vector<core::SessionConflict>> ConflictsIn(store::Tx& tx, int64_t class_id,
                                                                int trainee_count);

 private:
  int TraineeCount(int64_t class_id) const;
  Result<SessionWrite> Write(int64_t class_id, std::optional<int64_t> id,
                             const SessionFields& fields, bool accept_conflicts,
                             const Actor& actor);

  store::Store& store_;
  TimetableHooks hooks_;
  classes::EnrolledClassIds enrolled_;
};

// The classes module's copy hook (classes::ClassCopier): copies the rooms and
// sessions of copy.from_class_id into copy.to_class_id, sessions moved by
// copy.shift_days (same local times), rooms remapped, sites and lecturers
// referenced as they are. Group restrictions are dropped: groups belong to the
// old class's trainees. Conflicts are not checked (GET …/timetable/conflicts
// lists them).
Status CopyTimetableIn(store::Tx& tx, const classes::ClassCopy& copy, const Actor& actor);

}  // namespace peixun::timetable
