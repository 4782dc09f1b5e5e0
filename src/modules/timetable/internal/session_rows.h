#ifndef PEIXUN_MODULE_TIMETABLE_INTERNALS
#error "modules/timetable/internal is private to the timetable module"
#endif
// Reading sessions from the store, for the timetable module's own files
// (session_service.cc, session_conflicts_check.cc): one place that knows the
// columns of class_sessions, session_sites and session_groups.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "modules/timetable/class_session.h"
#include "store/store.h"

namespace peixun::timetable {

// Sessions matching `where` (a condition on columns of class_sessions aliased s,
// e.g. "s.class_id = ?"), ordered by start, then id; rooms, lecturers, sites,
// groups, the class's offset and credit 学时 filled in.
Result<std::vector<ClassSession>> LoadSessionsIn(store::Tx& tx, const std::string& where,
                                                 const std::vector<store::Value>& params);

}  // namespace peixun::timetable
