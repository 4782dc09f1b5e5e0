// The evaluation module's tables (migrations 100-104).
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::evaluation {

std::vector<store::Migration> EvaluationMigrations();

}  // namespace peixun::evaluation
