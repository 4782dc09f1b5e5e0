#include "modules/auth/password_rules.h"

#include <nlohmann/json.hpp>

#include "modules/audit/audit_log.h"
#include "modules/auth/password.h"

namespace peixun::auth {
namespace {

using store::Int;
using store::Text;

nlohmann::json PolicyJson(const core::PasswordPolicy& p) {
  return {{"min_chars", p.min_chars},
          {"min_classes", p.min_classes},
          {"history", p.history},
          {"expiry_days", p.expiry_days}};
}

}  // namespace

Result<core::PasswordPolicy> PasswordPolicyIn(store::Tx& tx) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT min_chars, min_classes, history, expiry_days FROM password_policy "
               "WHERE id = 1"));
  core::PasswordPolicy p;
  if (rows.empty()) return p;
  p.min_chars = static_cast<int>(rows[0].Int(0));
  p.min_classes = static_cast<int>(rows[0].Int(1));
  p.history = static_cast<int>(rows[0].Int(2));
  p.expiry_days = static_cast<int>(rows[0].Int(3));
  return p;
}

Result<core::PasswordPolicy> GetPasswordPolicy(store::Store& store) {
  return store::ReadValue<core::PasswordPolicy>(store,
                                                [](store::Tx& tx) { return PasswordPolicyIn(tx); });
}

Status SetPasswordPolicy(store::Store& store, const Principal& admin,
                         const core::PasswordPolicy& policy) {
  if (admin.role != Role::kAdmin) {
    return MakeError(ErrorKind::kForbidden, "auth.forbidden", "只有系统管理员可以这样做",
                     "only an administrator may do this");
  }
  PEIXUN_RETURN_IF_ERROR(core::ValidatePolicy(policy));
  return store.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(core::PasswordPolicy before, PasswordPolicyIn(tx));
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO password_policy (id, min_chars, min_classes, history, expiry_days, "
                "updated_at) VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "min_chars = excluded.min_chars, min_classes = excluded.min_classes, "
                "history = excluded.history, expiry_days = excluded.expiry_days, "
                "updated_at = excluded.updated_at",
                {Int(policy.min_chars), Int(policy.min_classes), Int(policy.history),
                 Int(policy.expiry_days), Int(NowMillis())}));
    return audit::RecordIn(tx, Actor::Of(admin), "auth.password_policy.update", "settings",
                           std::nullopt, PolicyJson(before), PolicyJson(policy));
  });
}

Status CheckChosenPasswordIn(store::Tx& tx, const core::PasswordPolicy& policy, int64_t user_id,
                             const std::string& username, const std::string& password,
                             const std::string& field) {
  PEIXUN_RETURN_IF_ERROR(core::CheckPasswordRules(policy, password, username, field));
  if (policy.history <= 0) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT password_hash FROM password_history WHERE user_id = ? "
                                   "ORDER BY id DESC LIMIT ?",
                                   {Int(user_id), Int(policy.history)}));
  for (const store::Row& r : rows) {
    if (VerifyPassword(r.Str(0), password)) {
      const std::string n = std::to_string(policy.history);
      return Invalid("auth.password.reused", "新密码不能与最近 " + n + " 次使用过的密码相同",
                     "the new password must differ from your last " + n + " passwords", field);
    }
  }
  return Ok();
}

Status RememberPasswordIn(store::Tx& tx, int64_t user_id, const std::string& hash, int64_t now_ms) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
              {Int(user_id), Text(hash), Int(now_ms)}));
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("DELETE FROM password_history WHERE user_id = ? AND id NOT IN (SELECT id FROM "
              "password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
              {Int(user_id), Int(user_id), Int(kMaxPasswordHistory)}));
  return Ok();
}

bool PasswordHasExpired(const core::PasswordPolicy& policy, int64_t changed_at, int64_t now_ms) {
  return core::PasswordExpired(policy, changed_at, now_ms);
}

Error PasswordExpiredError() {
  return MakeError(ErrorKind::kForbidden, "auth.password.expired",
                   "密码已过期，请设置新密码后再登录",
                   "your password has expired; set a new one to log in", "password");
}

}  // namespace peixun::auth
