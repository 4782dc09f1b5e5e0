// Tables owned by the classes module: training_classes, class_head_teachers.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::classes {

std::vector<store::Migration> ClassesMigrations();

}  // namespace peixun::classes
