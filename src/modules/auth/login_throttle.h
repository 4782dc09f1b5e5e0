// LoginThrottle: caps password guessing, per account and per remote address.
//
// Each key (the normalized username typed, whether or not such a user exists,
// and the remote address) has a fixed window: the first failure opens it, and
// once `max_*_failures` failures fall inside it, further attempts are refused
// (429 auth.throttled, with the wait in the message) until the window ends. A
// successful login resets the account's counter (not the address's: one
// address guessing at many accounts stays capped).
//
// In memory, per process: with several `peixun serve` instances behind a load
// balancer, each keeps its own counts, so the effective cap is the per-instance
// limit times the number of instances. That still turns guessing into a trickle;
// a shared counter would need a database write per failed attempt.
//
// Memory is bounded: at most `max_entries` keys per kind. When full, expired
// windows are dropped first, then the oldest windows.
//
// Thread-safe: every call takes one internal mutex.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace peixun::auth {

struct ThrottleLimits {
  int max_account_failures = 5;        // per username
  int max_address_failures = 20;       // per remote address (a shared NAT has many users)
  int64_t window_ms = 15 * 60 * 1000;  // 15 minutes
  size_t max_entries = 10000;          // per kind (accounts, addresses)
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {});

  // Ok when an attempt for `account` from `address` may go ahead at `now_ms`;
  // otherwise a kRateLimited error "auth.throttled" saying how long to wait.
  Status Check(std::string_view account, std::string_view address, int64_t now_ms);
  // Counts a failed attempt against both keys.
  void RecordFailure(std::string_view account, std::string_view address, int64_t now_ms);
  // Forgets the account's failures.
  void RecordSuccess(std::string_view account);

  // Keys held, for tests of the memory bound.
  size_t AccountEntries() const;
  size_t AddressEntries() const;

 private:
  struct Window {
    int64_t started_at = 0;
    int failures = 0;
  };
  using Table = std::unordered_map<std::string, Window>;

  // Milliseconds until `key` may try again; 0 when it may now.
  int64_t WaitMs(const Table& table, std::string_view key, int limit, int64_t now_ms) const;
  void Count(Table& table, std::string_view key, int64_t now_ms);
  void MakeRoom(Table& table, int64_t now_ms);

  const ThrottleLimits limits_;
  mutable std::mutex mu_;
  Table accounts_;
  Table addresses_;
};

// The error Check returns, for a wait of `wait_ms`.
Error ThrottledError(int64_t wait_ms);

}  // namespace peixun::auth
