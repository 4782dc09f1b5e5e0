#include "modules/auth/session_store.h"

#include <algorithm>
#include <utility>

#include "modules/auth/internal/credential_cache.h"
#include "modules/auth/internal/secret_token.h"

namespace peixun::auth {
namespace {

using store::Int;
using store::Text;
using store::TextOrNull;

// Remote addresses and user agents are for the user's "where am I logged in"
// view; a long User-Agent is cut rather than refused.
constexpr size_t kMaxUserAgentBytes = 300;

Session FromRow(const store::Row& r) {
  Session s;
  s.id_hash = r.Str(0);
  s.user_id = r.Int(1);
  s.csrf_token = r.Str(2);
  s.created_at = r.Int(3);
  s.last_seen_at = r.Int(4);
  s.absolute_expires_at = r.Int(5);
  return s;
}

std::string CutUtf8(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

}  // namespace

SessionStore::SessionStore(store::Store& store, SessionPolicy policy,
                           std::function<int64_t()> now_ms)
    : store_(store), policy_(policy), now_ms_(std::move(now_ms)) {}

Result<NewSession> SessionStore::CreateIn(store::Tx& tx, int64_t user_id,
                                          const std::string& remote_address,
                                          const std::string& user_agent) const {
  const int64_t now = now_ms_();
  NewSession s;
  s.id = RandomSecret();
  s.id_hash = SecretHash(s.id);
  s.csrf_token = RandomSecret();
  s.absolute_expires_at = now + policy_.absolute_ms;
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, "
              "absolute_expires_at, remote_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {Text(s.id_hash), Int(user_id), Text(s.csrf_token), Int(now), Int(now),
               Int(s.absolute_expires_at), TextOrNull(remote_address),
               TextOrNull(CutUtf8(user_agent, kMaxUserAgentBytes))}));
  return s;
}

int64_t SessionStore::ExpiresAt(const Session& s) const {
  return std::min(s.absolute_expires_at, s.last_seen_at + policy_.idle_ms);
}

bool SessionStore::Expired(const Session& s, int64_t now) const {
  return now >= s.absolute_expires_at || now - s.last_seen_at >= policy_.idle_ms;
}

Result<std::optional<Session>> SessionStore::Validate(const std::string& raw_id,
                                                      const AlsoIn& also) {
  if (!LooksLikeSecret(raw_id)) return std::optional<Session>();
  const std::string hash = SecretHash(raw_id);
  PEIXUN_ASSIGN_OR_RETURN(
      std::optional<Session> found,
      store::ReadValue<std::optional<Session>>(
          store_, [&](store::Tx& tx) -> Result<std::optional<Session>> {
            PEIXUN_ASSIGN_OR_RETURN(
                store::Rows rows,
                tx.Query("SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, "
                         "absolute_expires_at FROM sessions WHERE id_hash = ?",
                         {Text(hash)}));
            if (rows.empty()) return std::optional<Session>();
            Session session = FromRow(rows[0]);
            if (also) PEIXUN_RETURN_IF_ERROR(also(tx, session.user_id));
            return std::optional<Session>(std::move(session));
          }));
  if (!found) return found;
  const int64_t now = now_ms_();
  if (Expired(*found, now)) {
    PEIXUN_RETURN_IF_ERROR(DeleteByHash(hash));
    return std::optional<Session>();
  }
  if (now - found->last_seen_at >= policy_.touch_interval_ms) {
    // The condition on last_seen_at keeps concurrent requests from each writing.
    PEIXUN_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(
          tx.Exec("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?",
                  {Int(now), Text(hash), Int(now - policy_.touch_interval_ms + 1)}));
      return Ok();
    }));
    found->last_seen_at = now;
  }
  return found;
}

Status SessionStore::Delete(const std::string& raw_id) {
  if (!LooksLikeSecret(raw_id)) return Ok();
  return DeleteByHash(SecretHash(raw_id));
}

Status SessionStore::DeleteByHash(const std::string& id_hash) {
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE id_hash = ?", {Text(id_hash)}));
    return Ok();
  });
  if (st) NoteCredentialChange();  // after the commit (internal/credential_cache.h)
  return st;
}

Status SessionStore::DeleteForUserIn(store::Tx& tx, int64_t user_id, const std::string& keep_hash) {
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?",
                                 {Int(user_id), Text(keep_hash)}));
  // Also before the commit; the callers in this module note it again after theirs.
  NoteCredentialChange();
  return Ok();
}

Result<int64_t> SessionStore::PurgeExpired() {
  const int64_t now = now_ms_();
  return store::TransactValue<int64_t>(store_, [&](store::Tx& tx) {
    return tx.Exec("DELETE FROM sessions WHERE absolute_expires_at <= ? OR last_seen_at <= ?",
                   {Int(now), Int(now - policy_.idle_ms)});
  });
}

int64_t SessionStore::CookieMaxAgeSeconds(int64_t absolute_expires_at) const {
  return std::max<int64_t>(0, (absolute_expires_at - now_ms_()) / 1000);
}

}  // namespace peixun::auth
