// Tables owned by the groups module: class_groups, group_members.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::groups {

std::vector<store::Migration> GroupsMigrations();

}  // namespace peixun::groups
