// DbLoginThrottle: caps password (and second-factor code) guessing, per account and
// per remote address, with the counts in the database (table login_throttle), so
// that every `peixun serve` instance sharing a PostgreSQL sees the same counts.
//
// Two keys per attempt, each with its own core::BackoffRule (core/login_backoff.h):
//  - the account (the normalized username typed, whether or not such a user
//    exists): slowed down after 2 failures, locked for the rest of its 15-minute
//    window at 5. A success clears it.
//  - the remote address: generous, because a training hall puts 150 phones behind
//    one NAT address: 50 failures in 15 minutes cost nothing, then attempts from it
//    back off (1 s doubling, at most 10 s after the newest failure), and only 300
//    lock it. A few trainees' typos never lock the hall out. A success does not
//    clear it (one address guessing at many accounts stays capped).
// A refused attempt is 429 auth.throttled with the wait in the message; the login
// route sends WaitSeconds as Retry-After. Refused attempts are not counted.
//
// It replaces the in-memory LoginThrottle (login_throttle.h) for AuthService and
// the login routes; that class is no longer used by the module.
//
// Rows whose window ended are deleted as failures come in. Stateless apart from
// its limits: construct one where needed. Thread-safe: the state
// is the database's; on PostgreSQL a failure is one atomic upsert.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.h"
#include "core/login_backoff.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

struct DbThrottleLimits {
  core::BackoffRule account = {2, 5, 1000, 60 * 1000, 15 * 60 * 1000};
  core::BackoffRule address = {50, 300, 1000, 10 * 1000, 15 * 60 * 1000};
};

class DbLoginThrottle {
 public:
  DbLoginThrottle(store::Store& store, DbThrottleLimits limits = {},
                  std::function<int64_t()> now_ms = NowMillis);

  // Ok when an attempt for `account` from `address` may go ahead now; otherwise a
  // kRateLimited error "auth.throttled" saying how long to wait.
  Status Check(std::string_view account, std::string_view address);
  Status CheckIn(store::Tx& tx, std::string_view account, std::string_view address);
  // Counts a failed attempt against both keys.
  Status RecordFailure(std::string_view account, std::string_view address);
  Status RecordFailureIn(store::Tx& tx, std::string_view account, std::string_view address);
  // Forgets the account's failures.
  Status RecordSuccess(std::string_view account);
  // Whole seconds until an attempt for `account` from `address` may go ahead
  // (the longer of the two waits); 0 when it may now.
  Result<int64_t> WaitSeconds(std::string_view account, std::string_view address);

  const DbThrottleLimits& limits() const { return limits_; }

 private:
  // Milliseconds to wait, and whether the address (not the account) is the cause.
  Result<std::pair<int64_t, bool>> WaitIn(store::Tx& tx, std::string_view account,
                                          std::string_view address);
  Status CountIn(store::Tx& tx, std::string_view scope, std::string_view key,
                 const core::BackoffRule& rule, int64_t now);

  store::Store& store_;
  const DbThrottleLimits limits_;
  const std::function<int64_t()> now_ms_;
};

// The error Check returns for a wait of `wait_ms`; `address` says the remote
// address (not the account) is the one waiting.
Error ThrottledFor(int64_t wait_ms, bool address);

}  // namespace peixun::auth
