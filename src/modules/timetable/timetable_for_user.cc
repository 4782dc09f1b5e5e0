// SessionService's and RoomService's entry points for a user: the class access
// check of every timetable route lives here, so a route only translates.
#include "modules/classes/class_access.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::timetable {
namespace {

using classes::ClassNeed;

Status CheckRead(store::Store& store, const Principal& who, int64_t class_id,
                 const classes::EnrolledClassIds& enrolled) {
  return classes::CheckClassAccess(store, who, class_id, ClassNeed::kRead, enrolled);
}

Status CheckManage(store::Store& store, const Principal& who, int64_t class_id) {
  return classes::CheckClassAccess(store, who, class_id, ClassNeed::kManage);
}

}  // namespace

Result<std::vector<ClassSession>> SessionService::ListForClass(const Principal& who,
                                                               int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(CheckRead(store_, who, class_id, enrolled_));
  return ListForClass(class_id);
}

Result<ClassSession> SessionService::Get(const Principal& who, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(ClassSession s, Get(id));
  PEIXUN_RETURN_IF_ERROR(CheckRead(store_, who, s.class_id, enrolled_));
  return s;
}

Result<std::vector<core::SessionConflict>> SessionService::Conflicts(const Principal& who,
                                                                     int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(CheckRead(store_, who, class_id, enrolled_));
  return Conflicts(class_id);
}

Result<SessionWrite> SessionService::Create(const Principal& who, int64_t class_id,
                                            const SessionFields& fields, bool accept_conflicts) {
  PEIXUN_RETURN_IF_ERROR(CheckManage(store_, who, class_id));
  return Create(class_id, fields, accept_conflicts, Actor::Of(who));
}

Result<SessionWrite> SessionService::Update(const Principal& who, int64_t id,
                                            const SessionFields& fields, bool accept_conflicts) {
  PEIXUN_ASSIGN_OR_RETURN(ClassSession current, Get(id));
  PEIXUN_RETURN_IF_ERROR(CheckManage(store_, who, current.class_id));
  return Update(id, fields, accept_conflicts, Actor::Of(who));
}

Status SessionService::Delete(const Principal& who, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(ClassSession current, Get(id));
  PEIXUN_RETURN_IF_ERROR(CheckManage(store_, who, current.class_id));
  return Delete(id, Actor::Of(who));
}

Result<std::vector<ClassRoom>> RoomService::ListForClass(const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(CheckRead(store_, who, class_id, enrolled_));
  return ListForClass(class_id);
}

Result<ClassRoom> RoomService::Get(const Principal& who, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(ClassRoom r, Get(id));
  PEIXUN_RETURN_IF_ERROR(CheckRead(store_, who, r.class_id, enrolled_));
  return r;
}

Result<ClassRoom> RoomService::Create(const Principal& who, int64_t class_id,
                                      const ClassRoomInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckManage(store_, who, class_id));
  return Create(class_id, input, Actor::Of(who));
}

Result<ClassRoom> RoomService::Update(
    const Principal& who, int64_t id,
    const std::function<Result<ClassRoomInput>(const ClassRoom&)>& patch) {
  PEIXUN_ASSIGN_OR_RETURN(ClassRoom current, Get(id));
  PEIXUN_RETURN_IF_ERROR(CheckManage(store_, who, current.class_id));
  PEIXUN_ASSIGN_OR_RETURN(ClassRoomInput in, patch(current));
  return Update(id, in, Actor::Of(who));
}

Status RoomService::Delete(const Principal& who, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(ClassRoom current, Get(id));
  PEIXUN_RETURN_IF_ERROR(CheckManage(store_, who, current.class_id));
  return Delete(id, Actor::Of(who));
}

}  // namespace peixun::timetable
