#include "modules/attendance/checkin_writer.h"

#include <chrono>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

namespace peixun::attendance {

CheckinWriter::CheckinWriter(store::Store& store) : store_(store) {
  thread_ = std::thread([this] { Loop(); });
}

CheckinWriter::~CheckinWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::future<Status> CheckinWriter::Submit(Job job) {
  auto promise = std::make_shared<std::promise<Status>>();
  std::future<Status> f = promise->get_future();
  SubmitThen(std::move(job), [promise](Status st) { promise->set_value(std::move(st)); });
  return f;
}

void CheckinWriter::SubmitThen(Job job, Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(job), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Internal("attendance.writer.stopped", "the check-in writer has stopped"));
}

size_t CheckinWriter::batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_;
}

size_t CheckinWriter::jobs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return jobs_;
}

void CheckinWriter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() && stopping_) return;
    // Gather: give concurrent callers a moment to join this batch.
    if (queue_.size() < kMaxBatch && !stopping_) {
      cv_.wait_for(lock, std::chrono::microseconds(kGatherMicros),
                   [this] { return stopping_ || queue_.size() >= kMaxBatch; });
    }
    std::deque<Pending> batch;
    while (!queue_.empty() && batch.size() < kMaxBatch) {
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

Status RunGuarded(store::Store& store, const std::function<Status(store::Tx&)>& fn) {
  try {
    return store.Transact(fn);
  } catch (const std::exception& e) {
    return Internal("attendance.writer.exception", e.what());
  } catch (...) {
    return Internal("attendance.writer.exception", "unknown exception");
  }
}

}  // namespace

void CheckinWriter::RunBatch(std::deque<Pending>& batch) {
  std::vector<Status> results(batch.size());
  Status st = RunGuarded(store_, [&](store::Tx& tx) -> Status {
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

}  // namespace peixun::attendance
