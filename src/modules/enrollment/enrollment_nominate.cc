// Nominating a person for a class: a seat of their unit's quota, or the waiting list.
#include "modules/enrollment/internal/enrollment_common.h"

#include "core/role_guard.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/org/org_scope.h"
#include "modules/people/people_service.h"

namespace peixun::enrollment {

using store::Int;

// Checks that `person_id` may take a seat in the class now and returns their quota
// unit: the person exists and belongs to a unit in `who`'s scope, holds no live
// enrollment in the class, and a quota covers their unit.
Result<int64_t> CandidateQuotaUnitIn(store::Tx& tx, const Principal& who, int64_t class_id,
                                     int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(people::Person person, people::PeopleService::GetIn(tx, person_id));
  if (!person.unit_id) {
    return Invalid("enrollment.person.no_unit", person.name + " 未登记所在单位，不能调训",
                   person.name + " belongs to no unit and cannot be nominated", "person_id");
  }
  PEIXUN_RETURN_IF_ERROR(org::CheckUnitInScopeIn(tx, who, *person.unit_id));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows live,
      tx.Query(
          std::string(
              "SELECT id FROM enrollments WHERE class_id = ? AND person_id = ? AND status IN ") +
              kLive,
          {Int(class_id), Int(person_id)}));
  if (!live.empty()) {
    return Conflict("enrollment.duplicate", person.name + " 已在本班报名",
                    person.name + " is already enrolled in this class", "person_id");
  }
  PEIXUN_ASSIGN_OR_RETURN(auto quota_unit, QuotaUnitForIn(tx, class_id, *person.unit_id));
  if (!quota_unit) {
    return Conflict("enrollment.no_quota", person.unit_name + " 没有本班名额",
                    "no quota of this class covers " + person.unit_name, "person_id");
  }
  return *quota_unit;
}

Result<Enrollment> EnrollmentService::Nominate(const Principal& who, int64_t class_id,
                                               int64_t person_id, bool waitlist) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) -> Result<Enrollment> {
    PEIXUN_RETURN_IF_ERROR(LockClassIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(CheckAccessIn(tx, who, class_id, Act::kNominate));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    PEIXUN_RETURN_IF_ERROR(CheckChangeable(c));
    PEIXUN_ASSIGN_OR_RETURN(int64_t quota_unit, CandidateQuotaUnitIn(tx, who, class_id, person_id));
    // Those already waiting go first when a seat has freed since (a larger capacity).
    PEIXUN_RETURN_IF_ERROR(PromoteWaitlistIn(tx, c, actor));
    PEIXUN_ASSIGN_OR_RETURN(auto seats, QuotaSeatsIn(tx, class_id));
    PEIXUN_ASSIGN_OR_RETURN(int unit_taken, SeatsTakenIn(tx, class_id, quota_unit));
    PEIXUN_ASSIGN_OR_RETURN(int class_taken, SeatsTakenIn(tx, class_id, std::nullopt));
    std::optional<Error> full;
    if (unit_taken >= seats[quota_unit]) {
      const std::string name = UnitNameIn(tx, quota_unit);
      full =
          Conflict("enrollment.quota_exceeded",
                   name + " 的 " + std::to_string(seats[quota_unit]) + " 个名额已满",
                   "the " + std::to_string(seats[quota_unit]) + " seats of " + name + " are taken",
                   "person_id");
    } else if (class_taken >= c.capacity) {
      full = Conflict(
          "enrollment.capacity_exceeded", "培训班 " + std::to_string(c.capacity) + " 个座位已满",
          "the class's " + std::to_string(c.capacity) + " seats are taken", "person_id");
    }
    if (full && !waitlist) return *full;
    Enrollment e;
    e.class_id = class_id;
    e.person_id = person_id;
    e.quota_unit_id = quota_unit;
    e.nominated_by = UserOf(who);
    e.status = full ? EnrollmentStatus::kWaitlisted : EnrollmentStatus::kNominated;
    if (full) {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows last, tx.Query("SELECT COALESCE(MAX(waitlist_position), 0) FROM enrollments "
                                     "WHERE class_id = ? AND status = 'waitlisted'",
                                     {Int(class_id)}));
      e.waitlist_position = static_cast<int>(last[0].Int(0)) + 1;
    }
    PEIXUN_ASSIGN_OR_RETURN(int64_t id, InsertIn(tx, e));
    PEIXUN_ASSIGN_OR_RETURN(Enrollment stored, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.nominate", id, nullptr, &stored));
    return stored;
  });
}

}  // namespace peixun::enrollment
