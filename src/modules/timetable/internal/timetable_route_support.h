#ifndef PEIXUN_MODULE_TIMETABLE_INTERNALS
#error "modules/timetable/internal is private to the timetable module"
#endif
// Small helpers shared by the timetable module's route files.
#pragma once

#include "api/router.h"

namespace peixun::timetable {

// Staff who read the shared registries and every class.
api::Access StaffReaders();

}  // namespace peixun::timetable
