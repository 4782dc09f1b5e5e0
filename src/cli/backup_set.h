// A backup set: the SQLite online copy FILE and, beside it, FILE.key, the data
// key file sealed with a passphrase (crypto/sealed_key.h). Without FILE.key the
// copy's ID numbers and check-in secrets cannot be read, so a restore refuses a
// set whose key is missing; without the passphrase FILE.key is useless to whoever
// holds the set.
//
// The passphrase comes from --passphrase-file (its first line) or, without it,
// from the environment variable PEIXUN_BACKUP_PASSPHRASE.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/result.h"

namespace peixun::cli {

inline constexpr char kPassphraseEnv[] = "PEIXUN_BACKUP_PASSPHRASE";

// FILE.key: where the sealed key of backup FILE lives.
std::string SealedKeyPath(const std::string& backup_file);

// The passphrase: the first line of `passphrase_file` when given, else
// $PEIXUN_BACKUP_PASSPHRASE; nullopt when neither is set.
Result<std::optional<std::string>> ReadPassphrase(const std::string& passphrase_file);

// Copies the database at `url` to `file` (checked with integrity_check) and
// seals the key file (`key_file`, empty: the default path) into FILE.key.
Status WriteBackupSet(const std::string& url, const std::string& key_file, const std::string& file,
                      const std::string& passphrase);

struct BackupReport {
  std::map<std::string, int64_t> rows;  // table → rows
  int64_t audit_entries = 0;            // the audit chain verified this many
  bool key_opened = false;              // the passphrase opened FILE.key and it fits the copy
};

// Checks a backup set without changing it: FILE is a sound SQLite database at the
// current schema, its audit chain verifies, FILE.key is present ("backup.key_missing"
// otherwise) and, given a passphrase, opens and fits the copy. Counts the rows.
Result<BackupReport> VerifyBackupSet(const std::string& file,
                                     const std::optional<std::string>& passphrase);

// Restores a backup set into `url` and the key file beside it (`key_file`,
// empty: the default path), after VerifyBackupSet with `passphrase`. Refuses to
// overwrite a different key file already there ("crypto.key_exists").
Result<BackupReport> RestoreBackupSet(const std::string& url, const std::string& key_file,
                                      const std::string& file, const std::string& passphrase);

}  // namespace peixun::cli
