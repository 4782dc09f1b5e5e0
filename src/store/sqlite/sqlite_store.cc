#include "store/sqlite/sqlite_store.h"

#include <condition_variable>
#include <mutex>
#include <string>
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

// How much of the database file a reader connection maps (PRAGMA mmap_size); the
// mapping is shared by the readers and counts as page cache, not heap.
constexpr int64_t kReaderMmapBytes = int64_t{256} << 20;

class SqliteStore : public Store {
 public:
  SqliteStore(std::string path, int pool_size, int busy_timeout_ms)
      : path_(std::move(path)), pool_size_(pool_size), busy_timeout_ms_(busy_timeout_ms) {}

  Status Init() {
    // The first connection switches the file to WAL; open it alone before others.
    PEIXUN_ASSIGN_OR_RETURN(auto conn, SqliteConnection::Open(path_, busy_timeout_ms_));
    writers_.idle.push_back(std::move(conn));
    writers_.opened = 1;
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

  // In-process only (store/notify.h): one process owns the database file.
  Status Notify(const std::string& channel, const std::string& payload) override {
    PEIXUN_RETURN_IF_ERROR(CheckNotification(channel, payload));
    channels_.Deliver(channel, payload);
    return Ok();
  }
  Result<std::unique_ptr<Subscription>> Listen(const std::string& channel,
                                               NotifyCallback callback) override {
    PEIXUN_RETURN_IF_ERROR(CheckNotification(channel, ""));
    return channels_.Add(channel, std::move(callback));
  }

 private:
  // The transaction's own statements (BEGIN, COMMIT, ROLLBACK) go through
  // the connection's statement cache: a read of a few rows would otherwise spend
  // most of its time parsing them.
  static Status Step(SqliteConnection& conn, const char* sql) {
    Result<int64_t> r = conn.Exec(sql, {});
    if (!r) return std::move(r).error();
    return Ok();
  }

  // Two pools of up to pool_size connections each: readers keep PRAGMA
  // query_only=ON for good (switching it per transaction expires every cached
  // statement of the connection), writers never have it.
  struct Pool {
    std::vector<std::unique_ptr<SqliteConnection>> idle;
    int opened = 0;
  };

  Result<std::unique_ptr<SqliteConnection>> Acquire(bool read_only) {
    Pool& pool = read_only ? readers_ : writers_;
    std::unique_lock lock(mu_);
    while (pool.idle.empty() && pool.opened >= pool_size_) cv_.wait(lock);
    if (!pool.idle.empty()) {
      auto conn = std::move(pool.idle.back());
      pool.idle.pop_back();
      return conn;
    }
    ++pool.opened;
    lock.unlock();
    auto conn = SqliteConnection::Open(path_, busy_timeout_ms_);
    if (conn && read_only) {
      // Readers map the file (kReaderMmapBytes): in WAL every commit makes each
      // reader drop its page cache, and mapped pages are read again without a
      // pread copy per page.
      Status st = (*conn)->ExecScript(
          "PRAGMA query_only=ON; PRAGMA mmap_size=" + std::to_string(kReaderMmapBytes) + ";");
      if (!st) conn = std::move(st).error();
    }
    if (!conn) {
      std::lock_guard relock(mu_);
      --pool.opened;
      cv_.notify_all();
    }
    return conn;
  }

  void Release(std::unique_ptr<SqliteConnection> conn, bool read_only) {
    std::lock_guard lock(mu_);
    (read_only ? readers_ : writers_).idle.push_back(std::move(conn));
    cv_.notify_all();
  }

  Status Run(const char* begin, const std::function<Status(Tx&)>& fn, bool read_only = false) {
    PEIXUN_ASSIGN_OR_RETURN(auto conn, Acquire(read_only));
    struct Returner {
      SqliteStore* store;
      std::unique_ptr<SqliteConnection>* conn;
      bool read_only;
      ~Returner() { store->Release(std::move(*conn), read_only); }
    } returner{this, &conn, read_only};

    PEIXUN_RETURN_IF_ERROR(Step(*conn, begin));
    SqliteTx tx(*conn);
    Status result;
    try {
      result = fn(tx);
    } catch (...) {
      (void)Step(*conn, "ROLLBACK");
      throw;
    }
    if (result) {
      Status commit = Step(*conn, "COMMIT");
      if (!commit) {
        (void)Step(*conn, "ROLLBACK");
        result = commit;
      }
    } else {
      (void)Step(*conn, "ROLLBACK");
    }
    return result;
  }

  const std::string path_;
  const int pool_size_;
  const int busy_timeout_ms_;
  LocalChannels channels_;
  std::mutex mu_;
  std::condition_variable cv_;
  Pool writers_;  // writers
  Pool readers_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, int pool_size,
                                               int busy_timeout_ms) {
  // SQLite counts every allocation under one global mutex unless told not to; the
  // worker threads would contend on it. Only possible before SQLite initializes.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  auto store = std::make_unique<SqliteStore>(path, pool_size < 1 ? 1 : pool_size, busy_timeout_ms);
  PEIXUN_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace peixun::store
