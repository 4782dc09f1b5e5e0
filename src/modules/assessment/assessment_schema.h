// The assessment module's tables (question bank, exams, attempts, answers).
// Versions 90-99 belong to assessment; this part takes 90.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::assessment {

std::vector<store::Migration> AssessmentMigrations();

}  // namespace peixun::assessment
