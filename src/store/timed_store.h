// A Store that reports how long each transaction took (for /metrics), wrapping
// another Store. Thread-safe if the observer is.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "store/store.h"

namespace peixun::store {

class TimedStore : public Store {
 public:
  // observer(kind, seconds) with kind "transact" or "read".
  using Observer = std::function<void(const std::string& kind, double seconds)>;

  TimedStore(std::unique_ptr<Store> inner, Observer observer)
      : inner_(std::move(inner)), observer_(std::move(observer)) {}

  Dialect dialect() const override { return inner_->dialect(); }
  std::string DisplayUrl() const override { return inner_->DisplayUrl(); }
  Status Transact(const std::function<Status(Tx&)>& fn) override {
    return Timed("transact", [&] { return inner_->Transact(fn); });
  }
  Status Read(const std::function<Status(Tx&)>& fn) override {
    return Timed("read", [&] { return inner_->Read(fn); });
  }
  Status CheckIntegrity() override { return inner_->CheckIntegrity(); }
  Status Notify(const std::string& channel, const std::string& payload) override {
    return inner_->Notify(channel, payload);
  }
  Result<std::unique_ptr<Subscription>> Listen(const std::string& channel,
                                               NotifyCallback callback) override {
    return inner_->Listen(channel, std::move(callback));
  }

 private:
  template <typename Fn>
  Status Timed(const char* kind, Fn&& fn) {
    const auto start = std::chrono::steady_clock::now();
    Status st = fn();
    observer_(kind,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return st;
  }

  std::unique_ptr<Store> inner_;
  Observer observer_;
};

}  // namespace peixun::store
