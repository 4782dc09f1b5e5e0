// Small helpers shared by the timetable module's route files.
#pragma once

#include "api/router.h"

namespace peixun::timetable {

// Staff who read the shared registries and every class.
api::Access StaffReaders();

}  // namespace peixun::timetable
