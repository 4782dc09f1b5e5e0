// Who a session expects: the approved trainees of its groups (or of the whole class),
// and whether one person is among them. The roster lives in the enrollment and groups
// modules; these ask their services.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "modules/attendance/session_context.h"
#include "modules/groups/class_group.h"
#include "store/store.h"

namespace peixun::attendance {

// The approved trainees the session expects (its groups', or the whole class's),
// in 姓氏笔画 order.
Result<std::vector<groups::GroupMember>> ExpectedTraineesIn(store::Tx& tx,
                                                            const SessionContext& ctx);

// Ok when `person_id` is an approved trainee of the class and in a group that
// attends the session; else 403 attendance.not_enrolled.
Status CheckAttendsIn(store::Tx& tx, const SessionContext& ctx, int64_t person_id);

}  // namespace peixun::attendance
