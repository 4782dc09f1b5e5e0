#include "modules/attendance/live_feed.h"

#include <random>

#include <nlohmann/json.hpp>

namespace peixun::attendance {
namespace {

std::string RandomId() {
  std::random_device rd;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) out += kHex[rd() % 16];
  return out;
}

}  // namespace

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

LiveFeed::LiveFeed() : instance_id_(RandomId()) {}

LiveFeed::~LiveFeed() { listening_.reset(); }

Status LiveFeed::Connect(store::Store& store) {
  if (store.dialect() == store::Dialect::kSqlite) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(listening_, store.Listen(kChannel, [this](const std::string& payload) {
    OnNotification(payload);
  }));
  std::lock_guard<std::mutex> lock(mu_);
  store_ = &store;
  return Ok();
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
  PublishLocal(session_id, event, data);
  store::Store* store = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    store = store_;
  }
  if (store == nullptr) return;
  std::optional<std::string> payload = NotificationFor(session_id, event, data);
  if (!payload) return;
  // Best effort, like the local queue: a failed NOTIFY costs other instances one
  // message; the next carries the full counts again.
  (void)store->Notify(kChannel, *payload);
}

std::optional<std::string> LiveFeed::NotificationFor(int64_t session_id, const std::string& event,
                                                     const std::string& data) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (store_ == nullptr) return std::nullopt;
  }
  std::string payload = nlohmann::json{
      {"instance", instance_id_},
      {"seq", seq_.fetch_add(1, std::memory_order_relaxed)},
      {"session_id", session_id},
      {"event", event},
      {"data", data}}.dump();
  if (payload.size() > store::kMaxNotifyPayload) return std::nullopt;
  return payload;
}

void LiveFeed::OnNotification(const std::string& payload) {
  nlohmann::json j = nlohmann::json::parse(payload, nullptr, false);
  if (!j.is_object() || !j.contains("instance") || !j["instance"].is_string() ||
      !j.contains("session_id") || !j["session_id"].is_number_integer() || !j.contains("event") ||
      !j["event"].is_string() || !j.contains("data") || !j["data"].is_string()) {
    return;
  }
  if (j["instance"].get<std::string>() == instance_id_) return;
  const std::string event = j["event"].get<std::string>();
  const std::string data = j["data"].get<std::string>();
  // One SSE field each: a line break would forge further fields.
  if (event.find_first_of("\r\n") != std::string::npos ||
      data.find_first_of("\r\n") != std::string::npos) {
    return;
  }
  const int64_t session_id = j["session_id"].get<int64_t>();
  if (remote_listener_) remote_listener_(session_id, event, data);
  PublishLocal(session_id, event, data);
}

void LiveFeed::PublishLocal(int64_t session_id, const std::string& event, const std::string& data) {
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
