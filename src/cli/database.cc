#include "cli/database.h"

#include <iostream>

#include "modules/classes/checkin_secret.h"
#include "modules/people/name_keys.h"
#include "modules/records/ledger_service.h"
#include "modules/schema.h"
#include "modules/settings/settings.h"
#include "store/migration.h"
#include "store/open_store.h"

namespace peixun::cli {
namespace {

Status CheckKey(store::Store& store, const crypto::DataKey& key, bool record_if_missing) {
  return store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(auto stored, settings::GetIn(tx, settings::kDataKeyCheck));
    if (!stored) {
      if (!record_if_missing) {
        return Invalid("crypto.key_unrecorded", "数据库未记录密钥：请运行 peixun init",
                       "the database has no key recorded: run `peixun init`", "--key-file");
      }
      return settings::SetIn(tx, settings::kDataKeyCheck, key.CheckValue());
    }
    if (*stored != key.CheckValue()) {
      return Invalid("crypto.key_mismatch", "密钥文件与数据库不匹配（不是 init 时创建的那个）",
                     "the key file does not belong to this database", "--key-file");
    }
    return Ok();
  });
}

// The key file of a database that already holds data sealed with a key: missing
// means lost (or moved), never "make a new one" (that key could not open a thing).
Result<crypto::DataKey> LoadExistingKey(const std::string& url, const std::string& path) {
  Result<crypto::DataKey> key = crypto::DataKey::Load(path);
  if (!key && key.error().code == "crypto.key_missing") {
    return NotFound("crypto.key_missing",
                    "找不到密钥文件 " + path + "：数据库 " + url +
                        " 中的数据由它加密，没有它无法打开。请从备份恢复该文件（或用 --key-file "
                        "指定）；未生成新密钥",
                    "key file " + path + " is missing: the data in " + url +
                        " is sealed with it and cannot be opened without it. Restore the file "
                        "from your backup (or pass --key-file); no new key was made",
                    "--key-file");
  }
  return key;
}

Result<bool> KeyRecorded(store::Store& store) {
  bool recorded = false;
  PEIXUN_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(auto stored, settings::GetIn(tx, settings::kDataKeyCheck));
    recorded = stored.has_value();
    return Ok();
  }));
  return recorded;
}

}  // namespace

Result<Database> OpenDatabase(const std::string& url, const std::string& key_file) {
  PEIXUN_ASSIGN_OR_RETURN(auto store, store::OpenStore(url));
  PEIXUN_RETURN_IF_ERROR(store::CheckSchema(*store, modules::AllMigrations()));
  if (auto rekeyed = people::RefreshNameKeys(*store); !rekeyed) return std::move(rekeyed).error();
  const std::string key_path = key_file.empty() ? crypto::DefaultKeyPath(url) : key_file;
  PEIXUN_ASSIGN_OR_RETURN(crypto::DataKey key, LoadExistingKey(store->DisplayUrl(), key_path));
  PEIXUN_RETURN_IF_ERROR(CheckKey(*store, key, /*record_if_missing=*/false));
  // Check-in secrets of a database from before migration 137 get sealed here.
  if (auto sealed = classes::SealCheckinSecrets(*store, key); !sealed) {
    return std::move(sealed).error();
  }
  // The hours summary and the stored district view of a database from before
  // migration 124 are built here, through the owners' public functions.
  if (auto built = records::LedgerService(*store, key).RebuildSummaryIfNeeded(); !built) {
    return std::move(built).error();
  }
  return Database{std::move(store), key};
}

Result<Database> InitDatabase(const std::string& url, const std::string& key_file) {
  PEIXUN_ASSIGN_OR_RETURN(auto store, store::OpenStore(url));
  PEIXUN_RETURN_IF_ERROR(store::Migrate(*store, modules::AllMigrations()));
  if (auto rekeyed = people::RefreshNameKeys(*store); !rekeyed) return std::move(rekeyed).error();
  const std::string key_path = key_file.empty() ? crypto::DefaultKeyPath(url) : key_file;
  // A database initialized before has its key: init never replaces a lost one.
  PEIXUN_ASSIGN_OR_RETURN(bool recorded, KeyRecorded(*store));
  PEIXUN_ASSIGN_OR_RETURN(crypto::DataKey key, recorded
                                                   ? LoadExistingKey(store->DisplayUrl(), key_path)
                                                   : crypto::DataKey::LoadOrCreate(key_path));
  PEIXUN_RETURN_IF_ERROR(CheckKey(*store, key, /*record_if_missing=*/true));
  if (auto sealed = classes::SealCheckinSecrets(*store, key); !sealed) {
    return std::move(sealed).error();
  }
  // The hours summary and the stored district view of a database from before
  // migration 124 are built here, through the owners' public functions.
  if (auto built = records::LedgerService(*store, key).RebuildSummaryIfNeeded(); !built) {
    return std::move(built).error();
  }
  return Database{std::move(store), key};
}

void PrintError(const Error& error) {
  std::cerr << "错误：" << error.message;
  if (!error.field.empty()) std::cerr << "（" << error.field << "）";
  std::cerr << "\nerror: " << error.message_en << " [" << error.code << "]\n";
}

}  // namespace peixun::cli
