#include "modules/attendance/session_context.h"

#include <algorithm>

#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/groups/groups_service.h"
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
  PEIXUN_ASSIGN_OR_RETURN(ctx.secret, classes::ClassService::CheckinSecretIn(tx, ctx.klass.id));
  ctx.rules = AttendanceRulesOf(ctx.klass.rules);
  ctx.window = {ctx.session.start_ms, ctx.session.end_ms, ctx.session.requires_checkout};
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

Result<std::vector<groups::GroupMember>> ExpectedTraineesIn(store::Tx& tx,
                                                            const SessionContext& ctx) {
  return groups::GroupsService::MembersIn(tx, ctx.klass.id, ctx.session.group_ids);
}

Status CheckAttendsIn(store::Tx& tx, const SessionContext& ctx, int64_t person_id) {
  const Error refused =
      MakeError(ErrorKind::kForbidden, "attendance.not_enrolled", "您不是本课程的学员，无法签到",
                "you are not a trainee of this session");
  PEIXUN_ASSIGN_OR_RETURN(bool approved,
                          enrollment::EnrollmentService::IsApprovedIn(tx, ctx.klass.id, person_id));
  if (!approved) return refused;
  if (ctx.session.group_ids.empty()) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> mine,
                          groups::GroupsService::GroupIdsOfIn(tx, ctx.klass.id, person_id));
  for (int64_t g : mine) {
    if (std::binary_search(ctx.session.group_ids.begin(), ctx.session.group_ids.end(), g)) {
      return Ok();
    }
  }
  return refused;
}

}  // namespace peixun::attendance
