#include "modules/attendance/live_feed.h"

namespace peixun::attendance {

std::optional<std::string> LiveFeed::Subscription::Poll() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  std::string out;
  while (!queue_.empty()) {
    out += queue_.front();
    queue_.pop_front();
  }
  if (out.empty() && now - last_sent_ >= kHeartbeat) out = ": ping\n\n";
  if (!out.empty()) last_sent_ = now;
  return out;
}

std::shared_ptr<LiveFeed::Subscription> LiveFeed::Subscribe(int64_t session_id) {
  auto sub = std::make_shared<Subscription>();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = subscribers_.begin(); it != subscribers_.end();) {
    it = it->second.expired() ? subscribers_.erase(it) : std::next(it);
  }
  subscribers_.emplace(session_id, sub);
  return sub;
}

void LiveFeed::Publish(int64_t session_id, const std::string& event, const std::string& data) {
  const std::string text = "event: " + event + "\ndata: " + data + "\n\n";
  std::lock_guard<std::mutex> lock(mu_);
  auto [begin, end] = subscribers_.equal_range(session_id);
  for (auto it = begin; it != end; ++it) {
    if (auto sub = it->second.lock()) {
      std::lock_guard<std::mutex> sub_lock(sub->mu_);
      sub->queue_.push_back(text);
      while (sub->queue_.size() > kMaxQueued) sub->queue_.pop_front();
    }
  }
}

}  // namespace peixun::attendance
