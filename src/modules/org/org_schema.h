// Tables owned by the org module: org_units.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::org {

std::vector<store::Migration> OrgMigrations();

}  // namespace peixun::org
