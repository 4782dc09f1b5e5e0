// What every attendance use case needs about one session: the session, its class,
// the class's figures mapped into core::AttendanceRules, and (for check-in) the
// class's check-in secret;
// and how it is loaded. Who the session expects: session_trainees.h. Local times:
// core/local_time.h.
#pragma once

#include <cstdint>
#include <string>

#include "core/attendance_rules.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "modules/classes/training_class.h"
#include "modules/timetable/class_session.h"
#include "store/store.h"

namespace peixun::attendance {

struct SessionContext {
  timetable::ClassSession session;
  classes::TrainingClass klass;
  core::AttendanceRules rules;
  core::SessionWindow window;
  // The class's check-in secret (LoadSessionWithSecretIn only; empty otherwise);
  // never leaves the server.
  std::string secret;
};

// 404 attendance.session.not_found for an unknown session.
Result<SessionContext> LoadSessionIn(store::Tx& tx, int64_t session_id);
// The same with `secret` unsealed by `key`: to make or check QR and badge tokens.
Result<SessionContext> LoadSessionWithSecretIn(store::Tx& tx, const crypto::DataKey& key,
                                               int64_t session_id);

core::AttendanceRules AttendanceRulesOf(const classes::ClassRules& rules);

}  // namespace peixun::attendance
