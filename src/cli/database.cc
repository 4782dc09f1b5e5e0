#include "cli/database.h"

#include <iostream>

#include "modules/classes/checkin_secret.h"
#include "modules/people/name_keys.h"
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

}  // namespace

Result<Database> OpenDatabase(const std::string& url, const std::string& key_file) {
  PEIXUN_ASSIGN_OR_RETURN(auto store, store::OpenStore(url));
  PEIXUN_RETURN_IF_ERROR(store::CheckSchema(*store, modules::AllMigrations()));
  if (auto rekeyed = people::RefreshNameKeys(*store); !rekeyed) return std::move(rekeyed).error();
  PEIXUN_ASSIGN_OR_RETURN(
      crypto::DataKey key,
      crypto::DataKey::Load(key_file.empty() ? crypto::DefaultKeyPath(url) : key_file));
  PEIXUN_RETURN_IF_ERROR(CheckKey(*store, key, /*record_if_missing=*/false));
  // Check-in secrets of a database from before migration 137 get sealed here.
  if (auto sealed = classes::SealCheckinSecrets(*store, key); !sealed) {
    return std::move(sealed).error();
  }
  return Database{std::move(store), key};
}

Result<Database> InitDatabase(const std::string& url, const std::string& key_file) {
  PEIXUN_ASSIGN_OR_RETURN(auto store, store::OpenStore(url));
  PEIXUN_RETURN_IF_ERROR(store::Migrate(*store, modules::AllMigrations()));
  if (auto rekeyed = people::RefreshNameKeys(*store); !rekeyed) return std::move(rekeyed).error();
  PEIXUN_ASSIGN_OR_RETURN(
      crypto::DataKey key,
      crypto::DataKey::LoadOrCreate(key_file.empty() ? crypto::DefaultKeyPath(url) : key_file));
  PEIXUN_RETURN_IF_ERROR(CheckKey(*store, key, /*record_if_missing=*/true));
  if (auto sealed = classes::SealCheckinSecrets(*store, key); !sealed) {
    return std::move(sealed).error();
  }
  return Database{std::move(store), key};
}

void PrintError(const Error& error) {
  std::cerr << "错误：" << error.message;
  if (!error.field.empty()) std::cerr << "（" << error.field << "）";
  std::cerr << "\nerror: " << error.message_en << " [" << error.code << "]\n";
}

}  // namespace peixun::cli
