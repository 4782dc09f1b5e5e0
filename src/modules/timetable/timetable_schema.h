// Tables owned by the timetable module: lecturers, sites, class_rooms,
// class_sessions, session_sites, session_groups.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::timetable {

std::vector<store::Migration> TimetableMigrations();

}  // namespace peixun::timetable
