// AuthService's second-factor entry points (auth_service.h): the login's second
// step and the user's own TOTP settings.
#include <utility>

#include "modules/audit/audit_log.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/db_login_throttle.h"
#include "modules/auth/internal/login_challenge.h"
#include "modules/auth/login_log.h"
#include "modules/auth/user_service.h"

namespace peixun::auth {
namespace {

// Failed-login counts live in the database (db_login_throttle.h), shared by every
// instance.
DbLoginThrottle Throttle(store::Store& store, const std::function<int64_t()>& now_ms) {
  return DbLoginThrottle(store, DbThrottleLimits{}, now_ms);
}

// What one transaction of a second step decided: either go on (user) or refuse
// with `refusal` after committing the failure count.
struct StepOutcome {
  std::optional<User> user;
  std::optional<Error> refusal;
  CodeCheck check = CodeCheck::kWrong;
  std::vector<std::string> recovery_codes;
};

Error Required() {
  return Conflict("auth.totp.required", "您的角色必须使用双因素认证，不能停用",
                  "your role requires the second factor; it cannot be turned off");
}

Error AdminsOnly() {
  return MakeError(ErrorKind::kForbidden, "auth.forbidden", "只有系统管理员可以这样做",
                   "only an administrator may do this");
}

}  // namespace

Result<LoginResult> AuthService::LoginWithCode(const std::string& challenge,
                                               const std::string& code,
                                               const std::string& remote_address,
                                               const std::string& user_agent) {
  PEIXUN_ASSIGN_OR_RETURN(
      StepOutcome step,
      store::TransactValue<StepOutcome>(store_, [&](store::Tx& tx) -> Result<StepOutcome> {
        StepOutcome out;
        PEIXUN_ASSIGN_OR_RETURN(std::optional<Challenge> c,
                                FindChallengeIn(tx, challenge, now_ms_()));
        if (!c || c->kind != "totp") return ChallengeExpired();
        PEIXUN_ASSIGN_OR_RETURN(User user, UserService::GetIn(tx, c->user_id));
        LoginAttempt attempt{user.username, user.id, remote_address, user_agent,
                             LoginOutcome::kThrottled};
        if (Status throttled = Throttle(store_, now_ms_)
                                   .CheckIn(tx, NormalizeUsername(user.username), remote_address);
            !throttled) {
          out.refusal = std::move(throttled).error();
          PEIXUN_RETURN_IF_ERROR(RecordLoginIn(tx, attempt, now_ms_()));
          return out;
        }
        PEIXUN_ASSIGN_OR_RETURN(out.check, second_factor_.CheckIn(tx, c->user_id, code));
        if (out.check == CodeCheck::kWrong || out.check == CodeCheck::kReplayed) {
          PEIXUN_RETURN_IF_ERROR(CountChallengeFailureIn(tx, *c));
          out.refusal = out.check == CodeCheck::kWrong ? WrongCode() : ReplayedCode();
          PEIXUN_RETURN_IF_ERROR(
              Throttle(store_, now_ms_)
                  .RecordFailureIn(tx, NormalizeUsername(user.username), remote_address));
          attempt.outcome = LoginOutcome::kSecondFactorFailed;
          PEIXUN_RETURN_IF_ERROR(RecordLoginIn(tx, attempt, now_ms_()));
        } else {
          PEIXUN_RETURN_IF_ERROR(DeleteChallengeIn(tx, *c));
        }
        out.user = std::move(user);
        return out;
      }));
  if (step.refusal) return *step.refusal;
  if (!step.user->active) {
    PEIXUN_RETURN_IF_ERROR(
        RecordLogin(store_,
                    LoginAttempt{step.user->username, step.user->id, remote_address, user_agent,
                                 LoginOutcome::kInactive},
                    now_ms_()));
    return InactiveUser();
  }
  PEIXUN_RETURN_IF_ERROR(
      Throttle(store_, now_ms_).RecordSuccess(NormalizeUsername(step.user->username)));
  const char* action = "auth.login";
  if (step.check == CodeCheck::kRecoveryCode) action = "auth.login.recovery_code";
  return StartSession(std::move(*step.user), "", action, remote_address, user_agent);
}

Result<TotpSetup> AuthService::BeginLoginEnrollment(const std::string& challenge) {
  return store::TransactValue<TotpSetup>(store_, [&](store::Tx& tx) -> Result<TotpSetup> {
    PEIXUN_ASSIGN_OR_RETURN(std::optional<Challenge> c, FindChallengeIn(tx, challenge, now_ms_()));
    if (!c || c->kind != "enroll") return ChallengeExpired();
    PEIXUN_ASSIGN_OR_RETURN(User user, UserService::GetIn(tx, c->user_id));
    return second_factor_.BeginIn(tx, user.id, user.username);
  });
}

Result<LoginResult> AuthService::ConfirmLoginEnrollment(const std::string& challenge,
                                                        const std::string& code,
                                                        const std::string& remote_address,
                                                        const std::string& user_agent) {
  PEIXUN_ASSIGN_OR_RETURN(
      StepOutcome step,
      store::TransactValue<StepOutcome>(store_, [&](store::Tx& tx) -> Result<StepOutcome> {
        StepOutcome out;
        PEIXUN_ASSIGN_OR_RETURN(std::optional<Challenge> c,
                                FindChallengeIn(tx, challenge, now_ms_()));
        if (!c || c->kind != "enroll") return ChallengeExpired();
        PEIXUN_ASSIGN_OR_RETURN(User user, UserService::GetIn(tx, c->user_id));
        auto codes = second_factor_.ConfirmIn(tx, c->user_id, code);
        if (!codes && codes.error().code == "auth.totp.wrong_code") {
          // The pending secret stays; only the failure is written.
          PEIXUN_RETURN_IF_ERROR(CountChallengeFailureIn(tx, *c));
          PEIXUN_RETURN_IF_ERROR(
              RecordLoginIn(tx,
                            LoginAttempt{user.username, user.id, remote_address, user_agent,
                                         LoginOutcome::kSecondFactorFailed},
                            now_ms_()));
          out.refusal = codes.error();
          out.user = std::move(user);
          return out;
        }
        if (!codes) return codes.error();
        out.recovery_codes = std::move(*codes);
        PEIXUN_RETURN_IF_ERROR(DeleteChallengeIn(tx, *c));
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, Actor{user.id, user.username, remote_address},
            audit::AuditEntry{"auth.totp.enable", "user", user.id, nullptr, nullptr}));
        out.user = std::move(user);
        return out;
      }));
  if (step.refusal) return *step.refusal;
  if (!step.user->active) {
    PEIXUN_RETURN_IF_ERROR(
        RecordLogin(store_,
                    LoginAttempt{step.user->username, step.user->id, remote_address, user_agent,
                                 LoginOutcome::kInactive},
                    now_ms_()));
    return InactiveUser();
  }
  PEIXUN_RETURN_IF_ERROR(
      Throttle(store_, now_ms_).RecordSuccess(NormalizeUsername(step.user->username)));
  PEIXUN_ASSIGN_OR_RETURN(LoginResult login, StartSession(std::move(*step.user), "", "auth.login",
                                                          remote_address, user_agent));
  login.recovery_codes = std::move(step.recovery_codes);
  return login;
}

Result<SecondFactorState> AuthService::SecondFactorStateOf(const Principal& principal) {
  return store::ReadValue<SecondFactorState>(
      store_, [&](store::Tx& tx) { return second_factor_.StateIn(tx, principal.user_id); });
}

Result<TotpSetup> AuthService::BeginEnrollment(const Principal& principal) {
  return store::TransactValue<TotpSetup>(store_, [&](store::Tx& tx) {
    return second_factor_.BeginIn(tx, principal.user_id, principal.username);
  });
}

Result<std::vector<std::string>> AuthService::ConfirmEnrollment(const Principal& principal,
                                                                const std::string& code) {
  PEIXUN_RETURN_IF_ERROR(
      Throttle(store_, now_ms_)
          .Check(NormalizeUsername(principal.username), principal.remote_address));
  auto codes = store::TransactValue<std::vector<std::string>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<std::string>> {
        PEIXUN_ASSIGN_OR_RETURN(std::vector<std::string> out,
                                second_factor_.ConfirmIn(tx, principal.user_id, code));
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, Actor::Of(principal),
            audit::AuditEntry{"auth.totp.enable", "user", principal.user_id, nullptr, nullptr}));
        return out;
      });
  if (!codes && codes.error().code == "auth.totp.wrong_code") {
    PEIXUN_RETURN_IF_ERROR(
        Throttle(store_, now_ms_)
            .RecordFailure(NormalizeUsername(principal.username), principal.remote_address));
  }
  return codes;
}

Status AuthService::CheckOwnCode(const Principal& principal, const std::string& code) {
  const std::string account = NormalizeUsername(principal.username);
  PEIXUN_RETURN_IF_ERROR(Throttle(store_, now_ms_).Check(account, principal.remote_address));
  PEIXUN_ASSIGN_OR_RETURN(CodeCheck check,
                          store::TransactValue<CodeCheck>(store_, [&](store::Tx& tx) {
                            return second_factor_.CheckIn(tx, principal.user_id, code);
                          }));
  if (check == CodeCheck::kWrong || check == CodeCheck::kReplayed) {
    PEIXUN_RETURN_IF_ERROR(
        Throttle(store_, now_ms_).RecordFailure(account, principal.remote_address));
    return check == CodeCheck::kWrong ? WrongCode() : ReplayedCode();
  }
  return Ok();
}

Status AuthService::DisableSecondFactor(const Principal& principal, const std::string& code) {
  if (SecondFactorRequired(principal.role)) return Required();
  PEIXUN_RETURN_IF_ERROR(CheckOwnCode(principal, code));
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(second_factor_.DisableIn(tx, principal.user_id));
    return audit::AppendIn(
        tx, Actor::Of(principal),
        audit::AuditEntry{"auth.totp.disable", "user", principal.user_id, nullptr, nullptr});
  });
}

Result<std::vector<std::string>> AuthService::RenewRecoveryCodes(const Principal& principal,
                                                                 const std::string& code) {
  PEIXUN_RETURN_IF_ERROR(CheckOwnCode(principal, code));
  return store::TransactValue<std::vector<std::string>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<std::string>> {
        PEIXUN_ASSIGN_OR_RETURN(std::vector<std::string> out,
                                second_factor_.NewRecoveryCodesIn(tx, principal.user_id));
        PEIXUN_RETURN_IF_ERROR(
            audit::AppendIn(tx, Actor::Of(principal),
                            audit::AuditEntry{"auth.recovery_codes.renew", "user",
                                              principal.user_id, nullptr, nullptr}));
        return out;
      });
}

Status AuthService::ResetSecondFactor(const Principal& admin, int64_t user_id) {
  if (admin.role != Role::kAdmin) return AdminsOnly();
  return store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(User user, UserService::GetIn(tx, user_id));
    PEIXUN_RETURN_IF_ERROR(second_factor_.DisableIn(tx, user.id));
    return audit::AppendIn(tx, Actor::Of(admin),
                           audit::AuditEntry{"auth.totp.reset", "user", user.id, nullptr, nullptr});
  });
}

}  // namespace peixun::auth
