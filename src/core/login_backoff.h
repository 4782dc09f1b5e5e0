// How long a login must wait after failed attempts (MLPS 2.0 level 3, 等保三级:
// 登录失败处理 — limit failed logins). One rule, applied to two keys with their own
// numbers (modules/auth/db_login_throttle.h): the account tried and the remote address.
//
// A key's failures are counted in a fixed window opened by its first failure. The
// first `free_failures` cost nothing; each further one makes the next attempt wait
// `first_delay_ms` after it, doubling per failure up to `max_delay_ms` (a slow-down);
// at `lock_failures` the key is locked until the window ends. When the window ends
// the count starts again.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

namespace peixun::core {

struct BackoffRule {
  int free_failures = 2;
  int lock_failures = 5;
  int64_t first_delay_ms = 1000;
  int64_t max_delay_ms = 60 * 1000;
  int64_t window_ms = 15 * 60 * 1000;
};

// One key's failures within its window.
struct FailureWindow {
  int64_t started_at = 0;      // the window's first failure
  int64_t last_failed_at = 0;  // the newest failure
  int failures = 0;
};

// Milliseconds until the key may try again at `now_ms`; 0 when it may now.
int64_t BackoffWaitMs(const BackoffRule& rule, const FailureWindow& window, int64_t now_ms);

// True when the window has ended at `now_ms` (the next failure starts a new one).
bool BackoffWindowOver(const BackoffRule& rule, const FailureWindow& window, int64_t now_ms);

}  // namespace peixun::core
