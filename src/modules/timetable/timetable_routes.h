// HTTP routes of the timetable module (docs/api.md "Classes and timetable"):
// lecturers and sites (shared registries), a class's rooms and sessions, the
// conflict list, the exports (timetable.pdf/.xlsx, calendar.ics, sign-in sheet,
// seating chart) and a lecturer's own sessions (/api/v1/me/sessions).
//
// Access: lecturers and sites are read by staff and written by admin and
// organizer; a class's rooms and sessions are read per classes::CheckClassAccess
// (kRead) and written by admin, organizer and the class's head teachers (kManage).
#pragma once

#include "api/router.h"
#include "modules/classes/class_hooks.h"
#include "modules/timetable/timetable_hooks.h"
#include "store/store.h"

namespace peixun::timetable {

// All of the below.
void RegisterTimetableRoutes(api::Router& router, store::Store& store,
                             classes::ClassHooks class_hooks = {}, TimetableHooks hooks = {});

// Parts, by file: lecturers, sites, rooms (timetable_routes.cc); sessions,
// conflicts, /me/sessions (session_routes.cc); exports (timetable_export_routes.cc).
void RegisterRegistryRoutes(api::Router& router, store::Store& store,
                            const classes::ClassHooks& class_hooks);
void RegisterSessionRoutes(api::Router& router, store::Store& store,
                           const classes::ClassHooks& class_hooks, const TimetableHooks& hooks);
void RegisterTimetableExportRoutes(api::Router& router, store::Store& store,
                                   const classes::ClassHooks& class_hooks,
                                   const TimetableHooks& hooks);

}  // namespace peixun::timetable
