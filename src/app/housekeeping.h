// The server's own periodic work inside `peixun serve`: today the login log
// purge (modules/auth/login_log_retention.h). Runs once at start, then every
// `every` on its own thread, as Actor::System(); each outcome that deleted
// something, and every failure, goes to `log`. Stop (or the destructor) ends it.
//
// Every instance on one PostgreSQL database runs it; the purge is one DELETE, so
// two instances purging at once delete each row once (the second finds none).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "store/store.h"

namespace peixun::app {

class Housekeeping {
 public:
  using Log = std::function<void(const std::string&)>;
  Housekeeping(store::Store& store, Log log, std::chrono::seconds every = std::chrono::hours(1))
      : store_(store), log_(std::move(log)), every_(every) {}
  ~Housekeeping() { Stop(); }
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  void Start();
  void Stop();
  // One round, on the caller's thread.
  void RunOnce();

 private:
  store::Store& store_;
  const Log log_;
  const std::chrono::seconds every_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace peixun::app
