// One SQLite connection with its cache of prepared statements. Not thread-safe:
// owned by the pool (sqlite_store.cc) and lent to one transaction at a time.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/store.h"
#include "store/value.h"

namespace peixun::store {

class SqliteConnection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        int busy_timeout_ms);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params);
  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params);
  Status ExecScript(std::string_view sql);

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  Error LastError(int rc) const;

  sqlite3* db_;
  // Statements keyed by their SQL text; the set of distinct statements a program
  // runs is small and fixed, so the cache needs no eviction.
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace peixun::store
