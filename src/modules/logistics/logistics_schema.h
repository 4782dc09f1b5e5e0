// Tables owned by the logistics module: lodging_rooms, room_assignments,
// dietary needs, buses and bus assignments.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::logistics {

std::vector<store::Migration> LogisticsMigrations();

}  // namespace peixun::logistics
