#include "modules/auth/login_throttle.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace peixun::auth {

LoginThrottle::LoginThrottle(ThrottleLimits limits) : limits_(limits) {}

Status LoginThrottle::Check(std::string_view account, std::string_view address, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t wait = std::max(WaitMs(accounts_, account, limits_.max_account_failures, now_ms),
                                WaitMs(addresses_, address, limits_.max_address_failures, now_ms));
  if (wait > 0) return ThrottledError(wait);
  return Ok();
}

void LoginThrottle::RecordFailure(std::string_view account, std::string_view address,
                                  int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  Count(accounts_, account, now_ms);
  Count(addresses_, address, now_ms);
}

void LoginThrottle::RecordSuccess(std::string_view account) {
  std::lock_guard<std::mutex> lock(mu_);
  accounts_.erase(std::string(account));
}

size_t LoginThrottle::AccountEntries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return accounts_.size();
}

size_t LoginThrottle::AddressEntries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return addresses_.size();
}

int64_t LoginThrottle::WaitMs(const Table& table, std::string_view key, int limit,
                              int64_t now_ms) const {
  auto it = table.find(std::string(key));
  if (it == table.end()) return 0;
  const int64_t ends = it->second.started_at + limits_.window_ms;
  if (now_ms >= ends || it->second.failures < limit) return 0;
  return ends - now_ms;
}

void LoginThrottle::Count(Table& table, std::string_view key, int64_t now_ms) {
  auto it = table.find(std::string(key));
  if (it == table.end()) {
    MakeRoom(table, now_ms);
    table.emplace(std::string(key), Window{now_ms, 1});
    return;
  }
  Window& w = it->second;
  if (now_ms >= w.started_at + limits_.window_ms) {
    w = Window{now_ms, 1};
  } else {
    ++w.failures;
  }
}

void LoginThrottle::MakeRoom(Table& table, int64_t now_ms) {
  if (table.size() < limits_.max_entries) return;
  std::erase_if(table, [&](const auto& entry) {
    return now_ms >= entry.second.started_at + limits_.window_ms;
  });
  // Still full of live windows (many keys within one window): drop the oldest
  // quarter at once, so a flood of new keys costs one scan per max_entries/4.
  if (table.size() < limits_.max_entries) return;
  std::vector<std::pair<int64_t, std::string>> by_age;
  by_age.reserve(table.size());
  for (const auto& [key, w] : table) by_age.emplace_back(w.started_at, key);
  const size_t drop = std::max<size_t>(1, table.size() / 4);
  std::nth_element(by_age.begin(), by_age.begin() + static_cast<ptrdiff_t>(drop - 1), by_age.end());
  for (size_t i = 0; i < drop; ++i) table.erase(by_age[i].second);
}

Error ThrottledError(int64_t wait_ms) {
  const int64_t seconds = (wait_ms + 999) / 1000;
  std::string zh;
  std::string en;
  if (seconds < 60) {
    zh = std::to_string(seconds) + " 秒";
    en = std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
  } else {
    const int64_t minutes = (seconds + 59) / 60;
    zh = std::to_string(minutes) + " 分钟";
    en = std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
  }
  return MakeError(ErrorKind::kRateLimited, "auth.throttled",
                   "登录失败次数过多，请 " + zh + "后再试",
                   "too many failed logins; try again in " + en);
}

}  // namespace peixun::auth
