#include "core/login_backoff.h"

#include <algorithm>

namespace peixun::core {

bool BackoffWindowOver(const BackoffRule& rule, const FailureWindow& window, int64_t now_ms) {
  return now_ms >= window.started_at + rule.window_ms;
}

int64_t BackoffWaitMs(const BackoffRule& rule, const FailureWindow& window, int64_t now_ms) {
  if (window.failures <= 0 || BackoffWindowOver(rule, window, now_ms)) return 0;
  const int64_t window_end = window.started_at + rule.window_ms;
  if (window.failures >= rule.lock_failures) return window_end - now_ms;
  if (window.failures <= rule.free_failures) return 0;
  int64_t delay = rule.first_delay_ms;
  for (int i = rule.free_failures + 1; i < window.failures && delay < rule.max_delay_ms; ++i) {
    delay *= 2;
  }
  delay = std::min(delay, rule.max_delay_ms);
  const int64_t until = std::min(window.last_failed_at + delay, window_end);
  return std::max<int64_t>(0, until - now_ms);
}

}  // namespace peixun::core
