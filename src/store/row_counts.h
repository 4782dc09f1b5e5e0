// The number of rows in every table of a database, by table name: what a
// restore drill compares between the original and the restored copy.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace peixun::store {

// Every table of the schema (SQLite: but its own sqlite_* tables; PostgreSQL:
// the current schema's), name → count(*), in one read transaction.
Result<std::map<std::string, int64_t>> CountRows(Store& store);

}  // namespace peixun::store
