// The completion module's tables (versions 110-119): per-class completion settings,
// the stored decision (结业) per trainee, and 优秀学员 nominations.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::completion {

std::vector<store::Migration> CompletionMigrations();

}  // namespace peixun::completion
