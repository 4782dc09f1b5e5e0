#include "store/postgres/postgres_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "store/integrity.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_connection_pool.h"
#include "store/postgres/pg_notifier.h"
#include "store/postgres/pg_url.h"

namespace peixun::store {
namespace {

// Writers run concurrently: each invariant that spans rows is kept by its module
// (unique constraints with ON CONFLICT, row locks, store/key_lock.h), not by a
// global lock.
constexpr char kBeginWrite[] = "BEGIN ISOLATION LEVEL READ COMMITTED";
constexpr char kBeginRead[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

// Tries of one Transact: a deadlock or serialization failure is retried (the
// server rolled the loser back, nothing of it remains) up to kMaxTries in all, a
// unique violation once (a concurrent writer inserted the row the callback checked
// for; on the second try it sees the row and answers as it would have).
constexpr int kMaxTries = 5;
constexpr int kMaxUniqueRetries = 1;

bool Retryable(const Error& e, int& unique_retries) {
  if (e.code == pg::kSerializationFailure) return true;
  if (e.code == kUniqueViolation && unique_retries < kMaxUniqueRetries) {
    ++unique_retries;
    return true;
  }
  return false;
}

// A short random pause before another try, growing with the tries, so the
// transactions that collided do not collide again in lockstep.
void BackOff(int tries) {
  thread_local std::minstd_rand rng(std::random_device{}());
  std::uniform_int_distribution<int> micros(0, 2000 << std::min(tries, 4));
  std::this_thread::sleep_for(std::chrono::microseconds(micros(rng)));
}

Error TransactionAborted() {
  return MakeError(ErrorKind::kInternal, kStoreError, "数据库错误：事务已因先前的错误中止",
                   "database error: the transaction was aborted by an earlier error");
}

class PgTx final : public Tx {
 public:
  explicit PgTx(pg::PgConnection& conn) : conn_(conn) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    PEIXUN_ASSIGN_OR_RETURN(pg::PgResult result, Track(conn_.Run(sql, params)));
    const PGresult* res = result.get();
    const int fields = PQnfields(res);
    const int tuples = PQntuples(res);
    Rows rows;
    rows.columns.reserve(fields);
    for (int f = 0; f < fields; ++f) rows.columns.emplace_back(PQfname(res, f));
    rows.rows.reserve(tuples);
    for (int r = 0; r < tuples; ++r) {
      std::vector<Value> values(fields);
      for (int f = 0; f < fields; ++f) {
        if (!PQgetisnull(res, r, f)) {
          values[f] = std::string(PQgetvalue(res, r, f), PQgetlength(res, r, f));
        }
      }
      rows.rows.emplace_back(std::move(values));
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override {
    PEIXUN_ASSIGN_OR_RETURN(pg::PgResult result, Track(conn_.Run(sql, params)));
    const char* tuples = PQcmdTuples(result.get());
    int64_t changed = 0;
    std::from_chars(tuples, tuples + std::strlen(tuples), changed);
    return changed;
  }

  Status ExecScript(std::string_view sql) override {
    PEIXUN_RETURN_IF_ERROR(Track(conn_.RunScript(std::string(sql))));
    return Ok();
  }

  // The first statement error, which aborted the transaction on the server.
  const std::optional<Error>& first_error() const { return first_error_; }

 private:
  template <typename T>
  Result<T> Track(Result<T> result) {
    if (!result && !first_error_) first_error_ = result.error();
    return result;
  }

  pg::PgConnection& conn_;
  std::optional<Error> first_error_;
};

class PgStore final : public Store {
 public:
  PgStore(const std::string& url, int pool_size)
      : url_(url),
        write_pool_(url, pool_size),
        read_pool_(url, pool_size),
        notifier_(std::make_unique<pg::PgNotifier>(url)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string DisplayUrl() const override { return pg::RedactPassword(url_); }

  Status Transact(const std::function<Status(Tx&)>& fn) override {
    if (std::find(t_writing.begin(), t_writing.end(), this) != t_writing.end()) {
      return MakeError(ErrorKind::kInternal, "store.nested_transaction",
                       "内部错误：在写事务中再次开启同一数据库的写事务",
                       "internal error: Transact called inside a Transact on the same store");
    }
    t_writing.push_back(this);
    struct Unmark {
      ~Unmark() { t_writing.pop_back(); }
    } unmark;
    int unique_retries = 0;
    for (int tries = 1;; ++tries) {
      Status st = RunTransaction(write_pool_, kBeginWrite, fn);
      if (st || tries >= kMaxTries || !Retryable(st.error(), unique_retries)) return st;
      BackOff(tries);
    }
  }

  Status Read(const std::function<Status(Tx&)>& fn) override {
    return RunTransaction(read_pool_, kBeginRead, fn);
  }

  // amcheck on every index and table (store/integrity.h); a check amcheck could
  // not run for (no superuser) is not a failure here: CheckStorage reports it.
  Status CheckIntegrity() override {
    PEIXUN_RETURN_IF_ERROR(CheckStorage(*this));
    return Ok();
  }

  // Queued for the notification connection (pg_notifier.h), which sends it within
  // milliseconds without waiting for a WAL flush.
  Status Notify(const std::string& channel, const std::string& payload) override {
    PEIXUN_RETURN_IF_ERROR(CheckNotification(channel, payload));
    notifier_->Send(channel, payload);
    return Ok();
  }

  Result<std::unique_ptr<Subscription>> Listen(const std::string& channel,
                                               NotifyCallback callback) override {
    PEIXUN_RETURN_IF_ERROR(CheckNotification(channel, ""));
    return notifier_->Listen(channel, std::move(callback));
  }

  // Makes sure the server can be reached (used once at open).
  Status Probe() {
    PEIXUN_ASSIGN_OR_RETURN(pg::PgConnectionPool::Lease conn, read_pool_.Acquire());
    return Ok();
  }

 private:
  // Runs `sql` outside any transaction; when the connection turns out to have
  // been closed by the server while idle (restart, idle timeout), reconnects and
  // tries once more: nothing has run yet, so repeating is safe.
  static Status RunReconnecting(pg::PgConnection& conn, const char* sql) {
    Result<pg::PgResult> result = conn.RunScript(sql);
    if (!result && !conn.healthy()) {
      PEIXUN_RETURN_IF_ERROR(conn.Reset());
      result = conn.RunScript(sql);
    }
    if (!result) return std::move(result).error();
    return Ok();
  }

  static void Rollback(pg::PgConnection& conn) {
    // A failed ROLLBACK leaves the session in a transaction; the pool resets it.
    (void)conn.RunScript("ROLLBACK");
  }

  static Status RunTransaction(pg::PgConnectionPool& pool, const char* begin,
                               const std::function<Status(Tx&)>& fn) {
    PEIXUN_ASSIGN_OR_RETURN(pg::PgConnectionPool::Lease conn, pool.Acquire());
    PEIXUN_RETURN_IF_ERROR(RunReconnecting(*conn, begin));
    PgTx tx(*conn);
    Status status;
    try {
      status = fn(tx);
    } catch (...) {
      Rollback(*conn);
      throw;
    }
    if (!status) {
      Rollback(*conn);
      return status;
    }
    // The callback returned ok after ignoring a failed statement: PostgreSQL
    // would turn the COMMIT into a ROLLBACK, so report the failure instead.
    if (tx.first_error().has_value()) {
      Rollback(*conn);
      return *tx.first_error();
    }
    Result<pg::PgResult> commit = conn->RunScript("COMMIT");
    if (!commit) {
      Rollback(*conn);
      return std::move(commit).error();
    }
    if (std::strcmp(PQcmdStatus(commit->get()), "ROLLBACK") == 0) return TransactionAborted();
    return Ok();
  }

  static thread_local std::vector<const PgStore*> t_writing;  // stores this thread writes to

  const std::string url_;
  // Two pools, as on SQLite: a Read nested in a Transact callback never waits for
  // a connection that only another writer (waiting the same way) could free.
  pg::PgConnectionPool write_pool_;
  pg::PgConnectionPool read_pool_;
  std::unique_ptr<pg::PgNotifier> notifier_;  // last: its thread stops first
};

thread_local std::vector<const PgStore*> PgStore::t_writing;

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, int pool_size) {
  auto store = std::make_unique<PgStore>(url, pool_size);
  PEIXUN_RETURN_IF_ERROR(store->Probe());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace peixun::store
