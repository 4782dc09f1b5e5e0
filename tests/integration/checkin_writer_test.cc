// The group-commit writer check-ins go through (store/group_commit_writer.h, with
// the defaults CheckinService uses) on SQLite and PostgreSQL: jobs queued while a
// commit is under way go into one transaction, so a burst costs a handful of
// commits, not one per job. The writer's other guarantees:
// group_commit_writer_test.cc.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "store/group_commit_writer.h"
#include "test_db.h"

namespace peixun::test {
namespace {

TEST(CheckinWriterTest, AThousandJobsQueuedDuringACommitNeedAFewBatches) {
  std::unique_ptr<store::Store> db = OpenFreshTestStore();
  ASSERT_TRUE(db->Transact([](store::Tx& tx) -> Status {
                  PEIXUN_RETURN_IF_ERROR(tx.Exec("CREATE TABLE writer_probe (n BIGINT NOT NULL)"));
                  return Ok();
                }).ok());
  constexpr int kJobs = 1000;
  store::GroupCommitWriter writer(*db);
  ASSERT_EQ(writer.options().max_batch, 512u);
  // The first job holds its batch open until every other job is queued.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> first_running;
  std::vector<std::future<Status>> done;
  done.push_back(writer.Submit([&, released](store::Tx& tx) -> Status {
    first_running.set_value();
    released.wait();
    PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO writer_probe (n) VALUES (0)"));
    return Ok();
  }));
  first_running.get_future().wait();
  for (int i = 1; i < kJobs; ++i) {
    done.push_back(writer.Submit([i](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(tx.Exec("INSERT INTO writer_probe (n) VALUES (?)", {store::Int(i)}));
      return Ok();
    }));
  }
  release.set_value();
  for (auto& f : done) ASSERT_TRUE(f.get().ok());
  // The counters move just after a batch's futures are completed.
  for (int i = 0; i < 500 && writer.jobs() < static_cast<size_t>(kJobs); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(writer.jobs(), static_cast<size_t>(kJobs));
  // One batch for the first job, then the 999 queued ones in batches of at most
  // kMaxBatch (512): 3 commits; allow one more for a job caught by the first gather.
  EXPECT_LE(writer.batches(), 4u);
  EXPECT_GE(writer.batches(), 3u);
  auto rows = store::ReadValue<int64_t>(*db, [](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows r, tx.Query("SELECT COUNT(*) FROM writer_probe"));
    return r[0].Int(0);
  });
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, kJobs);
}

}  // namespace
}  // namespace peixun::test
