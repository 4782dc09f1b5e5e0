#include "store/postgres/pg_connection_pool.h"

#include <chrono>

namespace peixun::store::pg {
namespace {

// How long Acquire waits for a free connection before giving up. Long enough for
// a slow import to finish, short enough that a leaked or nested use shows up as an
// error rather than a hang.
constexpr std::chrono::seconds kAcquireTimeout{60};

}  // namespace

PgConnectionPool::Lease::~Lease() {
  if (conn_ != nullptr) pool_->Release(std::move(conn_));
}

PgConnectionPool::PgConnectionPool(std::string url, int size)
    : url_(std::move(url)), size_(size < 1 ? 1 : size) {}

Result<PgConnectionPool::Lease> PgConnectionPool::Acquire() {
  std::unique_ptr<PgConnection> conn;
  {
    std::unique_lock lock(mutex_);
    const bool ready =
        available_.wait_for(lock, kAcquireTimeout, [&] { return !idle_.empty() || open_ < size_; });
    if (!ready) {
      return MakeError(ErrorKind::kInternal, "store.pool_timeout", "数据库连接全部繁忙，请稍后再试",
                       "all database connections are busy");
    }
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // reserve the slot; connect outside the lock
    }
  }
  if (conn == nullptr) {
    Result<std::unique_ptr<PgConnection>> opened = PgConnection::Connect(url_);
    if (!opened) {
      ForgetOne();
      return std::move(opened).error();
    }
    conn = std::move(opened).value();
  } else if (!conn->healthy()) {
    if (Status reset = conn->Reset(); !reset) {
      ForgetOne();
      return std::move(reset).error();
    }
  }
  return Lease(this, std::move(conn));
}

void PgConnectionPool::Release(std::unique_ptr<PgConnection> conn) {
  // A lease given back inside a transaction (an error path that could not roll
  // back) must not leak that transaction to the next user.
  if (conn->healthy() && !conn->idle()) {
    (void)conn->RunScript("ROLLBACK");
    if (!conn->idle()) {
      conn.reset();
      ForgetOne();
      return;
    }
  }
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

void PgConnectionPool::ForgetOne() {
  {
    std::lock_guard lock(mutex_);
    --open_;
  }
  available_.notify_one();
}

}  // namespace peixun::store::pg
