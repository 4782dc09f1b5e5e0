#include "modules/auth/password_renewal.h"

#include <optional>

#include "modules/audit/audit_log.h"
#include "modules/auth/db_login_throttle.h"
#include "modules/auth/internal/credential_cache.h"
#include "modules/auth/login_log.h"
#include "modules/auth/password.h"
#include "modules/auth/password_rules.h"
#include "modules/auth/user_service.h"

namespace peixun::auth {

Status RenewExpiredPassword(AuthServices& s, const std::string& username,
                            const std::string& old_password, const std::string& new_password,
                            const std::string& remote_address, const std::string& user_agent) {
  const std::string account = NormalizeUsername(username);
  DbLoginThrottle throttle(s.store, DbThrottleLimits{}, [&s] { return s.sessions.Now(); });
  PEIXUN_RETURN_IF_ERROR(throttle.Check(account, remote_address));
  struct Found {
    std::optional<User> user;
    std::string hash;
  };
  PEIXUN_ASSIGN_OR_RETURN(
      Found found, store::ReadValue<Found>(s.store, [&](store::Tx& tx) -> Result<Found> {
        Found f;
        PEIXUN_ASSIGN_OR_RETURN(f.user, UserService::FindByUsernameIn(tx, account));
        if (f.user) {
          PEIXUN_ASSIGN_OR_RETURN(f.hash, UserService::PasswordHashIn(tx, f.user->id));
        }
        return f;
      }));
  bool ok = false;
  if (found.hash.empty()) {
    VerifyDummyPassword(old_password);
  } else {
    ok = VerifyPassword(found.hash, old_password);
  }
  LoginAttempt attempt{account, std::nullopt, remote_address, user_agent,
                       LoginOutcome::kBadCredentials};
  if (found.user) attempt.user_id = found.user->id;
  if (!ok) {
    PEIXUN_RETURN_IF_ERROR(s.store.Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(throttle.RecordFailureIn(tx, account, remote_address));
      return RecordLoginIn(tx, attempt, s.sessions.Now());
    }));
    return InvalidCredentials();
  }
  if (!found.user->active) return InactiveUser();
  const int64_t now = s.sessions.Now();
  PEIXUN_ASSIGN_OR_RETURN(std::string new_hash, HashPassword(new_password));
  Status st = s.store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(core::PasswordPolicy policy, PasswordPolicyIn(tx));
    if (!PasswordHasExpired(
            policy, found.user->password_changed_at.value_or(found.user->created_at), now)) {
      return Conflict("auth.password.not_expired", "密码尚未过期，请登录后在账号设置中修改",
                      "the password has not expired; change it after logging in");
    }
    PEIXUN_RETURN_IF_ERROR(CheckChosenPasswordIn(tx, policy, found.user->id, found.user->username,
                                                 new_password, "new_password"));
    PEIXUN_RETURN_IF_ERROR(UserService::SetPasswordHashIn(tx, found.user->id, new_hash, now));
    PEIXUN_RETURN_IF_ERROR(SessionStore::DeleteForUserIn(tx, found.user->id));
    return audit::RecordIn(tx, Actor{found.user->id, found.user->username, remote_address},
                           "auth.password.renew", "user", found.user->id, nullptr, nullptr);
  });
  if (st) NoteCredentialChange();  // the user's sessions are gone (after the commit)
  return st;
}

}  // namespace peixun::auth
