// Opens a Store from a database URL:
//   sqlite:PATH                 SQLite file (created if missing)
//   postgresql://… postgres://… PostgreSQL, libpq connection URI
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace peixun::store {

struct StoreOptions {
  int pool_size = 4;            // connections kept open
  int busy_timeout_ms = 10000;  // SQLite: how long a writer waits for the lock
};

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace peixun::store
