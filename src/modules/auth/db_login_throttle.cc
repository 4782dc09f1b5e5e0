#include "modules/auth/db_login_throttle.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace peixun::auth {
namespace {

using store::Int;
using store::Text;

constexpr char kAccount[] = "account";
constexpr char kAddress[] = "address";

// An address is stored as text; a request without one (the CLI, tests) is keyed "".
Result<core::FailureWindow> LoadIn(store::Tx& tx, std::string_view scope, std::string_view key) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT window_started_at, last_failed_at, failures FROM login_throttle "
               "WHERE scope = ? AND subject = ?",
               {Text(scope), Text(key)}));
  core::FailureWindow w;
  if (rows.empty()) return w;
  w.started_at = rows[0].Int(0);
  w.last_failed_at = rows[0].Int(1);
  w.failures = static_cast<int>(rows[0].Int(2));
  return w;
}

}  // namespace

DbLoginThrottle::DbLoginThrottle(store::Store& store, DbThrottleLimits limits,
                                 std::function<int64_t()> now_ms)
    : store_(store), limits_(limits), now_ms_(std::move(now_ms)) {}

Status DbLoginThrottle::Check(std::string_view account, std::string_view address) {
  return store_.Read([&](store::Tx& tx) { return CheckIn(tx, account, address); });
}

Status DbLoginThrottle::CheckIn(store::Tx& tx, std::string_view account, std::string_view address) {
  PEIXUN_ASSIGN_OR_RETURN(auto wait, WaitIn(tx, account, address));
  if (wait.first > 0) return ThrottledFor(wait.first, wait.second);
  return Ok();
}

Result<std::pair<int64_t, bool>> DbLoginThrottle::WaitIn(store::Tx& tx, std::string_view account,
                                                         std::string_view address) {
  const int64_t now = now_ms_();
  PEIXUN_ASSIGN_OR_RETURN(core::FailureWindow a, LoadIn(tx, kAccount, account));
  PEIXUN_ASSIGN_OR_RETURN(core::FailureWindow b, LoadIn(tx, kAddress, address));
  const int64_t account_wait = core::BackoffWaitMs(limits_.account, a, now);
  const int64_t address_wait = core::BackoffWaitMs(limits_.address, b, now);
  if (account_wait >= address_wait) return std::make_pair(account_wait, false);
  return std::make_pair(address_wait, true);
}

Result<int64_t> DbLoginThrottle::WaitSeconds(std::string_view account, std::string_view address) {
  return store::ReadValue<int64_t>(store_, [&](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(auto wait, WaitIn(tx, account, address));
    return (wait.first + 999) / 1000;
  });
}

Status DbLoginThrottle::RecordFailure(std::string_view account, std::string_view address) {
  return store_.Transact([&](store::Tx& tx) { return RecordFailureIn(tx, account, address); });
}

Status DbLoginThrottle::RecordFailureIn(store::Tx& tx, std::string_view account,
                                        std::string_view address) {
  const int64_t now = now_ms_();
  PEIXUN_RETURN_IF_ERROR(CountIn(tx, kAccount, account, limits_.account, now));
  PEIXUN_RETURN_IF_ERROR(CountIn(tx, kAddress, address, limits_.address, now));
  const int64_t longest = std::max(limits_.account.window_ms, limits_.address.window_ms);
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("DELETE FROM login_throttle WHERE window_started_at <= ?", {Int(now - longest)}));
  return Ok();
}

// One statement, so that concurrent failures on PostgreSQL each count: the
// conflicting row is locked and the SET sees its committed values.
Status DbLoginThrottle::CountIn(store::Tx& tx, std::string_view scope, std::string_view key,
                                const core::BackoffRule& rule, int64_t now) {
  const int64_t expired_before = now - rule.window_ms;
  PEIXUN_RETURN_IF_ERROR(tx.Exec(
      "INSERT INTO login_throttle (scope, subject, window_started_at, last_failed_at, failures) "
      "VALUES (?, ?, ?, ?, 1) ON CONFLICT (scope, subject) DO UPDATE SET "
      "failures = CASE WHEN login_throttle.window_started_at <= ? THEN 1 "
      "ELSE login_throttle.failures + 1 END, "
      "window_started_at = CASE WHEN login_throttle.window_started_at <= ? "
      "THEN excluded.window_started_at ELSE login_throttle.window_started_at END, "
      "last_failed_at = excluded.last_failed_at",
      {Text(scope), Text(key), Int(now), Int(now), Int(expired_before), Int(expired_before)}));
  return Ok();
}

Status DbLoginThrottle::RecordSuccess(std::string_view account) {
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM login_throttle WHERE scope = ? AND subject = ?",
                                   {Text(kAccount), Text(account)}));
    return Ok();
  });
}

Error ThrottledFor(int64_t wait_ms, bool address) {
  const int64_t seconds = std::max<int64_t>(1, (wait_ms + 999) / 1000);
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
  return address ? MakeError(ErrorKind::kRateLimited, "auth.throttled",
                             "来自您所在网络地址的登录失败次数过多，请 " + zh + "后再试",
                             "too many failed logins from your network address; try again in " + en)
                 : MakeError(ErrorKind::kRateLimited, "auth.throttled",
                             "该账号登录失败次数过多，请 " + zh + "后再试",
                             "too many failed logins for this account; try again in " + en);
}

}  // namespace peixun::auth
