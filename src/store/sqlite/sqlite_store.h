// The SQLite implementation of store::Store: one database file, WAL journal,
// foreign keys on, busy timeout, synchronous=FULL (a commit that returned is on
// disk). A small pool of connections serves concurrent readers; writers take the
// database's write lock with BEGIN IMMEDIATE and so never deadlock on upgrade.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace peixun::store {

// Opens (creating if missing) the SQLite database at `path`.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, int pool_size,
                                               int busy_timeout_ms);

}  // namespace peixun::store
