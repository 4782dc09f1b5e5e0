// Live check-in updates for the projector page (GET /sessions/{id}/live, server-sent
// events): the check-in service publishes each committed check-in; every
// subscriber of that session gets it as one SSE message ("event: checkin").
//
// Across instances (DESIGN.md "Storage"): once Connect(store) has run, Publish also
// sends the message through the store's notifications (store/notify.h; PostgreSQL
// NOTIFY on kChannel) as JSON {"instance","seq","session_id","event","data"}, and the
// messages of OTHER instances sharing the database are delivered to this
// instance's subscribers; the instance's own come back too and are skipped (they
// were delivered locally at once). On SQLite notifications stay in-process, so this
// changes nothing there (one process owns the file). A message too large for a
// notification (store::kMaxNotifyPayload) stays local.
//
// Thread-safe. A subscription's queue is bounded (kMaxQueued messages; the oldest
// are dropped when a reader falls behind — each message carries the full counts,
// so the newest is enough). The bound is large enough that a reader polled every
// 200 ms (http/session.cc) keeps every message of a storm of 40,000 check-ins/s
// (bench/scaleout checks that the dashboard sees one event per recorded row);
// at most about 3 MB per subscriber.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace peixun::attendance {

class LiveFeed {
 public:
  static constexpr size_t kMaxQueued = 8192;
  static constexpr auto kHeartbeat = std::chrono::seconds(15);
  static constexpr char kChannel[] = "peixun_attendance_live";

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

  LiveFeed();
  ~LiveFeed();

  // Joins the feed of every instance on `store` (above). Call once, before
  // serving; `store` must outlive the feed. Errors: the store's Listen. On
  // SQLite, where one process owns the database, there is no other instance:
  // nothing is joined, and Publish stays local (no notification on the hot path
  // that would only come back to this process).
  Status Connect(store::Store& store);

  // The subscription lives as long as the caller holds it.
  std::shared_ptr<Subscription> Subscribe(int64_t session_id);
  // Queues `event: <event>\ndata: <data>\n\n` for every live subscriber of the
  // session, here and (after Connect) in the other instances.
  void Publish(int64_t session_id, const std::string& event, const std::string& data);

  // The two halves of Publish, for a writer that sends the notification inside the
  // transaction that records what it tells (CheckinService::SetNotice), so the
  // other instances hear of it exactly when it commits:
  // - NotificationFor: the payload to send on kChannel (numbered: each is distinct),
  //   or nullopt when not connected (SQLite) or too large (it then stays local);
  // - PublishHere: queues the message for this instance's subscribers only (after
  //   the commit; the notification comes back here and is skipped).
  std::optional<std::string> NotificationFor(int64_t session_id, const std::string& event,
                                             const std::string& data);
  void PublishHere(int64_t session_id, const std::string& event, const std::string& data) {
    PublishLocal(session_id, event, data);
  }

  // Called with each message that came from another instance, before it is
  // queued for the subscribers (the check-in service updates its tally). Set it
  // before Connect.
  using RemoteListener =
      std::function<void(int64_t session_id, const std::string& event, const std::string& data)>;
  void SetRemoteListener(RemoteListener listener) { remote_listener_ = std::move(listener); }

  // A random id of this feed, carried in its notifications.
  const std::string& instance_id() const { return instance_id_; }

 private:
  void PublishLocal(int64_t session_id, const std::string& event, const std::string& data);
  void OnNotification(const std::string& payload);

  const std::string instance_id_;
  // Numbers this feed's notifications. PostgreSQL delivers identical payloads sent
  // in one transaction once, and the notifier sends a batch in one statement: two
  // kiosk scans of one trainee in the same minute would otherwise reach the other
  // instances as one message.
  std::atomic<uint64_t> seq_{0};
  std::mutex mu_;
  std::multimap<int64_t, std::weak_ptr<Subscription>> subscribers_;
  RemoteListener remote_listener_;
  store::Store* store_ = nullptr;                   // set by Connect
  std::unique_ptr<store::Subscription> listening_;  // last: dropped first
};

}  // namespace peixun::attendance
