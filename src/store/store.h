// The Store: peixun's one door to a database. Two implementations live beside it,
// store/sqlite (sqlite3.h appears only there) and store/postgres (libpq only there);
// store/open_store.h picks one from a URL.
//
// Modules own their tables and write their own SQL, portable across both:
//  - placeholders are `?` (the PostgreSQL side numbers them $1, $2, …);
//  - new ids come from `INSERT … RETURNING id`;
//  - instants are BIGINT milliseconds since the epoch (UTC), booleans INTEGER 0/1.
// DDL in migrations may use the tokens of store/migration.h.
//
// Thread-safety: a Store is safe to use from many threads; each Transact/Read call
// takes its own connection. A Tx is used by one thread, only inside its callback.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/notify.h"
#include "store/value.h"

namespace peixun::store {

enum class Dialect { kSqlite, kPostgres };

// Error codes a Tx reports; modules turn the first two into their own messages.
inline constexpr char kUniqueViolation[] = "store.unique_violation";
inline constexpr char kForeignKeyViolation[] = "store.foreign_key_violation";
inline constexpr char kStoreError[] = "store.error";

// One transaction on one connection.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement with `?` placeholders bound to `params`; returns its rows
  // (none for statements without RETURNING). On error nothing is returned and the
  // transaction must be abandoned (return the error from the callback).
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs several statements without parameters (migrations, after token translation).
  virtual Status ExecScript(std::string_view sql) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Dialect dialect() const = 0;
  // The URL it was opened with, with any password removed.
  virtual std::string DisplayUrl() const = 0;

  // Runs `fn` in one read-write transaction: commits when it returns ok, rolls
  // back when it returns an error or throws (the exception is rethrown). On SQLite
  // writers are serialized by the database (a busy database is waited for). On
  // PostgreSQL writers run concurrently (READ COMMITTED): an invariant over several
  // rows needs a unique constraint, a row lock or store/key_lock.h. There, `fn` may
  // run again after a rolled-back try (deadlock, serialization failure, or a unique
  // violation a concurrent writer caused): it must redo its outputs from scratch.
  virtual Status Transact(const std::function<Status(Tx&)>& fn) = 0;
  // Runs `fn` in a read-only snapshot. Writes inside it fail.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  // Integrity check of the whole database (SQLite PRAGMA integrity_check and
  // foreign_key_check; PostgreSQL amcheck on every index and table, store/integrity.h,
  // which also says which checks could not run). Ok when sound.
  virtual Status CheckIntegrity() = 0;

  // Publish/subscribe across the processes sharing this database, outside any
  // transaction (store/notify.h: SQLite in-process only; PostgreSQL NOTIFY/LISTEN).
  // Notify sends `payload` to every listener of `channel`, the sender's own included.
  virtual Status Notify(const std::string& channel, const std::string& payload) = 0;
  // Calls `callback` with each payload sent on `channel` while the subscription is
  // held. On PostgreSQL it returns once the LISTEN is active (or, when the server
  // cannot be reached, after a few seconds, listening as soon as it can).
  virtual Result<std::unique_ptr<Subscription>> Listen(const std::string& channel,
                                                       NotifyCallback callback) = 0;
};

// Runs `fn` (returning Result<T>) in a transaction and hands back its value.
template <typename T, typename Fn>
Result<T> TransactValue(Store& store, Fn&& fn) {
  std::optional<T> out;
  Status st = store.Transact([&](Tx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r) return std::move(r).error();
    out.emplace(std::move(r).value());
    return Ok();
  });
  if (!st) return std::move(st).error();
  return std::move(*out);
}

template <typename T, typename Fn>
Result<T> ReadValue(Store& store, Fn&& fn) {
  std::optional<T> out;
  Status st = store.Read([&](Tx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r) return std::move(r).error();
    out.emplace(std::move(r).value());
    return Ok();
  });
  if (!st) return std::move(st).error();
  return std::move(*out);
}

}  // namespace peixun::store
