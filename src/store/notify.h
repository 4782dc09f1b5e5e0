// Publish/subscribe between the processes sharing one database (Store::Notify and
// Store::Listen, store/store.h), and the in-process fan-out both stores use.
//
// Delivery is best-effort and at most once, like PostgreSQL's NOTIFY: a payload
// reaches the listeners that were listening when it was sent; nothing is stored.
//  - SQLite: in-process only. One peixun process owns the database file, so
//    every listener lives in the sender's process; the callbacks run on the
//    sender's thread before Notify returns.
//  - PostgreSQL: NOTIFY (`pg_notify(channel, payload)`) reaches every process
//    listening on the database, the sender's own included. Notify queues and
//    returns; the store's notification thread sends within milliseconds and runs
//    the callbacks (one dedicated connection, reconnecting with backoff;
//    store/postgres/pg_notifier.h).
// Channels are short ASCII names ([a-z0-9_], at most 63 characters); payloads at
// most kMaxNotifyPayload bytes of UTF-8 text.
//
// Thread-safety: every call, from any thread. A callback must be quick (queue the
// payload and return); it may destroy its own subscription.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::store {

// PostgreSQL refuses payloads of 8000 bytes or more.
inline constexpr size_t kMaxNotifyPayload = 7999;

using NotifyCallback = std::function<void(const std::string& payload)>;

// Listening lasts while the caller holds this; destroying it stops the callback
// (once the destructor returns the callback is never called again).
class Subscription {
 public:
  virtual ~Subscription() = default;
};

// Ok when `channel` and `payload` are acceptable (see above); else 422
// "store.notify.channel" / "store.notify.payload".
Status CheckNotification(std::string_view channel, std::string_view payload);

// The in-process listeners of each channel. Deliver calls every callback of the
// channel on the caller's thread. A subscription may outlive its LocalChannels.
class LocalChannels {
 public:
  LocalChannels();
  std::unique_ptr<Subscription> Add(const std::string& channel, NotifyCallback callback);
  void Deliver(const std::string& channel, const std::string& payload);

 private:
  struct Entry {
    std::recursive_mutex mu;  // held while calling; a callback may drop its own subscription
    bool active = true;
    NotifyCallback callback;
  };
  struct State {
    std::mutex mu;
    std::multimap<std::string, std::shared_ptr<Entry>> entries;
  };
  class Handle;

  std::shared_ptr<State> state_;
};

}  // namespace peixun::store
