#include "modules/auth/api_tokens.h"

#include <utility>

#include "core/text_normalize.h"
#include "core/utf8.h"
#include "modules/audit/audit_log.h"
#include "modules/auth/internal/credential_cache.h"
#include "modules/auth/internal/secret_token.h"

namespace peixun::auth {
namespace {

using store::Int;
using store::Text;

ApiToken FromRow(const store::Row& r) {
  ApiToken t;
  t.id = r.Int(0);
  t.user_id = r.Int(1);
  t.name = r.Str(2);
  t.created_at = r.Int(3);
  t.last_used_at = r.OptInt(4);
  t.revoked_at = r.OptInt(5);
  return t;
}

constexpr char kSelect[] =
    "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens ";

}  // namespace

ApiTokenService::ApiTokenService(store::Store& store, std::function<int64_t()> now_ms,
                                 int64_t touch_interval_ms)
    : store_(store), now_ms_(std::move(now_ms)), touch_interval_ms_(touch_interval_ms) {}

Result<CreatedApiToken> ApiTokenService::Create(int64_t user_id, const std::string& typed_name,
                                                const Actor& actor) {
  const std::string name = core::NormalizeField(typed_name);
  const size_t chars = core::Utf8CharCount(name);
  if (chars == 0 || chars > kMaxTokenNameChars) {
    return Invalid("auth.token.name", "令牌名称应为 1 到 100 个字",
                   "the token name must be 1 to 100 characters", "name");
  }
  CreatedApiToken out;
  out.raw = kApiTokenPrefix + RandomSecret();
  const int64_t now = now_ms_();
  PEIXUN_ASSIGN_OR_RETURN(
      out.token, store::TransactValue<ApiToken>(store_, [&](store::Tx& tx) -> Result<ApiToken> {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query("INSERT INTO api_tokens (token_hash, user_id, name, created_at) "
                     "VALUES (?, ?, ?, ?) RETURNING id",
                     {Text(SecretHash(out.raw)), Int(user_id), Text(name), Int(now)}));
        ApiToken token{rows[0].Int(0), user_id, name, now, std::nullopt, std::nullopt};
        PEIXUN_RETURN_IF_ERROR(
            audit::AppendIn(tx, actor,
                            audit::AuditEntry{"auth.token.create",
                                              "api_token",
                                              token.id,
                                              nullptr,
                                              {{"user_id", user_id}, {"name", name}}}));
        return token;
      }));
  return out;
}

Result<std::vector<ApiToken>> ApiTokenService::List(int64_t user_id) {
  return store::ReadValue<std::vector<ApiToken>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<ApiToken>> {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query(std::string(kSelect) + "WHERE user_id = ? ORDER BY id DESC", {Int(user_id)}));
        std::vector<ApiToken> out;
        for (const store::Row& r : rows) out.push_back(FromRow(r));
        return out;
      });
}

Status ApiTokenService::Revoke(int64_t user_id, int64_t token_id, const Actor& actor) {
  const int64_t now = now_ms_();
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows, tx.Query("SELECT revoked_at FROM api_tokens WHERE id = ? AND user_id = ?",
                                   {Int(token_id), Int(user_id)}));
    if (rows.empty()) {
      return NotFound("auth.token.not_found", "令牌不存在：" + std::to_string(token_id),
                      "token not found: " + std::to_string(token_id), "id");
    }
    if (!rows[0].IsNull(0)) return Ok();
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", {Int(now), Int(token_id)}));
    return audit::AppendIn(
        tx, actor,
        audit::AuditEntry{
            "auth.token.revoke", "api_token", token_id, nullptr, {{"user_id", user_id}}});
  });
  if (st) NoteCredentialChange();  // after the commit: refused at once here
  return st;
}

Result<std::optional<int64_t>> ApiTokenService::Resolve(const std::string& raw,
                                                        const AlsoIn& also) {
  const std::string_view prefix = kApiTokenPrefix;
  if (raw.size() != prefix.size() + kSecretChars || raw.compare(0, prefix.size(), prefix) != 0 ||
      !LooksLikeSecret(std::string_view(raw).substr(prefix.size()))) {
    return std::optional<int64_t>();
  }
  const std::string hash = SecretHash(raw);
  PEIXUN_ASSIGN_OR_RETURN(
      std::optional<ApiToken> found,
      store::ReadValue<std::optional<ApiToken>>(
          store_, [&](store::Tx& tx) -> Result<std::optional<ApiToken>> {
            PEIXUN_ASSIGN_OR_RETURN(
                store::Rows rows,
                tx.Query(std::string(kSelect) + "WHERE token_hash = ?", {Text(hash)}));
            if (rows.empty()) return std::optional<ApiToken>();
            ApiToken token = FromRow(rows[0]);
            if (also && !token.revoked_at) PEIXUN_RETURN_IF_ERROR(also(tx, token.user_id));
            return std::optional<ApiToken>(std::move(token));
          }));
  if (!found || found->revoked_at) return std::optional<int64_t>();
  const int64_t now = now_ms_();
  if (!found->last_used_at || now - *found->last_used_at >= touch_interval_ms_) {
    PEIXUN_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND "
                  "(last_used_at IS NULL OR last_used_at < ?)",
                  {Int(now), Int(found->id), Int(now - touch_interval_ms_ + 1)}));
      return Ok();
    }));
  }
  return std::optional<int64_t>(found->user_id);
}

}  // namespace peixun::auth
