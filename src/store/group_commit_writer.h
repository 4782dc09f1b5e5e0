// A group-commit writer (DESIGN.md "Storage": hot writes go through one writer
// that commits in groups, answering each request only after its commit). It knows
// nothing of what it writes: a job is an opaque function run inside a transaction.
// Check-ins use it (modules/attendance/checkin_service.cc: the check-in row and its
// idempotency key are that module's); exam answers are meant to be next.
//
// Contract:
// - Batching. One writer thread per GroupCommitWriter takes queued jobs and runs up
//   to Options::max_batch of them, in queue order, in one transaction (Store::
//   Transact), so a burst of N jobs costs about N / max_batch commits (each an
//   fsync on SQLite with synchronous=FULL) instead of N. After the first job of a
//   batch arrives the writer waits at most Options::gather_micros for more (a lone
//   job pays that much latency; a burst fills the batch sooner).
// - Acknowledged after commit. A job's completion (the future, or `done`) is given
//   Ok only after the transaction that ran it has committed; so a caller that
//   answers from it never answers for a write the database could lose (a crash
//   before the commit loses the job and its answer together).
// - Failure isolation. When a batch's transaction fails (a job returned an error or
//   threw, or the commit failed) it is rolled back and each of its jobs runs again
//   alone in its own transaction, so one bad job never fails its neighbours. A job
//   must therefore be safe to run twice: the rolled-back run left no trace in the
//   database, but anything it did outside the transaction (filling an output
//   variable) it must redo from scratch. A job must not block on other jobs.
// - Parallel batches. With Options::writers > 1 the extra writer threads (each
//   with its own connection, PostgreSQL) take batches only while the queue is deep
//   (more than Options::deep_queue jobs waiting), so a burst commits several
//   batches at once; a trickle still goes through one writer. Batches may then
//   commit in any order: jobs that must not interleave name the same lock key.
// - Lock keys. A job may carry a key (store/key_lock.h); a batch takes the keys of
//   its jobs, sorted, in one statement before running them (a job run alone takes
//   its own), so two batches never run jobs with the same key at once and never
//   deadlock on them. On SQLite there is nothing to lock.
// - Completions off the writer. With Options::completion_threads > 0 the writer
//   only runs the jobs and commits: it hands each batch's completions, in one
//   push, to that many completion threads and takes the next batch at once, so the
//   serial part is the SQL alone. A batch's completions then run in queue order on
//   one completion thread, still only after its commit; two batches' completions
//   may run at the same time on different threads. With 0 (the default) they run
//   on the writer thread, as the batch commits.
// - Around a batch. Options::around_batch, when set, is called inside every batch's
//   transaction (a job run alone included) with a function that runs the jobs; it
//   runs them and may do more in the same transaction before the commit: set up
//   per-batch state the jobs fill (on the writer thread), then write what they
//   deferred in one statement instead of one per job. Its error rolls the batch
//   back like a job's (each job then runs alone, wrapped again).
// - Errors. A job's error is what its completion gets. An exception escaping a job
//   or the store becomes store.writer.exception (kInternal); a job submitted once
//   the destructor began completes at once with store.writer.stopped (kInternal).
//
// Thread-safety: Submit/SubmitThen/Run may be called from any thread but the
// writer's own (Run from inside a job would wait on itself). The destructor stops
// accepting, finishes the queued jobs and joins the thread; it must not run on the
// writer thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::store {

class GroupCommitWriter {
 public:
  // A job: runs inside the batch's transaction. Returning an error rolls the batch
  // back (see above); the error is what the job's completion gets.
  using Job = std::function<Status(Tx&)>;
  // A completion: runs after the commit on the writer thread or a completion
  // thread (see "Completions off the writer"), or at once on the caller's when
  // stopped; it must be quick and must not block or submit and wait.
  using Done = std::function<void(Status)>;
  // See "Around a batch".
  using AroundBatch = std::function<Status(Tx&, const std::function<Status(Tx&)>& run_jobs)>;

  struct Options {
    size_t max_batch = 512;      // jobs per transaction, at least 1
    int gather_micros = 1000;    // the wait for more jobs after a batch's first
    int writers = 1;             // writer threads, at least 1 (see "Parallel batches")
    size_t deep_queue = 64;      // queued jobs beyond which the extra writers help
    int completion_threads = 0;  // 0: completions on the writer thread
    AroundBatch around_batch;    // empty: the jobs alone
  };

  explicit GroupCommitWriter(Store& store) : GroupCommitWriter(store, Options{}) {}
  GroupCommitWriter(Store& store, Options options);
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Queues `job`; the future is ready once its transaction has committed (Ok) or
  // it failed (the error).
  std::future<Status> Submit(Job job);
  // The same, completing by callback `done`.
  void SubmitThen(Job job, Done done);
  // The same, holding lock `key` (see "Lock keys") while the job runs.
  void SubmitThen(Job job, Done done, std::string lock_key);
  // Runs `job` through the queue and waits for its commit.
  Status Run(Job job) { return Submit(std::move(job)).get(); }

  const Options& options() const { return options_; }
  // Counters for metrics and benchmarks: batches run (a failed batch counts once,
  // its jobs' solo reruns not at all) and jobs completed. They move just after a
  // batch's completions ran.
  size_t batches() const;
  size_t jobs() const;

 private:
  struct Pending {
    Job job;
    Done done;
    std::string lock_key;  // empty: none
  };
  // A batch's completions with their outcomes, handed to a completion thread.
  using Completions = std::vector<std::pair<Done, Status>>;
  void Loop(bool primary);
  void CompletionLoop();
  // Runs the batch; returns its completions with their outcomes (not yet called).
  Completions RunBatch(std::deque<Pending>& batch);
  // Runs them on the writer thread, or queues them for a completion thread.
  void Deliver(Completions completions);
  // Calls them, then moves the counters.
  void RunCompletions(Completions& completions);

  Store& store_;
  const Options options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;       // the primary writer waits here
  std::condition_variable deep_cv_;  // the extra writers wait here
  std::deque<Pending> queue_;
  bool stopping_ = false;
  size_t batches_ = 0;
  size_t jobs_ = 0;
  std::vector<std::thread> threads_;
  // Completion threads (Options::completion_threads), stopped after the writers.
  std::mutex done_mu_;
  std::condition_variable done_cv_;
  std::deque<Completions> done_queue_;
  bool done_stopping_ = false;
  std::vector<std::thread> completers_;
};

}  // namespace peixun::store
