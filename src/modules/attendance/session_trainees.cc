#include "modules/attendance/session_trainees.h"

#include <algorithm>

#include "modules/enrollment/enrollment_service.h"
#include "modules/groups/groups_service.h"

namespace peixun::attendance {

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
