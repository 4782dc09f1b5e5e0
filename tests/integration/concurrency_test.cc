// Writers running at once (issue 15, "PostgreSQL writers run concurrently"): each
// invariant that used to lean on the global writer lock is exercised from many
// threads, each Transact on its own connection, and checked afterwards. On
// PostgreSQL the writers really overlap; on SQLite they are serialized by the
// database and the same checks hold trivially.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "enrollment_fixture.h"
#include "modules/audit/audit_log.h"
#include "modules/audit/audit_verify.h"
#include "modules/schema.h"
#include "store/group_commit_writer.h"
#include "store/key_lock.h"
#include "store/migration.h"
#include "test_db.h"

namespace peixun::test {
namespace {

// Runs `fn(i)` on `n` threads started together.
template <typename Fn>
void RunTogether(int n, Fn fn) {
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < n) std::this_thread::yield();
      fn(i);
    });
  }
  for (auto& t : threads) t.join();
}

class StoreConcurrencyTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    Status st = db().Transact([](store::Tx& tx) {
      return tx.ExecScript(
          "CREATE TABLE counters (k TEXT NOT NULL PRIMARY KEY, n BIGINT NOT NULL);"
          "INSERT INTO counters (k, n) VALUES ('c', 0);"
          "CREATE TABLE keyed (k TEXT NOT NULL PRIMARY KEY, owner BIGINT NOT NULL);"
          "CREATE TABLE firsts (k TEXT NOT NULL, job BIGINT NOT NULL);");
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  }

  int64_t Scalar(const std::string& sql) {
    auto v = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql));
      return rows[0].Int(0);
    });
    EXPECT_TRUE(v.ok());
    return v.ok() ? *v : -1;
  }
};

// A read-then-write under LockKeyIn loses no update (without the lock, READ
// COMMITTED on PostgreSQL would let two writers read the same n).
TEST_F(StoreConcurrencyTest, KeyLockKeepsReadModifyWriteExact) {
  constexpr int kThreads = 20;
  constexpr int kEach = 10;
  std::atomic<int> failures{0};
  RunTogether(kThreads, [&](int) {
    for (int i = 0; i < kEach; ++i) {
      Status st = db().Transact([](store::Tx& tx) -> Status {
        PEIXUN_RETURN_IF_ERROR(store::LockKeyIn(tx, "test.counter:c"));
        PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT n FROM counters WHERE k = 'c'"));
        // Widen the window between read and write.
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        PEIXUN_RETURN_IF_ERROR(
            tx.Exec("UPDATE counters SET n = ? WHERE k = 'c'", {store::Int(rows[0].Int(0) + 1)}));
        return Ok();
      });
      if (!st.ok()) failures.fetch_add(1);
    }
  });
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Scalar("SELECT n FROM counters WHERE k = 'c'"), kThreads * kEach);
}

// The same idempotency keys from 20 threads at once: INSERT … ON CONFLICT DO
// NOTHING stores each key once, and exactly one insert per key reports a row.
TEST_F(StoreConcurrencyTest, DuplicateIdempotencyKeysStoreOneRowEach) {
  constexpr int kThreads = 20;
  constexpr int kKeys = 50;
  std::atomic<int> inserted{0};
  std::atomic<int> failures{0};
  RunTogether(kThreads, [&](int t) {
    for (int k = 0; k < kKeys; ++k) {
      auto n = store::TransactValue<int64_t>(db(), [&](store::Tx& tx) {
        return tx.Exec("INSERT INTO keyed (k, owner) VALUES (?, ?) ON CONFLICT (k) DO NOTHING",
                       {store::Text("key-" + std::to_string(k)), store::Int(t)});
      });
      if (!n.ok()) {
        failures.fetch_add(1);
      } else {
        inserted.fetch_add(static_cast<int>(*n));
      }
    }
  });
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(inserted.load(), kKeys);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM keyed"), kKeys);
  EXPECT_EQ(Scalar("SELECT COUNT(DISTINCT k) FROM keyed"), kKeys);
}

// Two transactions taking two keys in opposite orders deadlock on PostgreSQL; the
// server aborts one and Transact runs it again, so both succeed.
TEST_F(StoreConcurrencyTest, DeadlockIsRetried) {
  std::atomic<int> tries{0};
  std::vector<Status> results(2);
  RunTogether(2, [&](int t) {
    const std::string first = t == 0 ? "test.a" : "test.b";
    const std::string second = t == 0 ? "test.b" : "test.a";
    results[t] = db().Transact([&](store::Tx& tx) -> Status {
      tries.fetch_add(1);
      PEIXUN_RETURN_IF_ERROR(store::LockKeyIn(tx, first));
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      PEIXUN_RETURN_IF_ERROR(store::LockKeyIn(tx, second));
      return tx.Exec("UPDATE counters SET n = n + 1 WHERE k = 'c'").ok()
                 ? Ok()
                 : Status(Internal("test", "update failed"));
    });
  });
  EXPECT_TRUE(results[0].ok()) << results[0].error().message;
  EXPECT_TRUE(results[1].ok()) << results[1].error().message;
  EXPECT_EQ(Scalar("SELECT n FROM counters WHERE k = 'c'"), 2);
  if (CurrentBackend() == "postgres") EXPECT_GE(tries.load(), 3);  // one was retried
}

// The group-commit writer with several writer threads: jobs naming the same lock
// key never run in two batches at once, so "insert only if none yet" (the rule of
// a trainee's first check-in) leaves exactly one row per key; and a deep queue
// really is written by more than one batch.
TEST_F(StoreConcurrencyTest, WriterWithSeveralThreadsKeepsFirstPerKey) {
  store::GroupCommitWriter::Options options;
  options.writers = 3;
  options.deep_queue = 4;
  options.max_batch = 16;
  store::GroupCommitWriter writer(db(), options);
  constexpr int kThreads = 16;
  constexpr int kJobs = 50;
  constexpr int kKeys = 20;
  std::atomic<int> failures{0};
  std::atomic<int> completed{0};
  RunTogether(kThreads, [&](int t) {
    std::vector<std::future<Status>> pending;
    for (int j = 0; j < kJobs; ++j) {
      const std::string key = "k" + std::to_string((t * kJobs + j) % kKeys);
      auto promise = std::make_shared<std::promise<Status>>();
      pending.push_back(promise->get_future());
      writer.SubmitThen(
          [key, job = t * kJobs + j](store::Tx& tx) -> Status {
            PEIXUN_ASSIGN_OR_RETURN(
                store::Rows seen,
                tx.Query("SELECT COUNT(*) FROM firsts WHERE k = ?", {store::Text(key)}));
            if (seen[0].Int(0) > 0) return Ok();
            return tx.Exec("INSERT INTO firsts (k, job) VALUES (?, ?)",
                           {store::Text(key), store::Int(job)})
                           .ok()
                       ? Ok()
                       : Status(Internal("test", "insert failed"));
          },
          [promise](Status st) { promise->set_value(std::move(st)); }, "test.first:" + key);
    }
    for (auto& f : pending) {
      if (!f.get().ok()) failures.fetch_add(1);
      completed.fetch_add(1);
    }
  });
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(completed.load(), kThreads * kJobs);
  // (writer.jobs() moves only after the completions ran, so it is not read here.)
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM firsts"), kKeys);
  EXPECT_EQ(Scalar("SELECT COUNT(DISTINCT k) FROM firsts"), kKeys);
}

class AuditConcurrencyTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    ASSERT_TRUE(store::Migrate(db(), modules::AllMigrations()).ok());
  }
};

// 50 threads append at once: one chain, no fork, no gap, every entry verified.
TEST_F(AuditConcurrencyTest, FiftyThreadsAppendToOneChain) {
  constexpr int kThreads = 50;
  constexpr int kEach = 4;
  std::atomic<int> failures{0};
  RunTogether(kThreads, [&](int t) {
    for (int i = 0; i < kEach; ++i) {
      Actor actor{t + 1, "user" + std::to_string(t), ""};
      Status st = db().Transact([&](store::Tx& tx) {
        return audit::AppendIn(
            tx, actor, {"people.update", "person", t * 100 + i, {{"i", i}}, {{"i", i + 1}}});
      });
      if (!st.ok()) failures.fetch_add(1);
    }
  });
  EXPECT_EQ(failures.load(), 0);
  auto report = audit::VerifyChain(db());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->ok) << report->message_en;
  EXPECT_EQ(report->entries, kThreads * kEach);
  auto distinct_prev = store::ReadValue<int64_t>(db(), [](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query("SELECT COUNT(DISTINCT prev_hash), MAX(id) FROM audit_log"));
    EXPECT_EQ(rows[0].Int(1), kThreads * kEach);  // ids 1..n, no gap
    return rows[0].Int(0);
  });
  ASSERT_TRUE(distinct_prev.ok());
  EXPECT_EQ(*distinct_prev, kThreads * kEach);  // no two entries link to one predecessor
}

class EnrollmentConcurrencyTest : public TrainingTest {};

// 20 nominations at once for the last 3 places of ×区's quota: 3 take a seat, 17
// are refused with enrollment.quota_exceeded, never a 4th.
TEST_F(EnrollmentConcurrencyTest, TwentyNominationsForThreePlacesNeverExceedTheQuota) {
  const int64_t c = MakeClass(50);
  ASSERT_GT(c, 0);
  QuotaForDistrict(c, 3);
  const std::vector<people::Person> trainees = DemoTrainees(20);
  ASSERT_EQ(trainees.size(), 20u);
  std::vector<std::string> codes(trainees.size());
  RunTogether(static_cast<int>(trainees.size()), [&](int i) {
    auto e = enrollment_->Nominate(AdminPrincipal(), c, trainees[i].id, false);
    codes[i] = e.ok() ? "ok" : e.error().code;
  });
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "ok"), 3);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "enrollment.quota_exceeded"), 17);
  auto quotas = enrollment_->Quotas(AdminPrincipal(), c);
  ASSERT_TRUE(quotas.ok()) << quotas.error().message;
  ASSERT_EQ(quotas->size(), 1u);
  EXPECT_EQ(quotas->front().used, 3);
}

// 20 nominations at once onto the waiting list of a 3-place quota: 3 seats, and
// the 17 waiting hold positions 1..17, each once.
TEST_F(EnrollmentConcurrencyTest, ConcurrentWaitlistingGivesDistinctPositions) {
  const int64_t c = MakeClass(50);
  ASSERT_GT(c, 0);
  QuotaForDistrict(c, 3);
  const std::vector<people::Person> trainees = DemoTrainees(20);
  ASSERT_EQ(trainees.size(), 20u);
  std::vector<std::optional<enrollment::Enrollment>> got(trainees.size());
  std::atomic<int> failures{0};
  RunTogether(static_cast<int>(trainees.size()), [&](int i) {
    auto e = enrollment_->Nominate(AdminPrincipal(), c, trainees[i].id, true);
    if (e.ok()) {
      got[i] = *e;
    } else {
      failures.fetch_add(1);
    }
  });
  EXPECT_EQ(failures.load(), 0);
  int seated = 0;
  std::set<int> positions;
  for (const auto& e : got) {
    if (!e) continue;
    if (e->status == enrollment::EnrollmentStatus::kNominated) ++seated;
    if (e->status == enrollment::EnrollmentStatus::kWaitlisted && e->waitlist_position) {
      positions.insert(*e->waitlist_position);
    }
  }
  EXPECT_EQ(seated, 3);
  ASSERT_EQ(positions.size(), 17u);
  EXPECT_EQ(*positions.begin(), 1);
  EXPECT_EQ(*positions.rbegin(), 17);
}

}  // namespace
}  // namespace peixun::test
