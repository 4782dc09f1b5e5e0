// What every attendance use case needs about one session: the session, its class,
// the class's figures mapped into core::AttendanceRules, and the check-in secret.
// Also the trainees a session expects. Local times: core/local_time.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/attendance_rules.h"
#include "core/result.h"
#include "modules/classes/training_class.h"
#include "modules/groups/class_group.h"
#include "modules/timetable/class_session.h"
#include "store/store.h"

namespace peixun::attendance {

struct SessionContext {
  timetable::ClassSession session;
  classes::TrainingClass klass;
  core::AttendanceRules rules;
  core::SessionWindow window;
  std::string secret;  // the class's check-in secret; never leaves the server
};

// 404 attendance.session.not_found for an unknown session.
Result<SessionContext> LoadSessionIn(store::Tx& tx, int64_t session_id);

core::AttendanceRules AttendanceRulesOf(const classes::ClassRules& rules);

// The approved trainees the session expects (its groups', or the whole class's),
// in 姓氏笔画 order.
Result<std::vector<groups::GroupMember>> ExpectedTraineesIn(store::Tx& tx,
                                                            const SessionContext& ctx);

// Ok when `person_id` is an approved trainee of the class and in a group that
// attends the session; else 403 attendance.not_enrolled.
Status CheckAttendsIn(store::Tx& tx, const SessionContext& ctx, int64_t person_id);

}  // namespace peixun::attendance
