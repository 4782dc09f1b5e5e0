#include "modules/attendance/session_context.h"

#include <utility>

#include "modules/classes/class_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::attendance {

Result<SessionContext> LoadSessionIn(store::Tx& tx, int64_t session_id) {
  SessionContext ctx;
  auto session = timetable::SessionService::GetIn(tx, session_id);
  if (!session) {
    if (session.error().kind == ErrorKind::kNotFound) {
      return NotFound("attendance.session.not_found", "没有这个课程", "no such session");
    }
    return std::move(session).error();
  }
  ctx.session = std::move(*session);
  PEIXUN_ASSIGN_OR_RETURN(ctx.klass, classes::ClassService::GetIn(tx, ctx.session.class_id));
  ctx.rules = AttendanceRulesOf(ctx.klass.rules);
  ctx.window = {ctx.session.start_ms, ctx.session.end_ms, ctx.session.requires_checkout};
  return ctx;
}

Result<SessionContext> LoadSessionWithSecretIn(store::Tx& tx, const crypto::DataKey& key,
                                               int64_t session_id) {
  PEIXUN_ASSIGN_OR_RETURN(SessionContext ctx, LoadSessionIn(tx, session_id));
  PEIXUN_ASSIGN_OR_RETURN(ctx.secret,
                          classes::ClassService::CheckinSecretIn(tx, key, ctx.klass.id));
  return ctx;
}

core::AttendanceRules AttendanceRulesOf(const classes::ClassRules& rules) {
  core::AttendanceRules r;
  r.checkin_opens_before_min = rules.checkin_before_minutes;
  r.checkin_closes_after_min = rules.checkin_after_minutes;
  r.checkout_closes_after_min = rules.checkout_after_minutes;
  r.late_grace_min = rules.late_grace_minutes;
  r.early_grace_min = rules.early_grace_minutes;
  return r;
}

}  // namespace peixun::attendance
