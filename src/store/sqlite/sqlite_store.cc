#include "store/sqlite/sqlite_store.h"

#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/sqlite/sqlite_connection.h"

namespace peixun::store {
namespace {

class SqliteTx : public Tx {
 public:
  explicit SqliteTx(SqliteConnection& conn) : conn_(conn) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    return conn_.Query(sql, params);
  }
  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override {
    return conn_.Exec(sql, params);
  }
  Status ExecScript(std::string_view sql) override { return conn_.ExecScript(sql); }

 private:
  SqliteConnection& conn_;
};

class SqliteStore : public Store {
 public:
  SqliteStore(std::string path, int pool_size, int busy_timeout_ms)
      : path_(std::move(path)), pool_size_(pool_size), busy_timeout_ms_(busy_timeout_ms) {}

  Status Init() {
    // The first connection switches the file to WAL; open it alone before others.
    PEIXUN_ASSIGN_OR_RETURN(auto conn, SqliteConnection::Open(path_, busy_timeout_ms_));
    idle_.push_back(std::move(conn));
    opened_ = 1;
    return Ok();
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string DisplayUrl() const override { return "sqlite:" + path_; }

  Status Transact(const std::function<Status(Tx&)>& fn) override {
    return Run("BEGIN IMMEDIATE", fn);
  }
  Status Read(const std::function<Status(Tx&)>& fn) override {
    return Run("BEGIN DEFERRED", fn, /*read_only=*/true);
  }

  Status CheckIntegrity() override {
    std::string verdict;
    Status st = Read([&](Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(Rows rows, tx.Query("PRAGMA integrity_check", {}));
      for (const Row& r : rows) verdict += r.Str(0) + "\n";
      PEIXUN_ASSIGN_OR_RETURN(Rows fk, tx.Query("PRAGMA foreign_key_check", {}));
      if (!fk.empty()) verdict += std::to_string(fk.size()) + " foreign key violations\n";
      return Ok();
    });
    PEIXUN_RETURN_IF_ERROR(st);
    if (verdict != "ok\n") {
      return Internal("store.integrity", "integrity check failed: " + verdict);
    }
    return Ok();
  }

 private:
  Result<std::unique_ptr<SqliteConnection>> Acquire() {
    std::unique_lock lock(mu_);
    while (idle_.empty() && opened_ >= pool_size_) cv_.wait(lock);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++opened_;
    lock.unlock();
    auto conn = SqliteConnection::Open(path_, busy_timeout_ms_);
    if (!conn) {
      std::lock_guard relock(mu_);
      --opened_;
      cv_.notify_one();
    }
    return conn;
  }

  void Release(std::unique_ptr<SqliteConnection> conn) {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
    cv_.notify_one();
  }

  Status Run(const char* begin, const std::function<Status(Tx&)>& fn, bool read_only = false) {
    PEIXUN_ASSIGN_OR_RETURN(auto conn, Acquire());
    struct Returner {
      SqliteStore* store;
      std::unique_ptr<SqliteConnection>* conn;
      ~Returner() { store->Release(std::move(*conn)); }
    } returner{this, &conn};

    if (read_only) PEIXUN_RETURN_IF_ERROR(conn->ExecScript("PRAGMA query_only=ON"));
    PEIXUN_RETURN_IF_ERROR(conn->ExecScript(begin));
    SqliteTx tx(*conn);
    Status result;
    try {
      result = fn(tx);
    } catch (...) {
      (void)conn->ExecScript("ROLLBACK");
      if (read_only) (void)conn->ExecScript("PRAGMA query_only=OFF");
      throw;
    }
    if (result) {
      Status commit = conn->ExecScript("COMMIT");
      if (!commit) {
        (void)conn->ExecScript("ROLLBACK");
        result = commit;
      }
    } else {
      (void)conn->ExecScript("ROLLBACK");
    }
    if (read_only) (void)conn->ExecScript("PRAGMA query_only=OFF");
    return result;
  }

  const std::string path_;
  const int pool_size_;
  const int busy_timeout_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
  int opened_ = 0;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, int pool_size,
                                               int busy_timeout_ms) {
  auto store = std::make_unique<SqliteStore>(path, pool_size < 1 ? 1 : pool_size, busy_timeout_ms);
  PEIXUN_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace peixun::store
