#include "modules/timetable/internal/trainee_calendar.h"

#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"
#include "modules/org/org_scope.h"
#include "modules/people/people_service.h"
#include "modules/timetable/ical.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/timetable_exports.h"

namespace peixun::timetable {
namespace {

Error CalendarForbidden() {
  return MakeError(ErrorKind::kForbidden, "timetable.calendar.forbidden",
                   "学员只能获取本人的课程日历", "a trainee may fetch only their own calendar",
                   "person_id");
}

Error PersonNotFound(int64_t person_id) {
  return NotFound("people.not_found", "人员不存在：" + std::to_string(person_id),
                  "person not found: " + std::to_string(person_id), "person_id");
}

// Ok when `who` may see the person: a liaison only within their unit's subtree.
Status CheckPersonVisibleIn(store::Tx& tx, const Principal& who, int64_t person_id) {
  if (!org::ScopeRoot(who)) return Ok();
  auto person = people::PeopleService::GetIn(tx, person_id);
  if (!person) {
    if (person.error().kind == ErrorKind::kNotFound) return PersonNotFound(person_id);
    return std::move(person).error();
  }
  if (!person->unit_id || !org::CheckUnitInScopeIn(tx, who, *person->unit_id).ok()) {
    return PersonNotFound(person_id);
  }
  return Ok();
}

}  // namespace

Result<std::string> TraineeCalendarIcs(store::Store& store, const Principal& who, int64_t class_id,
                                       std::optional<int64_t> person_id,
                                       const classes::EnrolledClassIds& enrolled,
                                       const TimetableHooks& hooks) {
  if (who.role == Role::kTrainee) {
    if (!who.person_id) return CalendarForbidden();
    if (person_id && *person_id != *who.person_id) return CalendarForbidden();
    person_id = who.person_id;
  }
  PEIXUN_RETURN_IF_ERROR(
      classes::CheckClassAccess(store, who, class_id, classes::ClassNeed::kRead, enrolled));
  classes::TrainingClass cls;
  std::vector<ClassSession> sessions;
  PEIXUN_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    if (person_id) PEIXUN_RETURN_IF_ERROR(CheckPersonVisibleIn(tx, who, *person_id));
    PEIXUN_ASSIGN_OR_RETURN(cls, classes::ClassService::GetIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(sessions, SessionService::ListForClassIn(tx, class_id));
    return Ok();
  }));
  if (person_id) {
    std::vector<int64_t> groups;
    if (hooks.person_group_ids) groups = hooks.person_group_ids(class_id, *person_id);
    sessions = SessionsForGroups(sessions, groups);
  }
  return WriteIcal(CalendarOf(cls, sessions));
}

}  // namespace peixun::timetable
