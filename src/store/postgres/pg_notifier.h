// Notifications for the PostgreSQL Store (store/notify.h) over one dedicated
// connection (not from the pool) and one thread that owns it:
//  - LISTEN: the thread waits on the connection's socket (poll with a timeout, and
//    an eventfd to wake it), reads notifications (PQconsumeInput, PQnotifies) and
//    hands each payload to the in-process listeners of its channel;
//  - NOTIFY: Send queues the payload and wakes the thread, which sends everything
//    queued in one statement (`SELECT pg_notify($1, $2), pg_notify($3, $4), …`).
//    The connection runs with synchronous_commit off: a NOTIFY commits a
//    transaction, and a notification is not worth a WAL flush on the check-in path.
//
// When the connection drops (server restart, network), the thread reconnects with
// backoff (kMinBackoff doubling to kMaxBackoff) and LISTENs again on every channel.
// Notifications sent by others while it was down are lost (NOTIFY stores nothing);
// its own queue waits (at most kMaxQueued, the oldest dropped) and goes out after
// the reconnect. A quiet connection is probed every kProbeInterval so that a dead
// one is noticed.
//
// The thread and the connection start with the first Listen or Send, so processes
// that never use notifications (CLI verbs) open nothing. Channels, once listened,
// stay listened on the connection (there are a handful); callbacks stop when their
// subscription goes.
//
// Thread-safety: Listen and Send from any thread. The destructor stops and joins
// the thread (unsent notifications are dropped); it must not run on the thread
// itself (from a callback).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "store/notify.h"

namespace peixun::store::pg {

class PgConnection;

class PgNotifier {
 public:
  static constexpr auto kMinBackoff = std::chrono::milliseconds(100);
  static constexpr auto kMaxBackoff = std::chrono::seconds(5);
  static constexpr auto kPollTimeout = std::chrono::milliseconds(500);
  static constexpr auto kProbeInterval = std::chrono::seconds(30);
  // How long Listen waits for its LISTEN to be active before returning anyway.
  static constexpr auto kListenWait = std::chrono::seconds(5);
  static constexpr size_t kMaxQueued = 10000;
  static constexpr size_t kMaxPerStatement = 100;
  // The connection's application_name (pg_stat_activity), quoted for SET.
  static constexpr char kApplicationName[] = "'peixun-notify'";

  explicit PgNotifier(std::string url);
  ~PgNotifier();
  PgNotifier(const PgNotifier&) = delete;
  PgNotifier& operator=(const PgNotifier&) = delete;

  // `channel` must pass CheckNotification. Returns once the LISTEN is active, or
  // after kListenWait when the server cannot be reached (listening once it can).
  std::unique_ptr<Subscription> Listen(const std::string& channel, NotifyCallback callback);
  // Queues a notification (checked by CheckNotification); sent within milliseconds.
  void Send(std::string channel, std::string payload);

 private:
  void StartLocked();  // mu_ held
  void Wake();
  void Run();
  // One pass on a live connection: LISTEN, send, wait, read. False when the
  // connection must be dropped.
  bool Step(PgConnection& conn, std::chrono::steady_clock::time_point& last_heard);
  bool SendQueued(PgConnection& conn);
  void DeliverPending(PgConnection& conn);

  const std::string url_;
  LocalChannels channels_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::set<std::string> wanted_;  // channels to LISTEN; guarded by mu_
  std::set<std::string> active_;  // LISTENed on the current connection; guarded by mu_
  std::deque<std::pair<std::string, std::string>> outbox_;  // guarded by mu_
  bool stop_ = false;                                       // guarded by mu_
  int wake_fd_ = -1;                                        // eventfd
  std::thread thread_;                                      // started by the first Listen or Send
};

}  // namespace peixun::store::pg
