#include "api/deferred.h"

#include <utility>

namespace peixun::api {

void Deferred::Complete(Response response) {
  std::function<void()> ready;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (response_) return;
    response_ = std::move(response);
    ready = std::move(ready_);
  }
  cv_.notify_all();
  if (ready) ready();
}

void Deferred::OnReady(std::function<void()> ready) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!response_) {
      ready_ = std::move(ready);
      return;
    }
  }
  ready();
}

bool Deferred::ready() const {
  std::lock_guard<std::mutex> lock(mu_);
  return response_.has_value();
}

void Deferred::Wait() const {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return response_.has_value(); });
}

Response Deferred::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  Response out = response_ ? std::move(*response_) : Response{};
  return out;
}

Response Deferred::Later(std::shared_ptr<Deferred> deferred) {
  Response r;
  r.deferred = std::move(deferred);
  return r;
}

}  // namespace peixun::api
