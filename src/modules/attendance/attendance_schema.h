// The attendance module's tables (migration 80): check-in events, head-teacher
// corrections, spot checks (随机点名) and their confirmations, leave requests (请假).
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::attendance {

std::vector<store::Migration> AttendanceMigrations();

}  // namespace peixun::attendance
