#include <sqlite3.h>

#include <filesystem>

#include "store/backup.h"

namespace peixun::store {
namespace {

Error Corrupt(const std::string& file) {
  return Invalid("store.backup.corrupt", "备份文件不是完好的 SQLite 数据库：" + file,
                 "the backup is not a sound SQLite database: " + file, "FILE");
}

// "ok" when PRAGMA integrity_check finds nothing wrong.
std::string IntegrityVerdict(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  std::string verdict;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    verdict = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return verdict;
}

// Copies `from` into `to` with the online backup API (both plain file paths).
Status Copy(const std::string& from, const std::string& to, bool check_source) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (!std::filesystem::exists(from)) {
    return NotFound("store.backup.missing", "找不到文件：" + from, "file not found: " + from,
                    "FILE");
  }
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open(to.c_str(), &dst) != SQLITE_OK) {
    close();
    return Internal("store.backup.open", "cannot open " + from + " or " + to);
  }
  if (check_source && IntegrityVerdict(src) != "ok") {
    close();
    return Corrupt(from);
  }
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  int rc = SQLITE_OK;
  if (backup) {
    do {
      rc = sqlite3_backup_step(backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
  }
  std::string why = sqlite3_errmsg(dst);
  close();
  if (rc != SQLITE_DONE) return Internal("store.backup.copy", "backup failed: " + why);
  return Ok();
}

std::string SqlitePath(const std::string& url) {
  if (url.rfind("sqlite:", 0) != 0) return "";
  std::string path = url.substr(7);
  return path.rfind("//", 0) == 0 ? path.substr(2) : path;
}

Error NotSqlite() {
  return Invalid("store.backup.postgres", "PostgreSQL 请用 pg_dump / pg_restore 备份与恢复",
                 "for PostgreSQL use pg_dump / pg_restore", "--db");
}

}  // namespace

Status CheckSqliteFile(const std::string& file) {
  if (!std::filesystem::exists(file)) {
    return NotFound("store.backup.missing", "找不到文件：" + file, "file not found: " + file,
                    "FILE");
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return Corrupt(file);
  }
  const std::string verdict = IntegrityVerdict(db);
  sqlite3_close(db);
  if (verdict != "ok") return Corrupt(file);
  return Ok();
}

Status BackupDatabase(const std::string& url, const std::string& file) {
  const std::string path = SqlitePath(url);
  if (path.empty()) return NotSqlite();
  PEIXUN_RETURN_IF_ERROR(Copy(path, file, /*check_source=*/false));
  return CheckSqliteFile(file);
}

Status RestoreDatabase(const std::string& url, const std::string& file) {
  const std::string path = SqlitePath(url);
  if (path.empty()) return NotSqlite();
  return Copy(file, path, /*check_source=*/true);
}

}  // namespace peixun::store
