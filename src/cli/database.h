// Opening the database for a CLI verb: the store, its schema checked, and the
// data key from the key file beside it (crypto/data_key.h).
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::cli {

inline constexpr char kDefaultDb[] = "sqlite:peixun.db";

struct Database {
  std::unique_ptr<store::Store> store;
  crypto::DataKey key;
};

// Opens an initialized database: its schema must be current and the key file
// must match the one `peixun init` recorded. `key_file` empty: the default path.
Result<Database> OpenDatabase(const std::string& url, const std::string& key_file);

// Creates or upgrades the schema, creates the key file when missing and records
// its check value; refuses a key file that does not match the database.
Result<Database> InitDatabase(const std::string& url, const std::string& key_file);

// Prints an error for the terminal: "错误：message (field)" and the English line.
void PrintError(const Error& error);

}  // namespace peixun::cli
