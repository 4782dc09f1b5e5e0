#include "cli/backup_set.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/database.h"
#include "crypto/data_key.h"
#include "crypto/sealed_key.h"
#include "modules/audit/audit_verify.h"
#include "modules/schema.h"
#include "store/backup.h"
#include "store/migration.h"
#include "store/open_store.h"
#include "store/row_counts.h"

namespace peixun::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Writes `bytes` to `path` readable by its owner only.
Status WritePrivate(const std::string& path, const std::string& bytes) {
  const mode_t old = umask(077);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  umask(old);
  if (!out) return Internal("backup.write", "cannot write " + path);
  return Ok();
}

// A scratch folder removed when it goes out of scope.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "peixun-backup-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Error KeyMissing(const std::string& file) {
  return NotFound("backup.key_missing",
                  "备份缺少密钥文件 " + SealedKeyPath(file) +
                      "：没有它无法读出备份中加密的身份证号和签到密钥，拒绝恢复",
                  "the backup's key file " + SealedKeyPath(file) +
                      " is missing: without it the backup's encrypted data cannot be read; "
                      "refusing to restore",
                  "FILE");
}

}  // namespace

std::string SealedKeyPath(const std::string& backup_file) { return backup_file + ".key"; }

Result<std::optional<std::string>> ReadPassphrase(const std::string& passphrase_file) {
  if (!passphrase_file.empty()) {
    auto text = ReadFile(passphrase_file);
    if (!text) {
      return NotFound("backup.passphrase_file", "读不到口令文件 " + passphrase_file,
                      "cannot read the passphrase file " + passphrase_file, "--passphrase-file");
    }
    std::string line = text->substr(0, text->find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return std::optional<std::string>(line);
  }
  if (const char* env = std::getenv(kPassphraseEnv); env && *env) {
    return std::optional<std::string>(env);
  }
  return std::optional<std::string>();
}

Status WriteBackupSet(const std::string& url, const std::string& key_file, const std::string& file,
                      const std::string& passphrase) {
  const std::string key_path = key_file.empty() ? crypto::DefaultKeyPath(url) : key_file;
  // The key must load (and fit) before anything is written.
  PEIXUN_ASSIGN_OR_RETURN(Database db, OpenDatabase(url, key_file));
  db.store.reset();
  auto key_bytes = ReadFile(key_path);
  if (!key_bytes) return Internal("backup.key_read", "cannot read the key file " + key_path);
  PEIXUN_ASSIGN_OR_RETURN(std::string sealed, crypto::SealKeyFile(*key_bytes, passphrase));
  PEIXUN_RETURN_IF_ERROR(store::BackupDatabase(url, file));
  return WritePrivate(SealedKeyPath(file), sealed);
}

Result<BackupReport> VerifyBackupSet(const std::string& file,
                                     const std::optional<std::string>& passphrase) {
  PEIXUN_RETURN_IF_ERROR(store::CheckSqliteFile(file));
  auto sealed = ReadFile(SealedKeyPath(file));
  if (!sealed) return KeyMissing(file);
  // Opening a database may write to it (journal mode, name keys): work on a copy.
  ScratchDir scratch;
  if (scratch.path().empty()) return Internal("backup.scratch", "cannot make a temporary folder");
  const std::string copy_url = "sqlite:" + scratch.path() + "/verify.db";
  PEIXUN_RETURN_IF_ERROR(store::RestoreDatabase(copy_url, file));
  BackupReport report;
  std::unique_ptr<store::Store> opened;
  if (passphrase) {
    PEIXUN_ASSIGN_OR_RETURN(std::string key_bytes, crypto::OpenSealedKeyFile(*sealed, *passphrase));
    const std::string key_path = scratch.path() + "/verify.key";
    PEIXUN_RETURN_IF_ERROR(WritePrivate(key_path, key_bytes));
    // Checks the schema and that the key is the one this database was made with.
    PEIXUN_ASSIGN_OR_RETURN(Database db, OpenDatabase(copy_url, key_path));
    opened = std::move(db.store);
    report.key_opened = true;
  } else {
    PEIXUN_ASSIGN_OR_RETURN(opened, store::OpenStore(copy_url));
    PEIXUN_RETURN_IF_ERROR(store::CheckSchema(*opened, modules::AllMigrations()));
  }
  PEIXUN_ASSIGN_OR_RETURN(audit::VerifyReport chain, audit::VerifyChain(*opened));
  if (!chain.ok) {
    return Invalid("backup.audit_broken", "备份中的审计日志不完整：" + chain.message,
                   "the backup's audit log is broken: " + chain.message_en, "FILE");
  }
  report.audit_entries = chain.entries;
  PEIXUN_ASSIGN_OR_RETURN(report.rows, store::CountRows(*opened));
  return report;
}

Result<BackupReport> RestoreBackupSet(const std::string& url, const std::string& key_file,
                                      const std::string& file, const std::string& passphrase) {
  PEIXUN_ASSIGN_OR_RETURN(BackupReport report, VerifyBackupSet(file, passphrase));
  PEIXUN_ASSIGN_OR_RETURN(std::string key_bytes,
                          crypto::OpenSealedKeyFile(*ReadFile(SealedKeyPath(file)), passphrase));
  const std::string key_path = key_file.empty() ? crypto::DefaultKeyPath(url) : key_file;
  if (auto existing = ReadFile(key_path); existing && *existing != key_bytes) {
    return Conflict("crypto.key_exists",
                    "目标位置已有另一个密钥文件 " + key_path + "：请先移走它（它属于另一个数据库）",
                    "another key file is already at " + key_path +
                        ": move it away first (it belongs to another database)",
                    "--key-file");
  }
  PEIXUN_RETURN_IF_ERROR(store::RestoreDatabase(url, file));
  PEIXUN_RETURN_IF_ERROR(WritePrivate(key_path, key_bytes));
  return report;
}

}  // namespace peixun::cli
