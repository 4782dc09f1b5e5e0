// A response completed later by another thread: the check-in routes hand their
// write to the group-commit writer and return at once, and the writer completes
// the response after its commit. The worker thread that ran the handler is free
// meanwhile, so a burst of a thousand check-ins waits on a few commits instead of
// queueing behind a handful of worker threads (src/http awaits it without
// blocking; Dispatcher::Handle waits for it for in-process callers).
//
// Thread-safe. Complete is called once (later calls are ignored); OnReady's
// callback runs once, on the completing thread or at once when already complete,
// and must not block.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "api/response.h"

namespace peixun::api {

class Deferred {
 public:
  void Complete(Response response);
  void OnReady(std::function<void()> ready);
  bool ready() const;
  // Blocks until complete.
  void Wait() const;
  // The response (once ready); moves it out.
  Response Take();

  // A placeholder response carrying `deferred`.
  static Response Later(std::shared_ptr<Deferred> deferred);

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::optional<Response> response_;
  std::function<void()> ready_;
};

}  // namespace peixun::api
