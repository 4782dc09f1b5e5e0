#include "store/group_commit_writer.h"

#include <chrono>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

#include "store/key_lock.h"

namespace peixun::store {

namespace {

GroupCommitWriter::Options Sane(GroupCommitWriter::Options o) {
  if (o.max_batch < 1) o.max_batch = 1;
  if (o.writers < 1) o.writers = 1;
  return o;
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(Store& store, Options options)
    : store_(store), options_(Sane(options)) {
  for (int i = 0; i < options_.completion_threads; ++i) {
    completers_.emplace_back([this] { CompletionLoop(); });
  }
  for (int i = 0; i < options_.writers; ++i) {
    threads_.emplace_back([this, i] { Loop(i == 0); });
  }
}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  deep_cv_.notify_all();
  for (auto& t : threads_) t.join();
  // The writers delivered their last completions; the completers drain them.
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    done_stopping_ = true;
  }
  done_cv_.notify_all();
  for (auto& t : completers_) t.join();
}

void GroupCommitWriter::RunCompletions(Completions& completions) {
  for (auto& [done, st] : completions) done(std::move(st));
  std::lock_guard<std::mutex> lock(mu_);
  ++batches_;
  jobs_ += completions.size();
}

void GroupCommitWriter::Deliver(Completions completions) {
  if (completers_.empty()) return RunCompletions(completions);
  {
    std::lock_guard<std::mutex> lock(done_mu_);
    done_queue_.push_back(std::move(completions));
  }
  done_cv_.notify_one();
}

void GroupCommitWriter::CompletionLoop() {
  std::unique_lock<std::mutex> lock(done_mu_);
  for (;;) {
    done_cv_.wait(lock, [this] { return done_stopping_ || !done_queue_.empty(); });
    if (done_queue_.empty()) return;  // stopping and drained
    Completions batch = std::move(done_queue_.front());
    done_queue_.pop_front();
    lock.unlock();
    RunCompletions(batch);
    lock.lock();
  }
}

std::future<Status> GroupCommitWriter::Submit(Job job) {
  auto promise = std::make_shared<std::promise<Status>>();
  std::future<Status> f = promise->get_future();
  SubmitThen(std::move(job), [promise](Status st) { promise->set_value(std::move(st)); });
  return f;
}

void GroupCommitWriter::SubmitThen(Job job, Done done) {
  SubmitThen(std::move(job), std::move(done), std::string());
}

void GroupCommitWriter::SubmitThen(Job job, Done done, std::string lock_key) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(job), std::move(done), std::move(lock_key)});
      cv_.notify_one();
      if (options_.writers > 1 && queue_.size() > options_.deep_queue) deep_cv_.notify_one();
      return;
    }
  }
  done(Internal("store.writer.stopped", "the group-commit writer has stopped"));
}

size_t GroupCommitWriter::batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_;
}

size_t GroupCommitWriter::jobs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return jobs_;
}

void GroupCommitWriter::Loop(bool primary) {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (primary) {
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    } else {
      deep_cv_.wait(lock, [this] { return stopping_ || queue_.size() > options_.deep_queue; });
    }
    if (queue_.empty() && stopping_) return;
    if (queue_.empty()) continue;  // another writer took them
    // Gather: give concurrent callers a moment to join this batch.
    if (primary && queue_.size() < options_.max_batch && !stopping_) {
      cv_.wait_for(lock, std::chrono::microseconds(options_.gather_micros),
                   [this] { return stopping_ || queue_.size() >= options_.max_batch; });
    }
    std::deque<Pending> batch;
    while (!queue_.empty() && batch.size() < options_.max_batch) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    Deliver(RunBatch(batch));
    lock.lock();
  }
}

namespace {

Status RunGuarded(Store& store, std::vector<std::string> keys,
                  const std::function<Status(Tx&)>& fn) {
  try {
    return store.Transact([&](Tx& tx) -> Status {
      if (!keys.empty()) PEIXUN_RETURN_IF_ERROR(LockKeysIn(tx, keys));
      return fn(tx);
    });
  } catch (const std::exception& e) {
    return Internal("store.writer.exception", e.what());
  } catch (...) {
    return Internal("store.writer.exception", "unknown exception");
  }
}

}  // namespace

GroupCommitWriter::Completions GroupCommitWriter::RunBatch(std::deque<Pending>& batch) {
  Completions out;
  out.reserve(batch.size());
  std::vector<Status> results(batch.size());
  std::vector<std::string> keys;
  for (const auto& p : batch) {
    if (!p.lock_key.empty()) keys.push_back(p.lock_key);
  }
  auto wrapped = [this](const std::function<Status(Tx&)>& run_jobs) {
    return [this, &run_jobs](Tx& tx) -> Status {
      return options_.around_batch ? options_.around_batch(tx, run_jobs) : run_jobs(tx);
    };
  };
  const std::function<Status(Tx&)> run_all = [&](Tx& tx) -> Status {
    for (size_t i = 0; i < batch.size(); ++i) {
      results[i] = batch[i].job(tx);
      if (!results[i]) return results[i].error();
    }
    return Ok();
  };
  Status st = RunGuarded(store_, std::move(keys), wrapped(run_all));
  if (st) {
    for (auto& p : batch) out.emplace_back(std::move(p.done), Ok());
    return out;
  }
  if (batch.size() == 1) {
    out.emplace_back(std::move(batch.front().done), std::move(st));
    return out;
  }
  // The batch rolled back: run each job alone so only the bad one fails.
  for (auto& p : batch) {
    std::vector<std::string> own;
    if (!p.lock_key.empty()) own.push_back(p.lock_key);
    Status alone = RunGuarded(store_, std::move(own), wrapped(p.job));
    out.emplace_back(std::move(p.done), std::move(alone));
  }
  return out;
}

}  // namespace peixun::store
