// Logging in and out, and changing one's own password.
//
// Login answers a wrong username and a wrong password with the same 401
// "auth.invalid_credentials", in about the same time (an unknown user costs a
// verification against a dummy hash), so the answer does not reveal which
// usernames exist. Attempts are throttled per account and per address
// (login_throttle.h) before any password is checked. A correct password of a
// deactivated user gives 403 "auth.inactive".
//
// Every login makes a new session (new random id, new CSRF token); the id is
// returned once for the cookie (cookies.h) and stored only hashed.
//
// Audited (modules/audit): successful logins (auth.login) and password changes
// (auth.password.change); failed attempts are not, so that nobody can flood the
// log anonymously.
//
// Thread-safe: state is the database's and the throttle's (itself thread-safe).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/auth/login_throttle.h"
#include "modules/auth/session_store.h"
#include "modules/auth/user.h"
#include "store/store.h"

namespace peixun::auth {

struct LoginResult {
  User user;
  std::string session_id;  // raw: for the peixun_session cookie only
  std::string csrf_token;
  int64_t expires_at = 0;  // absolute expiry of the session (ms)
};

class AuthService {
 public:
  // `sessions` and `throttle` must outlive the service.
  AuthService(store::Store& store, SessionStore& sessions, LoginThrottle& throttle,
              std::function<int64_t()> now_ms = NowMillis);

  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote_address, const std::string& user_agent);
  // Ends the session with this raw id; ok when there is none.
  Status Logout(const std::string& session_id);
  // Ends the session a principal came with (nothing for API tokens).
  Status Logout(const Principal& principal);

  // Checks `old_password` (throttled like a login; a wrong one is 422
  // "auth.password.wrong" on field old_password), applies CheckNewPassword to
  // `new_password`, stores it, and ends the user's other sessions.
  Status ChangePassword(const Principal& principal, const std::string& old_password,
                        const std::string& new_password);

 private:
  store::Store& store_;
  SessionStore& sessions_;
  LoginThrottle& throttle_;
  const std::function<int64_t()> now_ms_;
};

Error InvalidCredentials();
Error InactiveUser();

}  // namespace peixun::auth
