// What every attendance use case needs about one session: the session, its class,
// the class's figures mapped into core::AttendanceRules, and the check-in secret;
// and how it is loaded. Who the session expects: session_trainees.h. Local times:
// core/local_time.h.
#pragma once

#include <cstdint>
#include <string>

#include "core/attendance_rules.h"
#include "core/result.h"
#include "modules/classes/training_class.h"
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

}  // namespace peixun::attendance
