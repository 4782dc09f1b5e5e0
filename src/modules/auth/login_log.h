// The login log (登录日志, as RuoYi's): one row per login attempt — the username
// typed, the user when known, when, from which address and user agent, and how
// it ended. MLPS 2.0 level 3 (等保三级) asks for it under 安全审计. Never holds
// a password or a code: only the outcome.
//
// Written by AuthService (auth_service.h) at every step of a login; read by
// administrators (ListLoginLog checks the principal). Thread-safe (the Store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

enum class LoginOutcome {
  kSuccess,               // a session started
  kBadCredentials,        // wrong password or unknown user
  kThrottled,             // refused before checking: too many failures (db_login_throttle.h)
  kInactive,              // the right password of a deactivated user
  kSecondFactorRequired,  // the password was right; a TOTP code is owed next
  kSecondFactorFailed,    // a wrong or replayed TOTP / recovery code
  kPasswordExpired,       // the right password, too old: to be renewed first
};
inline constexpr LoginOutcome kAllLoginOutcomes[] = {LoginOutcome::kSuccess,
                                                     LoginOutcome::kBadCredentials,
                                                     LoginOutcome::kThrottled,
                                                     LoginOutcome::kInactive,
                                                     LoginOutcome::kSecondFactorRequired,
                                                     LoginOutcome::kSecondFactorFailed,
                                                     LoginOutcome::kPasswordExpired};
// "success", "bad_credentials", "throttled", "inactive", "second_factor_required",
// "second_factor_failed", "password_expired".
std::string_view LoginOutcomeCode(LoginOutcome outcome);
std::optional<LoginOutcome> ParseLoginOutcome(std::string_view code);

struct LoginAttempt {
  std::string username;  // as typed, normalized
  std::optional<int64_t> user_id;
  std::string remote_address;
  std::string user_agent;
  LoginOutcome outcome = LoginOutcome::kBadCredentials;
};

// Appends one row at `at_ms` (long usernames and user agents are cut).
Status RecordLoginIn(store::Tx& tx, const LoginAttempt& attempt, int64_t at_ms);
Status RecordLogin(store::Store& store, const LoginAttempt& attempt, int64_t at_ms);

struct LoginLogEntry {
  int64_t id = 0;
  int64_t at = 0;
  std::string username;
  std::optional<int64_t> user_id;
  std::string remote_address;
  std::string user_agent;
  LoginOutcome outcome = LoginOutcome::kSuccess;
};

struct LoginLogQuery {
  std::string username;  // exact (normalized); empty: any
  std::optional<int64_t> user_id;
  std::optional<LoginOutcome> outcome;
  std::optional<int64_t> from;  // at >= from (UTC ms)
  std::optional<int64_t> to;    // at < to
  int64_t offset = 0;
  int64_t limit = 20;  // 1..200
};

struct LoginLogPage {
  std::vector<LoginLogEntry> items;  // newest first
  int64_t total = 0;
};

// Administrators only (403 auth.forbidden for anyone else).
Result<LoginLogPage> ListLoginLog(store::Store& store, const Principal& principal,
                                  const LoginLogQuery& query);

}  // namespace peixun::auth
