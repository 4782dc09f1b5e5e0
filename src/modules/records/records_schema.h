// The records module's tables (versions 120-129): hours from outside (other
// organizers' classes, online study) with their proof and approval, and the dates
// people were promoted to 县处级 (the ledger's promotion rule).
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::records {

std::vector<store::Migration> RecordsMigrations();

}  // namespace peixun::records
