// Database administration that cannot run inside a transaction: creating and
// dropping whole databases. Used by the test fixture and by operators' tooling.
// PostgreSQL only (implemented in store/postgres/admin.cc); a SQLite database is a
// file and needs none of this.
//
// Thread-safety: every call opens and closes its own connection.
#pragma once

#include <string>

#include "core/result.h"

namespace peixun::store {

// Creates database `name` (UTF-8, from template0) on the server of `admin_url`,
// a PostgreSQL URL whose user may create databases. A database of that name
// already existing is an error (code "store.error").
Status CreateDatabase(const std::string& admin_url, const std::string& name);

// Drops database `name` if it exists, ending any sessions still connected to it.
Status DropDatabase(const std::string& admin_url, const std::string& name);

// `url` (a PostgreSQL URL) naming database `name` instead of its own.
std::string WithDatabase(const std::string& url, const std::string& name);

}  // namespace peixun::store
