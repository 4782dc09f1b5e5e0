// The waiting list: leaving it, and moving it up when seats come free.
#include "modules/enrollment/internal/enrollment_common.h"

#include "core/clock.h"
#include "modules/enrollment/enrollment_service.h"

namespace peixun::enrollment {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;
using store::TextOrNull;

// Closes the gap a waitlisted enrollment at `position` leaves.
Status CloseWaitlistGapIn(store::Tx& tx, int64_t class_id, int position) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE enrollments SET waitlist_position = waitlist_position - 1 "
              "WHERE class_id = ? AND status = 'waitlisted' AND waitlist_position > ?",
              {Int(class_id), Int(position)}));
  return Ok();
}

}  // namespace

// Moves `e` to `status`, recording the decision; leaves the waiting list if on it.
Status ChangeStatusIn(store::Tx& tx, const Enrollment& e, EnrollmentStatus status,
                      std::optional<int64_t> decided_by, const std::string& reason) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE enrollments SET status = ?, decided_by = ?, decision_reason = ?, "
              "waitlist_position = NULL, updated_at = ? WHERE id = ?",
              {Text(EnrollmentStatusCode(status)), IntOrNull(decided_by), TextOrNull(reason),
               Int(NowMillis()), Int(e.id)}));
  if (e.waitlist_position) return CloseWaitlistGapIn(tx, e.class_id, *e.waitlist_position);
  return Ok();
}

// Promotes waitlisted enrollments, in position order, while their quota unit and the
// class have a free seat.
Status PromoteWaitlistIn(store::Tx& tx, const classes::TrainingClass& c, const Actor& actor) {
  for (;;) {
    PEIXUN_ASSIGN_OR_RETURN(int class_taken, SeatsTakenIn(tx, c.id, std::nullopt));
    if (class_taken >= c.capacity) return Ok();
    PEIXUN_ASSIGN_OR_RETURN(auto seats, QuotaSeatsIn(tx, c.id));
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows waiting,
        tx.Query(std::string(kSelect) +
                     "WHERE class_id = ? AND status = 'waitlisted' ORDER BY waitlist_position, id",
                 {Int(c.id)}));
    bool promoted = false;
    for (const auto& row : waiting) {
      Enrollment before = FromRow(row);
      PEIXUN_ASSIGN_OR_RETURN(int unit_taken, SeatsTakenIn(tx, c.id, before.quota_unit_id));
      if (unit_taken >= seats[before.quota_unit_id]) continue;
      PEIXUN_RETURN_IF_ERROR(ChangeStatusIn(tx, before, EnrollmentStatus::kNominated,
                                            before.decided_by, before.decision_reason));
      PEIXUN_ASSIGN_OR_RETURN(Enrollment after, EnrollmentService::GetIn(tx, before.id));
      PEIXUN_RETURN_IF_ERROR(AuditIn(tx, actor, "enrollment.promote", before.id, nullptr, &after));
      promoted = true;
      break;  // positions changed: read the list again
    }
    if (!promoted) return Ok();
  }
}

}  // namespace peixun::enrollment
