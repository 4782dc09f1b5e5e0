// The contract of the group-commit writer (store/group_commit_writer.h) on SQLite
// and PostgreSQL, with opaque jobs: a completion comes only after the commit (its
// write is visible to another transaction by then), one bad job fails alone while
// its batch neighbours commit, an exception becomes store.writer.exception, and
// Options bound the batch size. The burst grouping itself: checkin_writer_test.cc.
#include "store/group_commit_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_db.h"

namespace peixun::test {
namespace {

// Tx::Exec gives the count of rows changed; a job gives a Status.
Status Exec(store::Tx& tx, const std::string& sql, std::vector<store::Value> params = {}) {
  PEIXUN_RETURN_IF_ERROR(tx.Exec(sql, params));
  return Ok();
}

std::unique_ptr<store::Store> ProbeStore() {
  std::unique_ptr<store::Store> db = OpenFreshTestStore();
  Status st = db->Transact([](store::Tx& tx) -> Status {
    return Exec(tx, "CREATE TABLE writer_probe (n BIGINT NOT NULL UNIQUE)");
  });
  EXPECT_TRUE(st.ok());
  return db;
}

Result<int64_t> CountProbe(store::Store& db, const char* where = "1 = 1") {
  return store::ReadValue<int64_t>(db, [&](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows r, tx.Query(std::string("SELECT COUNT(*) FROM "
                                                                "writer_probe WHERE ") +
                                                    where));
    return r[0].Int(0);
  });
}

store::GroupCommitWriter::Job Insert(int n) {
  return [n](store::Tx& tx) -> Status {
    return Exec(tx, "INSERT INTO writer_probe (n) VALUES (?)", {store::Int(n)});
  };
}

TEST(GroupCommitWriterTest, CompletionComesAfterTheCommit) {
  std::unique_ptr<store::Store> db = ProbeStore();
  store::GroupCommitWriter writer(*db);
  // Each completion reads through a separate transaction: the job's row must be
  // there already, or the writer answered before its commit.
  constexpr int kJobs = 50;
  std::vector<std::future<int64_t>> seen;
  std::vector<std::shared_ptr<std::promise<int64_t>>> promises;
  for (int i = 0; i < kJobs; ++i) {
    auto p = std::make_shared<std::promise<int64_t>>();
    seen.push_back(p->get_future());
    writer.SubmitThen(Insert(i), [&db, p, i](Status st) {
      if (!st) return p->set_value(-1);
      auto n = CountProbe(*db, ("n = " + std::to_string(i)).c_str());
      p->set_value(n.ok() ? *n : -2);
    });
  }
  for (int i = 0; i < kJobs; ++i) EXPECT_EQ(seen[i].get(), 1) << i;
}

// Options::completion_threads: the completions leave the writer thread (the thread
// that ran the jobs never runs one), still only after the commit, with a failing
// job's error, and the destructor runs every queued completion before it returns.
TEST(GroupCommitWriterTest, CompletionThreadsRunCompletionsOffTheWriterAfterTheCommit) {
  std::unique_ptr<store::Store> db = ProbeStore();
  constexpr int kJobs = 300;
  std::mutex mu;
  std::set<std::thread::id> job_threads;
  std::set<std::thread::id> done_threads;
  std::atomic<int> committed_seen{0};
  std::atomic<int> failed{0};
  std::atomic<int> completed{0};
  {
    store::GroupCommitWriter::Options o;
    o.completion_threads = 1;
    store::GroupCommitWriter writer(*db, o);
    for (int i = 0; i < kJobs; ++i) {
      // Job 7 collides with job 6's unique value: it alone fails.
      const int n = i == 7 ? 6 : i;
      writer.SubmitThen(
          [&, n](store::Tx& tx) -> Status {
            {
              std::lock_guard<std::mutex> lock(mu);
              job_threads.insert(std::this_thread::get_id());
            }
            return Exec(tx, "INSERT INTO writer_probe (n) VALUES (?)", {store::Int(n)});
          },
          [&, i, n](Status st) {
            {
              std::lock_guard<std::mutex> lock(mu);
              done_threads.insert(std::this_thread::get_id());
            }
            if (!st) {
              if (i == 7) ++failed;
            } else {
              auto c = CountProbe(*db, ("n = " + std::to_string(n)).c_str());
              if (c.ok() && *c == 1) ++committed_seen;
            }
            ++completed;
          });
    }
  }  // the destructor drains the writer, then the completion thread
  EXPECT_EQ(completed.load(), kJobs);
  EXPECT_EQ(failed.load(), 1);
  EXPECT_EQ(committed_seen.load(), kJobs - 1);
  ASSERT_EQ(job_threads.size(), 1u);
  ASSERT_EQ(done_threads.size(), 1u);
  EXPECT_NE(*job_threads.begin(), *done_threads.begin());
  EXPECT_NE(*done_threads.begin(), std::this_thread::get_id());
  auto total = CountProbe(*db);
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(*total, kJobs - 1);
}

TEST(GroupCommitWriterTest, OneBadJobFailsAloneAndItsNeighboursCommit) {
  std::unique_ptr<store::Store> db = ProbeStore();
  store::GroupCommitWriter writer(*db);
  // Hold the first batch open so the rest queue up into one batch together.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> first_running;
  std::vector<std::future<Status>> done;
  done.push_back(writer.Submit([&, released](store::Tx& tx) -> Status {
    first_running.set_value();
    released.wait();
    return Exec(tx, "INSERT INTO writer_probe (n) VALUES (0)");
  }));
  first_running.get_future().wait();
  std::atomic<int> runs_of_good{0};
  for (int i = 1; i <= 20; ++i) {
    if (i == 7) {
      // Fails with an error of its own, after writing (the write must roll back).
      done.push_back(writer.Submit([](store::Tx& tx) -> Status {
        PEIXUN_RETURN_IF_ERROR(Exec(tx, "INSERT INTO writer_probe (n) VALUES (1007)"));
        return Invalid("probe.bad", "坏任务", "bad job");
      }));
    } else if (i == 13) {
      done.push_back(writer.Submit([](store::Tx&) -> Status { throw std::runtime_error("boom"); }));
    } else {
      done.push_back(writer.Submit([i, &runs_of_good](store::Tx& tx) -> Status {
        ++runs_of_good;
        return Exec(tx, "INSERT INTO writer_probe (n) VALUES (?)", {store::Int(i)});
      }));
    }
  }
  release.set_value();
  for (size_t i = 0; i < done.size(); ++i) {
    Status st = done[i].get();
    if (i == 7) {
      ASSERT_FALSE(st);
      EXPECT_EQ(st.error().code, "probe.bad");
    } else if (i == 13) {
      ASSERT_FALSE(st);
      EXPECT_EQ(st.error().code, "store.writer.exception");
      EXPECT_EQ(st.error().kind, ErrorKind::kInternal);
    } else {
      EXPECT_TRUE(st.ok()) << i << ": " << st.error().code;
    }
  }
  // 19 good jobs; the failed batch ran them once together and once alone each.
  EXPECT_GE(runs_of_good.load(), 18);
  auto all = CountProbe(*db);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, 19);  // 0 and the 18 good ones of 1..20; not 1007
  auto bad = CountProbe(*db, "n = 1007");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(*bad, 0);
}

TEST(GroupCommitWriterTest, MaxBatchBoundsTheTransaction) {
  std::unique_ptr<store::Store> db = ProbeStore();
  store::GroupCommitWriter writer(*db, {.max_batch = 4, .gather_micros = 1000});
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> first_running;
  std::vector<std::future<Status>> done;
  done.push_back(writer.Submit([&, released](store::Tx& tx) -> Status {
    first_running.set_value();
    released.wait();
    return Exec(tx, "INSERT INTO writer_probe (n) VALUES (0)");
  }));
  first_running.get_future().wait();
  for (int i = 1; i <= 12; ++i) done.push_back(writer.Submit(Insert(i)));
  release.set_value();
  for (auto& f : done) ASSERT_TRUE(f.get().ok());
  for (int i = 0; i < 500 && writer.jobs() < 13u; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(writer.jobs(), 13u);
  // The held job alone, then 12 queued jobs in batches of at most 4.
  EXPECT_EQ(writer.batches(), 4u);
  auto all = CountProbe(*db);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, 13);
}

TEST(GroupCommitWriterTest, RunWaitsForTheCommitAndGivesTheJobsError) {
  std::unique_ptr<store::Store> db = ProbeStore();
  store::GroupCommitWriter writer(*db);
  ASSERT_TRUE(writer.Run(Insert(5)).ok());
  auto n = CountProbe(*db, "n = 5");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  // The same value again violates UNIQUE: the store's error, nothing written twice.
  Status again = writer.Run(Insert(5));
  EXPECT_FALSE(again.ok());
  auto still = CountProbe(*db);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(*still, 1);
}

}  // namespace
}  // namespace peixun::test

namespace peixun::test {
namespace {

// Options::around_batch wraps every transaction the writer runs, a job run alone
// after its batch failed included: what it writes after the jobs commits with them
// (one marker row per committed transaction, holding how many jobs it ran), and an
// error of its own fails the batch like a job's.
TEST(GroupCommitWriterTest, AroundBatchWrapsEveryTransactionBatchOrAlone) {
  std::unique_ptr<store::Store> db = ProbeStore();
  store::GroupCommitWriter::Options options;
  std::atomic<int> wrapped{0};
  options.around_batch = [&wrapped](store::Tx& tx,
                                    const std::function<Status(store::Tx&)>& run_jobs) -> Status {
    ++wrapped;
    PEIXUN_RETURN_IF_ERROR(run_jobs(tx));
    // Marks each job row written in this transaction as wrapped (n + 5000).
    return Exec(tx,
                "INSERT INTO writer_probe (n) SELECT n + 5000 FROM writer_probe WHERE n > 0 AND "
                "n < 1000 AND n + 5000 NOT IN (SELECT n FROM writer_probe WHERE n >= 5000)");
  };
  store::GroupCommitWriter writer(*db, options);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> first_running;
  std::vector<std::future<Status>> done;
  done.push_back(writer.Submit([&, released](store::Tx& tx) -> Status {
    first_running.set_value();
    released.wait();
    return Exec(tx, "INSERT INTO writer_probe (n) VALUES (1)");
  }));
  first_running.get_future().wait();
  for (int i = 2; i <= 6; ++i) {
    done.push_back(writer.Submit([i](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(Exec(tx, "INSERT INTO writer_probe (n) VALUES (?)", {store::Int(i)}));
      if (i == 4) return Invalid("probe.bad", "坏任务", "bad job");
      return Ok();
    }));
  }
  release.set_value();
  for (size_t i = 0; i < done.size(); ++i) {
    Status st = done[i].get();
    EXPECT_EQ(st.ok(), i != 3) << i;
  }
  // Every committed job row has its marker, written by the wrapper in its transaction.
  auto jobs = CountProbe(*db, "n > 0 AND n < 1000");
  auto marks = CountProbe(*db, "n >= 5000");
  ASSERT_TRUE(jobs.ok());
  ASSERT_TRUE(marks.ok());
  EXPECT_EQ(*jobs, 5);  // 1, 2, 3, 5, 6
  EXPECT_EQ(*marks, 5);
  // The first batch, the failed batch of five, then each of the five alone.
  EXPECT_GE(wrapped.load(), 7);
}

}  // namespace
}  // namespace peixun::test
