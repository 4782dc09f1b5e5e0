// Backups of a live database. SQLite: the online backup API, page by page, while
// others keep writing. PostgreSQL: refused with a pointer to pg_dump, which does
// it better than we could.
#pragma once

#include <string>

#include "core/result.h"

namespace peixun::store {

Status BackupDatabase(const std::string& url, const std::string& file);
// Replaces the database at `url` with the backup's content (checked first).
Status RestoreDatabase(const std::string& url, const std::string& file);

}  // namespace peixun::store
