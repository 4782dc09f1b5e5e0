#include "modules/attendance/session_context.h"

#include <algorithm>
#include <cstdio>

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

namespace {

struct Civil {
  int64_t y;
  unsigned m, d, hh, mm;
};

Civil CivilOf(int64_t at_ms, int utc_offset_minutes) {
  int64_t ms = at_ms + int64_t{utc_offset_minutes} * 60'000;
  int64_t days = ms >= 0 ? ms / 86'400'000 : -((-ms + 86'399'999) / 86'400'000);
  int64_t rem = ms - days * 86'400'000;
  // Howard Hinnant's civil_from_days.
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d, static_cast<unsigned>(rem / 3'600'000),
          static_cast<unsigned>(rem / 60'000 % 60)};
}

}  // namespace

std::string LocalClock(int64_t at_ms, int utc_offset_minutes) {
  Civil c = CivilOf(at_ms, utc_offset_minutes);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u:%02u", c.hh, c.mm);
  return buf;
}

std::string LocalDateTime(int64_t at_ms, int utc_offset_minutes) {
  Civil c = CivilOf(at_ms, utc_offset_minutes);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02u:%02u", static_cast<long long>(c.y), c.m,
                c.d, c.hh, c.mm);
  return buf;
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
