#include "modules/auth/auth_service.h"

#include <optional>
#include <utility>

#include "modules/audit/audit_log.h"
#include "modules/auth/db_login_throttle.h"
#include "modules/auth/internal/credential_cache.h"
#include "modules/auth/internal/login_challenge.h"
#include "modules/auth/login_log.h"
#include "modules/auth/password.h"
#include "modules/auth/password_rules.h"
#include "modules/auth/user_service.h"

namespace peixun::auth {
namespace {

// Failed-login counts live in the database (db_login_throttle.h), shared by every
// instance.
DbLoginThrottle Throttle(store::Store& store, const std::function<int64_t()>& now_ms) {
  return DbLoginThrottle(store, DbThrottleLimits{}, now_ms);
}

struct Credentials {
  std::optional<User> user;
  std::string hash;  // "" when unknown user or no password
};

Result<Credentials> LoadCredentials(store::Store& store, const std::string& username) {
  return store::ReadValue<Credentials>(store, [&](store::Tx& tx) -> Result<Credentials> {
    Credentials c;
    PEIXUN_ASSIGN_OR_RETURN(c.user, UserService::FindByUsernameIn(tx, username));
    if (c.user) {
      PEIXUN_ASSIGN_OR_RETURN(c.hash, UserService::PasswordHashIn(tx, c.user->id));
    }
    return c;
  });
}

}  // namespace

std::string_view LoginStageCode(LoginStage stage) {
  switch (stage) {
    case LoginStage::kSecondFactor:
      return "totp";
    case LoginStage::kEnroll:
      return "enroll";
    case LoginStage::kDone:
      break;
  }
  return "done";
}

Error InvalidCredentials() {
  return MakeError(ErrorKind::kUnauthorized, "auth.invalid_credentials", "用户名或密码不正确",
                   "wrong username or password");
}

Error InactiveUser() {
  return MakeError(ErrorKind::kForbidden, "auth.inactive", "该账号已停用，请联系管理员",
                   "this account is deactivated; contact an administrator");
}

AuthService::AuthService(store::Store& store, SessionStore& sessions,
                         const SecondFactor& second_factor, std::vector<Role> second_factor_roles,
                         std::function<int64_t()> now_ms)
    : store_(store),
      sessions_(sessions),
      second_factor_(second_factor),
      second_factor_roles_(std::move(second_factor_roles)),
      now_ms_(std::move(now_ms)) {}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& remote_address,
                                       const std::string& user_agent) {
  const std::string account = NormalizeUsername(username);
  LoginAttempt attempt{account, std::nullopt, remote_address, user_agent, LoginOutcome::kThrottled};
  if (Status throttled = Throttle(store_, now_ms_).Check(account, remote_address); !throttled) {
    PEIXUN_RETURN_IF_ERROR(RecordLogin(store_, attempt, now_ms_()));
    return std::move(throttled).error();
  }
  PEIXUN_ASSIGN_OR_RETURN(Credentials creds, LoadCredentials(store_, account));
  if (creds.user) attempt.user_id = creds.user->id;
  bool ok = false;
  if (creds.hash.empty()) {
    VerifyDummyPassword(password);
  } else {
    ok = VerifyPassword(creds.hash, password);
  }
  if (!ok) {
    attempt.outcome = LoginOutcome::kBadCredentials;
    PEIXUN_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(
          Throttle(store_, now_ms_).RecordFailureIn(tx, account, remote_address));
      return RecordLoginIn(tx, attempt, now_ms_());
    }));
    return InvalidCredentials();
  }
  if (!creds.user->active) {
    attempt.outcome = LoginOutcome::kInactive;
    PEIXUN_RETURN_IF_ERROR(RecordLogin(store_, attempt, now_ms_()));
    return InactiveUser();
  }
  PEIXUN_ASSIGN_OR_RETURN(core::PasswordPolicy policy, GetPasswordPolicy(store_));
  if (PasswordHasExpired(policy, creds.user->password_changed_at.value_or(creds.user->created_at),
                         now_ms_())) {
    attempt.outcome = LoginOutcome::kPasswordExpired;
    PEIXUN_RETURN_IF_ERROR(RecordLogin(store_, attempt, now_ms_()));
    return PasswordExpiredError();
  }

  // Hashes made under older limits are upgraded while the password is at hand.
  std::string rehash;
  if (NeedsRehash(creds.hash)) {
    if (auto h = HashPassword(password)) rehash = std::move(*h);
  }
  const bool required = SecondFactorRequired(creds.user->role);
  PEIXUN_ASSIGN_OR_RETURN(
      LoginResult pending,
      store::TransactValue<LoginResult>(store_, [&](store::Tx& tx) -> Result<LoginResult> {
        LoginResult out;
        PEIXUN_ASSIGN_OR_RETURN(SecondFactorState st, second_factor_.StateIn(tx, creds.user->id));
        if (!st.enabled && !required) return out;  // kDone: no second step
        if (!rehash.empty()) {
          PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE users SET password_hash = ? WHERE id = ?",
                                         {store::Text(rehash), store::Int(creds.user->id)}));
        }
        out.stage = st.enabled ? LoginStage::kSecondFactor : LoginStage::kEnroll;
        PEIXUN_ASSIGN_OR_RETURN(
            out.challenge,
            CreateChallengeIn(tx, creds.user->id, st.enabled ? "totp" : "enroll", now_ms_()));
        out.challenge_expires_at = now_ms_() + kChallengeTtlMs;
        attempt.outcome = LoginOutcome::kSecondFactorRequired;
        PEIXUN_RETURN_IF_ERROR(RecordLoginIn(tx, attempt, now_ms_()));
        return out;
      }));
  if (pending.stage != LoginStage::kDone) {
    // The account's failures are forgotten only once the second factor is proven.
    pending.user = std::move(*creds.user);
    return pending;
  }
  PEIXUN_RETURN_IF_ERROR(Throttle(store_, now_ms_).RecordSuccess(account));
  return StartSession(std::move(*creds.user), rehash, "auth.login", remote_address, user_agent);
}

Result<LoginResult> AuthService::StartSession(User user, const std::string& rehash,
                                              const std::string& audit,
                                              const std::string& remote_address,
                                              const std::string& user_agent) {
  LoginResult out;
  out.user = std::move(user);
  PEIXUN_ASSIGN_OR_RETURN(
      NewSession session,
      store::TransactValue<NewSession>(store_, [&](store::Tx& tx) -> Result<NewSession> {
        if (!rehash.empty()) {
          PEIXUN_RETURN_IF_ERROR(tx.Exec("UPDATE users SET password_hash = ? WHERE id = ?",
                                         {store::Text(rehash), store::Int(out.user.id)}));
        }
        PEIXUN_RETURN_IF_ERROR(
            audit::AppendIn(tx, Actor{out.user.id, out.user.username, remote_address},
                            audit::AuditEntry{audit, "user", out.user.id, nullptr, nullptr}));
        PEIXUN_RETURN_IF_ERROR(
            RecordLoginIn(tx,
                          LoginAttempt{out.user.username, out.user.id, remote_address, user_agent,
                                       LoginOutcome::kSuccess},
                          now_ms_()));
        return sessions_.CreateIn(tx, out.user.id, remote_address, user_agent);
      }));
  out.session_id = std::move(session.id);
  out.csrf_token = std::move(session.csrf_token);
  out.expires_at = session.absolute_expires_at;
  return out;
}

bool AuthService::SecondFactorRequired(Role role) const {
  for (Role r : second_factor_roles_) {
    if (r == role) return true;
  }
  return false;
}

Status AuthService::Logout(const std::string& session_id) { return sessions_.Delete(session_id); }

Status AuthService::Logout(const Principal& principal) {
  if (principal.session_id_hash.empty()) return Ok();
  return sessions_.DeleteByHash(principal.session_id_hash);
}

Status AuthService::ChangePassword(const Principal& principal, const std::string& old_password,
                                   const std::string& new_password) {
  const std::string account = NormalizeUsername(principal.username);
  PEIXUN_RETURN_IF_ERROR(Throttle(store_, now_ms_).Check(account, principal.remote_address));
  PEIXUN_ASSIGN_OR_RETURN(std::string hash,
                          store::ReadValue<std::string>(store_, [&](store::Tx& tx) {
                            return UserService::PasswordHashIn(tx, principal.user_id);
                          }));
  const bool ok = hash.empty() ? (VerifyDummyPassword(old_password), false)
                               : VerifyPassword(hash, old_password);
  if (!ok) {
    PEIXUN_RETURN_IF_ERROR(
        Throttle(store_, now_ms_).RecordFailure(account, principal.remote_address));
    return Invalid("auth.password.wrong", "原密码不正确", "the current password is wrong",
                   "old_password");
  }
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(core::PasswordPolicy policy, PasswordPolicyIn(tx));
    return CheckChosenPasswordIn(tx, policy, principal.user_id, principal.username, new_password,
                                 "new_password");
  }));
  PEIXUN_ASSIGN_OR_RETURN(std::string new_hash, HashPassword(new_password));
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(
        UserService::SetPasswordHashIn(tx, principal.user_id, new_hash, now_ms_()));
    PEIXUN_RETURN_IF_ERROR(
        SessionStore::DeleteForUserIn(tx, principal.user_id, principal.session_id_hash));
    return audit::AppendIn(
        tx, Actor::Of(principal),
        audit::AuditEntry{"auth.password.change", "user", principal.user_id, nullptr, nullptr});
  });
  if (st) NoteCredentialChange();  // the other sessions are gone (after the commit)
  return st;
}

}  // namespace peixun::auth
