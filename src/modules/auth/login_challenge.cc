#include "modules/auth/internal/login_challenge.h"

#include "modules/auth/internal/secret_token.h"

namespace peixun::auth {

using store::Int;
using store::Text;

Result<std::string> CreateChallengeIn(store::Tx& tx, int64_t user_id, const std::string& kind,
                                      int64_t now_ms) {
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM login_challenges WHERE user_id = ? OR expires_at < ?",
                                 {Int(user_id), Int(now_ms)}));
  std::string raw = RandomSecret();
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO login_challenges (id_hash, user_id, kind, created_at, expires_at) "
              "VALUES (?, ?, ?, ?, ?)",
              {Text(SecretHash(raw)), Int(user_id), Text(kind), Int(now_ms),
               Int(now_ms + kChallengeTtlMs)}));
  return raw;
}

Result<std::optional<Challenge>> FindChallengeIn(store::Tx& tx, const std::string& raw,
                                                 int64_t now_ms) {
  if (!LooksLikeSecret(raw)) return std::optional<Challenge>();
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id_hash, user_id, kind, failures, expires_at FROM login_challenges "
               "WHERE id_hash = ?",
               {Text(SecretHash(raw))}));
  if (rows.empty() || rows[0].Int(4) < now_ms || rows[0].Int(3) >= kChallengeMaxFailures) {
    return std::optional<Challenge>();
  }
  Challenge c;
  c.id_hash = rows[0].Str(0);
  c.user_id = rows[0].Int(1);
  c.kind = rows[0].Str(2);
  c.failures = static_cast<int>(rows[0].Int(3));
  return std::optional<Challenge>(std::move(c));
}

Status CountChallengeFailureIn(store::Tx& tx, const Challenge& c) {
  if (c.failures + 1 >= kChallengeMaxFailures) return DeleteChallengeIn(tx, c);
  PEIXUN_RETURN_IF_ERROR(tx.Exec(
      "UPDATE login_challenges SET failures = failures + 1 WHERE id_hash = ?", {Text(c.id_hash)}));
  return Ok();
}

Status DeleteChallengeIn(store::Tx& tx, const Challenge& c) {
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("DELETE FROM login_challenges WHERE id_hash = ?", {Text(c.id_hash)}));
  return Ok();
}

Error ChallengeExpired() {
  return MakeError(ErrorKind::kUnauthorized, "auth.challenge_expired",
                   "登录已过期或验证码错误次数过多，请重新输入密码",
                   "the login expired or too many codes were wrong; enter your password again");
}

}  // namespace peixun::auth
