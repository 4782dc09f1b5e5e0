// Every module's migrations in one list, for `peixun init` and the schema check
// at start-up. A module that owns tables adds its list here.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::modules {

std::vector<store::Migration> AllMigrations();

}  // namespace peixun::modules
