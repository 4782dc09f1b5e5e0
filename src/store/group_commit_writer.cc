#include "store/group_commit_writer.h"

#include <chrono>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

namespace peixun::store {

GroupCommitWriter::GroupCommitWriter(Store& store, Options options)
    : store_(store), options_(options.max_batch < 1 ? Options{1, options.gather_micros} : options) {
  thread_ = std::thread([this] { Loop(); });
}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::future<Status> GroupCommitWriter::Submit(Job job) {
  auto promise = std::make_shared<std::promise<Status>>();
  std::future<Status> f = promise->get_future();
  SubmitThen(std::move(job), [promise](Status st) { promise->set_value(std::move(st)); });
  return f;
}

void GroupCommitWriter::SubmitThen(Job job, Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(job), std::move(done)});
      cv_.notify_one();
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

void GroupCommitWriter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() && stopping_) return;
    // Gather: give concurrent callers a moment to join this batch.
    if (queue_.size() < options_.max_batch && !stopping_) {
      cv_.wait_for(lock, std::chrono::microseconds(options_.gather_micros),
                   [this] { return stopping_ || queue_.size() >= options_.max_batch; });
    }
    std::deque<Pending> batch;
    while (!queue_.empty() && batch.size() < options_.max_batch) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    ++batches_;
    jobs_ += batch.size();
  }
}

namespace {

Status RunGuarded(Store& store, const std::function<Status(Tx&)>& fn) {
  try {
    return store.Transact(fn);
  } catch (const std::exception& e) {
    return Internal("store.writer.exception", e.what());
  } catch (...) {
    return Internal("store.writer.exception", "unknown exception");
  }
}

}  // namespace

void GroupCommitWriter::RunBatch(std::deque<Pending>& batch) {
  std::vector<Status> results(batch.size());
  Status st = RunGuarded(store_, [&](Tx& tx) -> Status {
    for (size_t i = 0; i < batch.size(); ++i) {
      results[i] = batch[i].job(tx);
      if (!results[i]) return results[i].error();
    }
    return Ok();
  });
  if (st) {
    for (auto& p : batch) p.done(Ok());
    return;
  }
  if (batch.size() == 1) {
    batch.front().done(std::move(st));
    return;
  }
  // The batch rolled back: run each job alone so only the bad one fails.
  for (auto& p : batch) {
    p.done(RunGuarded(store_, p.job));
  }
}

}  // namespace peixun::store
