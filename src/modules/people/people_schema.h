// Tables owned by the people module: people.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::people {

std::vector<store::Migration> PeopleMigrations();

}  // namespace peixun::people
