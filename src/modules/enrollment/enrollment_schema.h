// Tables owned by the enrollment module: class_quotas, enrollments.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::enrollment {

std::vector<store::Migration> EnrollmentMigrations();

}  // namespace peixun::enrollment
