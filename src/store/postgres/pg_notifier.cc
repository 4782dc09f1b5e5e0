#include "store/postgres/pg_notifier.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "store/postgres/pg_connection.h"

namespace peixun::store::pg {
namespace {

using Clock = std::chrono::steady_clock;

// Runs a statement without parameters on the notification connection.
bool Exec(PGconn* conn, const std::string& sql) {
  PgResult result(PQexec(conn, sql.c_str()));
  return Succeeded(result.get());
}

}  // namespace

PgNotifier::PgNotifier(std::string url)
    : url_(std::move(url)), wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

PgNotifier::~PgNotifier() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  Wake();
  if (thread_.joinable()) thread_.join();
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

void PgNotifier::Wake() {
  if (wake_fd_ < 0) return;
  const uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

void PgNotifier::StartLocked() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

std::unique_ptr<Subscription> PgNotifier::Listen(const std::string& channel,
                                                 NotifyCallback callback) {
  std::unique_ptr<Subscription> sub = channels_.Add(channel, std::move(callback));
  std::unique_lock lock(mu_);
  wanted_.insert(channel);
  StartLocked();
  Wake();
  changed_.wait_for(lock, kListenWait, [&] { return stop_ || active_.count(channel) > 0; });
  return sub;
}

void PgNotifier::Send(std::string channel, std::string payload) {
  {
    std::lock_guard lock(mu_);
    outbox_.emplace_back(std::move(channel), std::move(payload));
    while (outbox_.size() > kMaxQueued) outbox_.pop_front();
    StartLocked();
  }
  Wake();
}

void PgNotifier::Run() {
  std::unique_ptr<PgConnection> conn;
  auto backoff = std::chrono::duration_cast<std::chrono::milliseconds>(kMinBackoff);
  auto last_heard = Clock::now();
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stop_) break;
    }
    if (!conn) {
      Result<std::unique_ptr<PgConnection>> made = PgConnection::Connect(url_);
      if (made && Exec((*made)->native(), "SET synchronous_commit = off") &&
          Exec((*made)->native(), std::string("SET application_name = ") + kApplicationName)) {
        conn = std::move(made).value();
        // A drop is expected and handled here; keep libpq from printing the
        // server's "terminating connection" to stderr.
        PQsetNoticeProcessor(
            conn->native(), [](void*, const char*) {}, nullptr);
        backoff = std::chrono::duration_cast<std::chrono::milliseconds>(kMinBackoff);
        last_heard = Clock::now();
      } else {
        std::unique_lock lock(mu_);
        changed_.wait_for(lock, backoff, [&] { return stop_; });
        backoff = std::min<std::chrono::milliseconds>(backoff * 2, kMaxBackoff);
        continue;
      }
    }
    if (!Step(*conn, last_heard)) {
      conn.reset();
      std::lock_guard lock(mu_);
      active_.clear();
    }
  }
}

bool PgNotifier::Step(PgConnection& conn, Clock::time_point& last_heard) {
  PGconn* raw = conn.native();
  std::vector<std::string> to_listen;
  {
    std::lock_guard lock(mu_);
    for (const auto& ch : wanted_) {
      if (!active_.count(ch)) to_listen.push_back(ch);
    }
  }
  for (const auto& ch : to_listen) {
    if (!Exec(raw, "LISTEN " + conn.QuoteIdentifier(ch))) return false;
    std::lock_guard lock(mu_);
    active_.insert(ch);
  }
  if (!to_listen.empty()) changed_.notify_all();
  if (!SendQueued(conn)) return false;
  DeliverPending(conn);  // some may have come with the results above

  pollfd fds[2] = {{PQsocket(raw), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  const int ready = ::poll(fds, 2, static_cast<int>(kPollTimeout.count()));
  if (ready > 0 && (fds[1].revents & POLLIN)) {
    uint64_t drained = 0;
    (void)!::read(wake_fd_, &drained, sizeof drained);
  }
  if (ready > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP))) {
    last_heard = Clock::now();
    if (PQconsumeInput(raw) == 0) return false;
    DeliverPending(conn);
  }
  if (PQstatus(raw) != CONNECTION_OK) return false;
  if (Clock::now() - last_heard >= kProbeInterval) {
    last_heard = Clock::now();
    if (!Exec(raw, "SELECT 1")) return false;
  }
  return true;
}

bool PgNotifier::SendQueued(PgConnection& conn) {
  while (true) {
    std::vector<std::pair<std::string, std::string>> batch;
    {
      std::lock_guard lock(mu_);
      const size_t n = std::min(outbox_.size(), kMaxPerStatement);
      for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(outbox_.front()));
        outbox_.pop_front();
      }
    }
    if (batch.empty()) return true;
    std::string sql = "SELECT ";
    std::vector<const char*> values;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (i) sql += ", ";
      sql += "pg_notify($" + std::to_string(2 * i + 1) + ", $" + std::to_string(2 * i + 2) + ")";
      values.push_back(batch[i].first.c_str());
      values.push_back(batch[i].second.c_str());
    }
    PgResult result(PQexecParams(conn.native(), sql.c_str(), static_cast<int>(values.size()),
                                 nullptr, values.data(), nullptr, nullptr, 0));
    if (!Succeeded(result.get())) {
      if (PQstatus(conn.native()) == CONNECTION_OK) continue;  // refused: drop this batch
      // Connection lost: put the batch back for after the reconnect.
      std::lock_guard lock(mu_);
      for (auto it = batch.rbegin(); it != batch.rend(); ++it) outbox_.push_front(std::move(*it));
      while (outbox_.size() > kMaxQueued) outbox_.pop_front();
      return false;
    }
  }
}

void PgNotifier::DeliverPending(PgConnection& conn) {
  for (PGnotify* n; (n = PQnotifies(conn.native())) != nullptr; PQfreemem(n)) {
    channels_.Deliver(n->relname, n->extra ? n->extra : "");
  }
}

}  // namespace peixun::store::pg
