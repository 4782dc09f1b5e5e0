// Decisions on one enrollment: approve (also with a raised quota), reject, withdraw, substitute.
#include "modules/enrollment/internal/enrollment_common.h"

#include <functional>

#include "core/role_guard.h"
#include "core/text_normalize.h"
#include "modules/enrollment/enrollment_service.h"

namespace peixun::enrollment {
namespace {

using store::Int;

// One decision on enrollment `id`, in one transaction: load it with `act`'s
// access, check that its class still takes changes, `change` it, read it back and
// audit `action` with before and after; when a seat may have come free, move the
// waiting list up.
using Change =
    std::function<Status(store::Tx&, const Enrollment& before, const classes::TrainingClass& c)>;
enum class Seat { kKept, kMayFree };

Result<Enrollment> DecideIn(store::Tx& tx, const Principal& who, int64_t id, Act act,
                            const char* action, Seat seat, const Change& change) {
  const Actor actor = Actor::Of(who);
  PEIXUN_RETURN_IF_ERROR(LockClassOfIn(tx, id));
  PEIXUN_ASSIGN_OR_RETURN(Enrollment before, LoadForIn(tx, who, id, act));
  PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                          classes::ClassService::GetIn(tx, before.class_id));
  PEIXUN_RETURN_IF_ERROR(CheckChangeable(c));
  PEIXUN_RETURN_IF_ERROR(change(tx, before, c));
  PEIXUN_ASSIGN_OR_RETURN(Enrollment after, EnrollmentService::GetIn(tx, id));
  PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, action, id, &before, &after));
  if (seat == Seat::kMayFree) PEIXUN_RETURN_IF_ERROR(PromoteWaitlistIn(tx, c, actor));
  return after;
}

// Approves a nominated or waitlisted enrollment (the latter needs a free seat).
Status ApproveIn(store::Tx& tx, const Principal& who, const Enrollment& before,
                 const classes::TrainingClass& c, const std::string& note) {
  if (before.status == EnrollmentStatus::kWaitlisted) {
    PEIXUN_RETURN_IF_ERROR(CheckFreeSeatIn(tx, before, c));
  } else if (before.status != EnrollmentStatus::kNominated) {
    return StatusError(before, "批准", "approved");
  }
  PEIXUN_ASSIGN_OR_RETURN(int approved, ApprovedCountIn(tx, c.id));
  if (approved >= c.capacity) {
    return Conflict("enrollment.capacity_exceeded",
                    "培训班 " + std::to_string(c.capacity) + " 个座位已满",
                    "the class's " + std::to_string(c.capacity) + " seats are taken", "id");
  }
  return ChangeStatusIn(tx, before, EnrollmentStatus::kApproved, UserOf(who),
                        core::NormalizeField(note));
}

}  // namespace

Result<Enrollment> EnrollmentService::Approve(const Principal& who, int64_t id,
                                              const std::string& note) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(tx, who, id, Act::kDecide, "enrollment.approve", Seat::kKept,
                    [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass& c) {
                      return ApproveIn(tx, who, before, c, note);
                    });
  });
}

Result<Enrollment> EnrollmentService::RaiseQuotaAndApprove(const Principal& who, int64_t id,
                                                           int seats, const std::string& note) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(
        tx, who, id, Act::kDecide, "enrollment.approve", Seat::kMayFree,
        [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass& c) -> Status {
          if (before.status != EnrollmentStatus::kWaitlisted) {
            return StatusError(before, "提高名额后批准", "approved with a raised quota");
          }
          PEIXUN_RETURN_IF_ERROR(RaiseQuotaIn(tx, actor, c, before.quota_unit_id, seats));
          return ApproveIn(tx, who, before, c, note);
        });
  });
}

Result<Enrollment> EnrollmentService::Reject(const Principal& who, int64_t id,
                                             const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher}));
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(
        tx, who, id, Act::kDecide, "enrollment.reject", Seat::kMayFree,
        [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass&) -> Status {
          PEIXUN_ASSIGN_OR_RETURN(std::string why, RequireReason(reason));
          if (before.status != EnrollmentStatus::kNominated &&
              before.status != EnrollmentStatus::kWaitlisted) {
            return StatusError(before, "退回", "rejected");
          }
          return ChangeStatusIn(tx, before, EnrollmentStatus::kRejected, UserOf(who), why);
        });
  });
}

Result<Enrollment> EnrollmentService::Withdraw(const Principal& who, int64_t id,
                                               const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) {
    return DecideIn(
        tx, who, id, Act::kNominate, "enrollment.withdraw", Seat::kMayFree,
        [&](store::Tx& tx, const Enrollment& before, const classes::TrainingClass&) -> Status {
          PEIXUN_ASSIGN_OR_RETURN(std::string why, RequireReason(reason));
          if (!IsLive(before.status)) return StatusError(before, "退训", "withdrawn");
          return ChangeStatusIn(tx, before, EnrollmentStatus::kWithdrawn, UserOf(who), why);
        });
  });
}

Result<Enrollment> EnrollmentService::Substitute(const Principal& who, int64_t id,
                                                 int64_t person_id, const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  const Actor actor = Actor::Of(who);
  return store::TransactValue<Enrollment>(store_, [&](store::Tx& tx) -> Result<Enrollment> {
    PEIXUN_RETURN_IF_ERROR(LockClassOfIn(tx, id));
    PEIXUN_ASSIGN_OR_RETURN(Enrollment before, LoadForIn(tx, who, id, Act::kNominate));
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c,
                            classes::ClassService::GetIn(tx, before.class_id));
    PEIXUN_RETURN_IF_ERROR(CheckChangeable(c));
    PEIXUN_ASSIGN_OR_RETURN(std::string why, RequireReason(reason));
    if (!HoldsSeat(before.status)) return StatusError(before, "替训", "substituted");
    // A substitute waiting for a seat of the same class leaves the waiting list: the
    // seat they take is this one (when a unit's quota is full, 替训 from the list).
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows waiting,
        tx.Query(
            std::string(kSelect) + "WHERE class_id = ? AND person_id = ? AND status = 'waitlisted'",
            {Int(before.class_id), Int(person_id)}));
    if (!waiting.empty()) {
      PEIXUN_ASSIGN_OR_RETURN(Enrollment queued, GetIn(tx, waiting[0].Int(0)));
      PEIXUN_RETURN_IF_ERROR(ChangeStatusIn(tx, queued, EnrollmentStatus::kWithdrawn, UserOf(who),
                                            "替训入班：" + why));
      PEIXUN_ASSIGN_OR_RETURN(Enrollment left, GetIn(tx, queued.id));
      PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.withdraw", queued.id, &queued, &left));
    }
    PEIXUN_ASSIGN_OR_RETURN(int64_t quota_unit,
                            CandidateQuotaUnitIn(tx, who, before.class_id, person_id));
    if (quota_unit != before.quota_unit_id) {
      return Invalid(
          "enrollment.substitute.other_unit",
          "替训人员应与原学员使用同一单位（" + before.quota_unit_name + "）的名额",
          "the substitute must come from the same quota unit (" + before.quota_unit_name + ")",
          "person_id");
    }
    PEIXUN_RETURN_IF_ERROR(ChangeStatusIn(tx, before, EnrollmentStatus::kReplaced, UserOf(who),
                                          before.decision_reason));
    Enrollment next;
    next.class_id = before.class_id;
    next.person_id = person_id;
    next.quota_unit_id = before.quota_unit_id;
    next.nominated_by = UserOf(who);
    next.replaces_id = before.id;
    next.substitution_reason = why;
    if (Manages(who)) {
      next.status = before.status;
      if (next.status == EnrollmentStatus::kApproved) next.decided_by = UserOf(who);
    } else {
      next.status = EnrollmentStatus::kNominated;
    }
    PEIXUN_ASSIGN_OR_RETURN(int64_t new_id, InsertIn(tx, next));
    PEIXUN_ASSIGN_OR_RETURN(Enrollment after, GetIn(tx, new_id));
    PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.substitute", new_id, &before, &after));
    return after;
  });
}

}  // namespace peixun::enrollment
