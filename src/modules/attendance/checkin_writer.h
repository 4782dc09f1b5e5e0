// The group-commit writer (DESIGN.md "Storage": hot writes go through one writer
// that commits in groups, answering each request only after its commit).
//
// One writer thread per database takes queued write jobs and runs up to
// kMaxBatch of them in one transaction, so a burst of N check-ins costs about
// N / kMaxBatch commits (each an fsync on SQLite with synchronous=FULL) instead of
// N. A job's future is completed only after the transaction that ran it has
// committed, so a caller that answers 200 from it never answers for a write the
// database could lose.
//
// Failure isolation: when a batch's transaction fails (one job returned an error,
// or the commit failed), it is rolled back and each of its jobs runs again alone,
// so one bad job never fails its neighbours. A job therefore must be safe to run
// twice (it writes its output again; the rolled-back run left no trace).
//
// Thread-safety: Submit may be called from any thread. The destructor stops
// accepting, finishes the queued jobs and joins the thread; it must not run on
// the writer thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "core/result.h"
#include "store/store.h"

namespace peixun::attendance {

class CheckinWriter {
 public:
  // A job: runs inside the batch's transaction. Returning an error rolls the
  // batch back (see above); the error is what the job's future gets.
  using Job = std::function<Status(store::Tx&)>;

  // Tuning: a batch holds at most kMaxBatch jobs; after the first job arrives the
  // writer waits at most kGatherMicros for more before committing (a lone request
  // pays that much latency; a burst fills the batch sooner).
  static constexpr size_t kMaxBatch = 512;
  static constexpr int kGatherMicros = 1000;

  explicit CheckinWriter(store::Store& store);
  ~CheckinWriter();
  CheckinWriter(const CheckinWriter&) = delete;
  CheckinWriter& operator=(const CheckinWriter&) = delete;

  // Queues `job`; the future is ready once its transaction has committed (Ok) or
  // it failed (the error). After the destructor began: ready at once with
  // attendance.writer.stopped.
  std::future<Status> Submit(Job job);
  // The same, completing by callback: `done` runs on the writer thread after the
  // commit (or at once when stopped) and must be quick and must not block.
  using Done = std::function<void(Status)>;
  void SubmitThen(Job job, Done done);

  // Runs `job` through the queue and waits for its commit.
  Status Run(Job job) { return Submit(std::move(job)).get(); }

  // Counters for metrics and benchmarks: committed batches and jobs.
  size_t batches() const;
  size_t jobs() const;

 private:
  struct Pending {
    Job job;
    Done done;
  };
  void Loop();
  void RunBatch(std::deque<Pending>& batch);

  store::Store& store_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  size_t batches_ = 0;
  size_t jobs_ = 0;
  std::thread thread_;
};

}  // namespace peixun::attendance
