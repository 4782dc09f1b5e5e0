// Live check-in updates for the projector page (GET /sessions/{id}/live, server-sent
// events): the check-in service publishes each committed check-in; every
// subscriber of that session gets it as one SSE message ("event: checkin").
//
// In-process fan-out only: subscribers see the check-ins of this peixun instance.
// Several instances behind a load balancer would need PostgreSQL LISTEN/NOTIFY
// (DESIGN.md "Storage"), which is not built yet.
//
// Thread-safe. A subscription's queue is bounded (kMaxQueued messages; the oldest
// are dropped when a reader falls behind — each message carries the full counts,
// so the newest is enough).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace peixun::attendance {

class LiveFeed {
 public:
  static constexpr size_t kMaxQueued = 256;
  static constexpr auto kHeartbeat = std::chrono::seconds(15);

  class Subscription {
   public:
    // Never blocks: the SSE text of the messages queued since the last call, a
    // heartbeat comment when nothing was sent for kHeartbeat, else "".
    std::optional<std::string> Poll();

   private:
    friend class LiveFeed;
    std::mutex mu_;
    std::deque<std::string> queue_;
    std::chrono::steady_clock::time_point last_sent_ = std::chrono::steady_clock::now();
  };

  // The subscription lives as long as the caller holds it.
  std::shared_ptr<Subscription> Subscribe(int64_t session_id);
  // Queues `event: <event>\ndata: <data>\n\n` for every live subscriber of the session.
  void Publish(int64_t session_id, const std::string& event, const std::string& data);

 private:
  std::mutex mu_;
  std::multimap<int64_t, std::weak_ptr<Subscription>> subscribers_;
};

}  // namespace peixun::attendance
