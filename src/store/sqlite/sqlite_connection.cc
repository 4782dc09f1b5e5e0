#include "store/sqlite/sqlite_connection.h"

#include <cerrno>
#include <memory>

#include "store/store_errors.h"

namespace peixun::store {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 int busy_timeout_ms) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return MakeError(ErrorKind::kInternal, "store.connect",
                     "无法打开数据库文件 " + path + "：" + why,
                     "cannot open database file " + path + ": " + why);
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  PEIXUN_RETURN_IF_ERROR(conn->ExecScript(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"));
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error SqliteConnection::LastError(int rc) const {
  std::string why = sqlite3_errmsg(db_);
  int primary = rc & 0xff;
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Conflict(kUniqueViolation, "数据重复：" + why, "duplicate value: " + why);
  }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return Conflict(kForeignKeyViolation, "关联数据不存在或仍被引用：" + why,
                    "referenced row missing or still referenced: " + why);
  }
  if (primary == SQLITE_CONSTRAINT) {
    return Invalid(kStoreError, "数据不符合约束：" + why, "constraint failed: " + why);
  }
  // A full disk shows as SQLITE_FULL, or as an I/O error (growing the -shm file,
  // syncing) whose system error is ENOSPC; SQLite has rolled the transaction back.
  if (primary == SQLITE_FULL || (primary == SQLITE_IOERR && sqlite3_system_errno(db_) == ENOSPC)) {
    return DiskFullError(why);
  }
  return MakeError(ErrorKind::kInternal, kStoreError, "数据库错误：" + why,
                   "database error: " + why);
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = statements_.find(key); it != statements_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return LastError(rc);
  statements_.emplace(std::move(key), stmt);
  return stmt;
}

Result<Rows> SqliteConnection::Query(std::string_view sql, const std::vector<Value>& params) {
  PEIXUN_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    return Internal(kStoreError, "statement expects " + std::to_string(expected) +
                                     " parameters, got " + std::to_string(params.size()));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i) + 1;
    const Value& v = params[i];
    if (const auto* n = std::get_if<int64_t>(&v)) {
      sqlite3_bind_int64(stmt, idx, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      sqlite3_bind_double(stmt, idx, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    } else {
      sqlite3_bind_null(stmt, idx);
    }
  }
  Rows out;
  const int ncol = sqlite3_column_count(stmt);
  for (int c = 0; c < ncol; ++c) out.columns.emplace_back(sqlite3_column_name(stmt, c));
  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Error e = LastError(rc);
      sqlite3_reset(stmt);
      return e;
    }
    std::vector<Value> values;
    values.reserve(ncol);
    for (int c = 0; c < ncol; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          values.emplace_back();
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          values.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
    }
    out.rows.emplace_back(std::move(values));
  }
  sqlite3_reset(stmt);
  return out;
}

Result<int64_t> SqliteConnection::Exec(std::string_view sql, const std::vector<Value>& params) {
  PEIXUN_RETURN_IF_ERROR(Query(sql, params));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::ExecScript(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string why = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    Error e = LastError(rc);
    e.message = "数据库错误：" + why;
    e.message_en = "database error: " + why;
    return e;
  }
  return Ok();
}

}  // namespace peixun::store
