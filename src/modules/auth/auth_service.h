// Logging in and out, and changing one's own password.
//
// Login answers a wrong username and a wrong password with the same 401
// "auth.invalid_credentials", in about the same time (an unknown user costs a
// verification against a dummy hash), so the answer does not reveal which
// usernames exist. Attempts are throttled per account and per address
// (db_login_throttle.h) before any password is checked. A correct password of a
// deactivated user gives 403 "auth.inactive".
//
// Every login makes a new session (new random id, new CSRF token); the id is
// returned once for the cookie (cookies.h) and stored only hashed.
//
// Second factor (second_factor.h): a user with a confirmed TOTP secret, or of a
// role in `second_factor_roles` (admin and organizer by default), gets no session
// from the password alone: Login answers stage kSecondFactor (or kEnroll, when the
// role requires it and none is set up) with a challenge token (internal/
// login_challenge.h), and the session starts in LoginWithCode, or in
// ConfirmLoginEnrollment after BeginLoginEnrollment. Wrong codes count against the
// throttle like wrong passwords.
//
// Audited (modules/audit): successful logins (auth.login; auth.login.recovery_code
// when a recovery code was spent), second-factor changes (auth.totp.*) and password
// changes (auth.password.change); failed attempts are not, so that nobody can flood
// the log anonymously.
//
// Thread-safe: state is the database's and the throttle's (itself thread-safe).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/auth/second_factor.h"
#include "modules/auth/session_store.h"
#include "modules/auth/user.h"
#include "store/store.h"

namespace peixun::auth {

enum class LoginStage {
  kDone,          // the session started
  kSecondFactor,  // enter a TOTP or recovery code (LoginWithCode)
  kEnroll,        // the role requires a second factor: set it up first
};
std::string_view LoginStageCode(LoginStage stage);  // "done", "totp", "enroll"

struct LoginResult {
  User user;
  LoginStage stage = LoginStage::kDone;
  std::string challenge;  // raw, when stage is not kDone
  int64_t challenge_expires_at = 0;
  std::string session_id;  // raw: for the peixun_session cookie only
  std::string csrf_token;
  int64_t expires_at = 0;                   // absolute expiry of the session (ms)
  std::vector<std::string> recovery_codes;  // after ConfirmLoginEnrollment, shown once
};

class AuthService {
 public:
  // `sessions` and `second_factor` must outlive the service.
  AuthService(store::Store& store, SessionStore& sessions, const SecondFactor& second_factor,
              std::vector<Role> second_factor_roles, std::function<int64_t()> now_ms = NowMillis);

  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote_address, const std::string& user_agent);
  // The second step: a TOTP or recovery code for a kSecondFactor challenge. A wrong
  // code is 422 auth.totp.wrong_code, a replayed one auth.totp.replayed (field code);
  // an unknown, expired or exhausted challenge 401 auth.challenge_expired.
  Result<LoginResult> LoginWithCode(const std::string& challenge, const std::string& code,
                                    const std::string& remote_address,
                                    const std::string& user_agent);
  // For a kEnroll challenge: a new secret to scan (second_factor.h BeginIn).
  Result<TotpSetup> BeginLoginEnrollment(const std::string& challenge);
  // Confirms it with a first code and starts the session; the result carries the
  // recovery codes.
  Result<LoginResult> ConfirmLoginEnrollment(const std::string& challenge, const std::string& code,
                                             const std::string& remote_address,
                                             const std::string& user_agent);

  // True when `role` must have a second factor.
  bool SecondFactorRequired(Role role) const;

  // The caller's own second factor (any signed-in user; trainees included).
  Result<SecondFactorState> SecondFactorStateOf(const Principal& principal);
  Result<TotpSetup> BeginEnrollment(const Principal& principal);
  Result<std::vector<std::string>> ConfirmEnrollment(const Principal& principal,
                                                     const std::string& code);
  // Needs a current code; refused (409 auth.totp.required) for roles that require it.
  Status DisableSecondFactor(const Principal& principal, const std::string& code);
  // Needs a current code; the old recovery codes stop working.
  Result<std::vector<std::string>> RenewRecoveryCodes(const Principal& principal,
                                                      const std::string& code);
  // An admin removes another user's second factor (a lost phone); the user sets up
  // a new one at the next login when the role requires it. 403 for anyone else.
  Status ResetSecondFactor(const Principal& admin, int64_t user_id);
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
  const SecondFactor& second_factor_;
  const std::vector<Role> second_factor_roles_;
  const std::function<int64_t()> now_ms_;

  // Starts the session of a user who has proven everything (audit auth.login).
  Result<LoginResult> StartSession(User user, const std::string& rehash, const std::string& audit,
                                   const std::string& remote_address,
                                   const std::string& user_agent);
  // Checks a current code of the principal's own second factor (throttled).
  Status CheckOwnCode(const Principal& principal, const std::string& code);
};

Error InvalidCredentials();
Error InactiveUser();

}  // namespace peixun::auth
