// Backups of a live database. SQLite: the online backup API, page by page, while
// others keep writing. PostgreSQL: refused with a pointer to pg_dump, which does
// it better than we could.
#pragma once

#include <string>

#include "core/result.h"

namespace peixun::store {

// Writes the copy, then opens it and runs PRAGMA integrity_check on it
// ("store.backup.corrupt" when that fails).
Status BackupDatabase(const std::string& url, const std::string& file);
// Opens the SQLite file read-only and runs PRAGMA integrity_check:
// "store.backup.missing" / "store.backup.corrupt" when it is absent or unsound.
Status CheckSqliteFile(const std::string& file);
// Replaces the database at `url` with the backup's content (checked first).
Status RestoreDatabase(const std::string& url, const std::string& file);

}  // namespace peixun::store
