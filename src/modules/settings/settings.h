// Installation-wide settings stored in the database (key → text).
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace peixun::settings {

Result<std::optional<std::string>> GetIn(store::Tx& tx, const std::string& key);
Status SetIn(store::Tx& tx, const std::string& key, const std::string& value);

// Setting under which the data key's check value is kept (crypto/data_key.h).
inline constexpr char kDataKeyCheck[] = "data_key.check";
// The last scheduled backup's outcome, JSON {"at","ok","file","message"}, written
// by `peixun serve --backup-dir` (cli/backup_schedule.h).
inline constexpr char kLastBackup[] = "backup.last";

}  // namespace peixun::settings
