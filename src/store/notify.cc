#include "store/notify.h"

#include <vector>

namespace peixun::store {

class LocalChannels::Handle final : public Subscription {
 public:
  Handle(std::weak_ptr<State> state, std::string channel, std::shared_ptr<Entry> entry)
      : state_(std::move(state)), channel_(std::move(channel)), entry_(std::move(entry)) {}
  ~Handle() override {
    if (auto state = state_.lock()) {
      std::lock_guard lock(state->mu);
      auto [begin, end] = state->entries.equal_range(channel_);
      for (auto it = begin; it != end; ++it) {
        if (it->second == entry_) {
          state->entries.erase(it);
          break;
        }
      }
    }
    // Waits for a call in progress on another thread; a call on this thread (the
    // callback dropping its own subscription) re-enters the recursive mutex.
    std::lock_guard call(entry_->mu);
    entry_->active = false;
  }

 private:
  std::weak_ptr<State> state_;
  std::string channel_;
  std::shared_ptr<Entry> entry_;
};

Status CheckNotification(std::string_view channel, std::string_view payload) {
  bool ok = !channel.empty() && channel.size() <= 63;
  for (char c : channel) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (!ok) {
    return Invalid("store.notify.channel", "通知频道名无效", "invalid notification channel name",
                   "channel");
  }
  if (payload.size() > kMaxNotifyPayload || payload.find('\0') != std::string_view::npos) {
    return Invalid("store.notify.payload", "通知内容过长或含 NUL 字符",
                   "notification payload too long or contains NUL", "payload");
  }
  return Ok();
}

LocalChannels::LocalChannels() : state_(std::make_shared<State>()) {}

std::unique_ptr<Subscription> LocalChannels::Add(const std::string& channel,
                                                 NotifyCallback callback) {
  auto entry = std::make_shared<Entry>();
  entry->callback = std::move(callback);
  std::lock_guard lock(state_->mu);
  state_->entries.emplace(channel, entry);
  return std::make_unique<Handle>(state_, channel, entry);
}

void LocalChannels::Deliver(const std::string& channel, const std::string& payload) {
  std::vector<std::shared_ptr<Entry>> targets;
  {
    std::lock_guard lock(state_->mu);
    auto [begin, end] = state_->entries.equal_range(channel);
    for (auto it = begin; it != end; ++it) targets.push_back(it->second);
  }
  for (const auto& entry : targets) {
    std::lock_guard call(entry->mu);
    if (entry->active) entry->callback(payload);
  }
}

}  // namespace peixun::store
