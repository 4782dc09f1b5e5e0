#ifndef PEIXUN_MODULE_ATTENDANCE_INTERNALS
#error "modules/attendance/internal is private to the attendance module"
#endif
// What every check-in of a session reads and what rarely changes, kept in memory so
// a burst of scans reads no rows per request (issue #15): the session's context
// (session, class, rules, secret), its roster (the approved trainees it expects,
// with their names), the class's counting leaves and venue, and a staff user's
// kManage on the class.
//
// Freshness, as the credential cache (modules/auth/internal/credential_cache.h): an
// entry is used only while store::WriteEpoch() is still the epoch read BEFORE the
// transaction that read its rows began, so any write committed in this process since
// (an enrollment or group change, a leave decision, a session or class edit, an
// erasure, a venue change) makes the very next check-in read again; and for at most
// kFreshMs (plus the time one re-read takes), for changes made by another instance
// or process. Only what allows a
// check-in is cached (a trainee missing from the roster is looked up in the
// database). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "modules/attendance/leave_service.h"
#include "modules/attendance/session_context.h"
#include "modules/attendance/venue_service.h"
#include "store/write_epoch.h"

namespace peixun::attendance {

template <typename K, typename V>
class FreshMap {
 public:
  static constexpr int64_t kFreshMs = 1000;
  static constexpr size_t kMaxEntries = 512;  // sessions or classes; beyond: start afresh

  // The entry, or nullptr when it must be read. Past kFreshMs with no write since, ONE
  // caller that can read (`can_load`) gets nullptr and reads it again; meanwhile the
  // others keep using the entry (a burst does not read a roster once per thread). A
  // write committed since the entry was read: nullptr for everyone.
  std::shared_ptr<const V> Find(const K& key, bool can_load) {
    const uint64_t epoch = store::WriteEpoch();
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    Entry& e = it->second;
    if (e.epoch != epoch) {
      if (!e.loading) entries_.erase(it);
      return nullptr;
    }
    if (now - e.loaded < std::chrono::milliseconds(kFreshMs) || e.loading) return e.value;
    if (can_load) e.loading = true;
    return nullptr;
  }
  // `epoch`: store::WriteEpoch() read before the transaction that read `value`.
  void Put(const K& key, std::shared_ptr<const V> value, uint64_t epoch) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= kMaxEntries && !entries_.count(key)) entries_.clear();
    entries_[key] = Entry{std::move(value), epoch, now, false};
  }
  // The read that Find asked for failed.
  void Abandon(const K& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end()) it->second.loading = false;
  }

 private:
  struct Entry {
    std::shared_ptr<const V> value;
    uint64_t epoch = 0;
    std::chrono::steady_clock::time_point loaded;
    bool loading = false;  // one caller is reading it again (time expiry only)
  };
  std::mutex mu_;
  std::map<K, Entry> entries_;
};

// The approved trainees a session expects, by person, with their names.
using Roster = std::unordered_map<int64_t, std::string>;

struct CheckinFacts {
  FreshMap<int64_t, SessionContext> contexts;                    // by session (with the secret)
  FreshMap<int64_t, Roster> rosters;                             // by session
  FreshMap<int64_t, std::vector<LeaveRequest>> leaves;           // by class: counting leaves
  FreshMap<int64_t, Venue> venues;                               // by class
  FreshMap<std::tuple<int64_t, int, int64_t>, bool> can_manage;  // (user, role, class)
};

}  // namespace peixun::attendance
