#include "modules/auth/session_list.h"

#include <algorithm>
#include <utility>

#include "modules/audit/audit_log.h"
#include "modules/auth/internal/credential_cache.h"
#include "modules/auth/user_service.h"

namespace peixun::auth {
namespace {

using store::Int;
using store::Text;

Error AdminsOnly() {
  return MakeError(ErrorKind::kForbidden, "auth.forbidden", "只有系统管理员可以这样做",
                   "only an administrator may do this");
}

Error CookieOnly() {
  return MakeError(ErrorKind::kForbidden, "auth.session.cookie_only",
                   "会话管理只能在登录后的浏览器中进行（API 令牌不行）",
                   "sessions are managed from a signed-in browser, not with an API token");
}

Error SessionNotFound() {
  return NotFound("auth.session.not_found", "没有这个会话，或已结束",
                  "no such session, or it has ended", "id");
}

std::string Handle(const std::string& id_hash) { return id_hash.substr(0, kSessionHandleChars); }

// Stored hashes are lowercase hex (internal/secret_token.h).
bool LooksLikeHandle(const std::string& handle) {
  return handle.size() == kSessionHandleChars &&
         std::all_of(handle.begin(), handle.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

SessionList::SessionList(store::Store& store, const SessionStore& sessions)
    : store_(store), sessions_(sessions) {}

Result<std::vector<SessionView>> SessionList::ListIn(store::Tx& tx, int64_t user_id,
                                                     const std::string& current_hash) {
  const int64_t now = sessions_.Now();
  const SessionPolicy& policy = sessions_.policy();
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id_hash, created_at, last_seen_at, absolute_expires_at, remote_address, "
               "user_agent FROM sessions WHERE user_id = ? AND absolute_expires_at > ? AND "
               "last_seen_at > ? ORDER BY created_at DESC, id_hash",
               {Int(user_id), Int(now), Int(now - policy.idle_ms)}));
  std::vector<SessionView> out;
  for (const store::Row& r : rows) {
    SessionView v;
    v.id = Handle(r.Str(0));
    v.created_at = r.Int(1);
    v.last_seen_at = r.Int(2);
    v.expires_at = std::min(r.Int(3), v.last_seen_at + policy.idle_ms);
    v.remote_address = r.Str(4);
    v.user_agent = r.Str(5);
    v.current = !current_hash.empty() && r.Str(0) == current_hash;
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<SessionView>> SessionList::Own(const Principal& principal) {
  if (principal.session_id_hash.empty()) return CookieOnly();
  return store::ReadValue<std::vector<SessionView>>(store_, [&](store::Tx& tx) {
    return ListIn(tx, principal.user_id, principal.session_id_hash);
  });
}

Status SessionList::RevokeOwn(const Principal& principal, const std::string& handle) {
  if (principal.session_id_hash.empty()) return CookieOnly();
  if (!LooksLikeHandle(handle)) return SessionNotFound();
  Status st = store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(std::vector<SessionView> live,
                            ListIn(tx, principal.user_id, principal.session_id_hash));
    auto hit = std::find_if(live.begin(), live.end(),
                            [&](const SessionView& v) { return v.id == handle; });
    if (hit == live.end()) return SessionNotFound();
    PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE user_id = ? AND id_hash LIKE ?",
                                   {Int(principal.user_id), Text(handle + "%")}));
    return audit::AppendIn(
        tx, Actor::Of(principal),
        audit::AuditEntry{
            "auth.session.revoke", "user", principal.user_id, nullptr, {{"session", handle}}});
  });
  if (st) NoteCredentialChange();  // after the commit: refused at once (credential_cache.h)
  return st;
}

Result<int64_t> SessionList::RevokeOthers(const Principal& principal) {
  if (principal.session_id_hash.empty()) return CookieOnly();
  Result<int64_t> out =
      store::TransactValue<int64_t>(store_, [&](store::Tx& tx) -> Result<int64_t> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t ended,
                                tx.Exec("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?",
                                        {Int(principal.user_id), Text(principal.session_id_hash)}));
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(tx, Actor::Of(principal),
                                               audit::AuditEntry{"auth.session.revoke_others",
                                                                 "user",
                                                                 principal.user_id,
                                                                 nullptr,
                                                                 {{"ended", ended}}}));
        return ended;
      });
  if (out) NoteCredentialChange();
  return out;
}

Result<std::vector<SessionView>> SessionList::OfUser(const Principal& admin, int64_t user_id) {
  if (admin.role != Role::kAdmin) return AdminsOnly();
  return store::ReadValue<std::vector<SessionView>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<SessionView>> {
        PEIXUN_ASSIGN_OR_RETURN(User user, UserService::GetIn(tx, user_id));
        return ListIn(tx, user.id, admin.session_id_hash);
      });
}

Result<int64_t> SessionList::EndAll(const Principal& admin, int64_t user_id) {
  if (admin.role != Role::kAdmin) return AdminsOnly();
  Result<int64_t> out =
      store::TransactValue<int64_t>(store_, [&](store::Tx& tx) -> Result<int64_t> {
        PEIXUN_ASSIGN_OR_RETURN(User user, UserService::GetIn(tx, user_id));
        PEIXUN_ASSIGN_OR_RETURN(int64_t ended,
                                tx.Exec("DELETE FROM sessions WHERE user_id = ?", {Int(user.id)}));
        PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
            tx, Actor::Of(admin),
            audit::AuditEntry{
                "auth.session.end_all", "user", user.id, nullptr, {{"ended", ended}}}));
        return ended;
      });
  if (out) NoteCredentialChange();
  return out;
}

}  // namespace peixun::auth
