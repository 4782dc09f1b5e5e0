// The reflection module's tables (migrations 105-109).
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::reflection {

std::vector<store::Migration> ReflectionMigrations();

}  // namespace peixun::reflection
