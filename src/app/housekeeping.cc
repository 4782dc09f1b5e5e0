#include "app/housekeeping.h"

#include "core/actor.h"
#include "core/clock.h"
#include "modules/auth/login_log_retention.h"

namespace peixun::app {

void Housekeeping::RunOnce() {
  auto purged = auth::PurgeLoginLog(store_, Actor::System(), NowMillis());
  if (!log_) return;
  if (!purged) {
    log_("housekeeping: login log purge failed: " + purged.error().message_en);
  } else if (purged->deleted > 0) {
    log_("housekeeping: deleted " + std::to_string(purged->deleted) +
         " login log entries older than " + std::to_string(purged->days) + " days");
  }
}

void Housekeeping::Start() {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      lock.unlock();
      RunOnce();
      lock.lock();
      if (wake_.wait_for(lock, every_, [this] { return stopping_; })) break;
    }
  });
}

void Housekeeping::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace peixun::app
