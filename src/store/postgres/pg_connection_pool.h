// A bounded pool of PgConnections to one database.
//
// Connections are opened lazily up to `size`; Acquire blocks (mutex + condition
// variable) until one is free. A connection that libpq reports broken is reset
// (reconnected) before it is handed out; one returned in the middle of a
// transaction is rolled back first.
//
// Thread-safety: Acquire and the Lease destructor may be called from any thread.
// Ownership: the pool owns idle connections; a Lease owns its connection until it
// is destroyed, and must be destroyed before the pool.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/postgres/pg_connection.h"

namespace peixun::store::pg {

class PgConnectionPool {
 public:
  // Exclusive use of one connection; returns it to the pool when destroyed.
  class Lease {
   public:
    Lease(PgConnectionPool* pool, std::unique_ptr<PgConnection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() const { return *conn_; }
    PgConnection* operator->() const { return conn_.get(); }

   private:
    PgConnectionPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  // No connection is opened yet; `size` is at least 1.
  PgConnectionPool(std::string url, int size);

  // A healthy connection, waiting at most kAcquireTimeout for one to be free.
  // Errors: "store.connect" when (re)connecting fails, "store.pool_timeout" when
  // every connection stays busy.
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<PgConnection> conn);
  // Called when a slot's connection could not be made or was dropped.
  void ForgetOne();

  const std::string url_;
  const int size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mutex_
  int open_ = 0;  // connections idle or leased; guarded by mutex_
};

}  // namespace peixun::store::pg
