#include "modules/auth/auth_personal_data.h"

#include "modules/auth/internal/credential_cache.h"

namespace peixun::auth {

using store::Int;

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "auth", "users",
      "SELECT id, username, display_name, role, unit_id, active, created_at, updated_at, "
      "password_changed_at FROM users WHERE person_id = ?",
      p));
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "auth", "sessions",
      "SELECT s.created_at, s.last_seen_at, s.absolute_expires_at, s.remote_address, "
      "s.user_agent FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.person_id = ? "
      "ORDER BY s.created_at",
      p));
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "auth", "api_tokens",
      "SELECT t.id, t.name, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN "
      "users u ON u.id = t.user_id WHERE u.person_id = ? ORDER BY t.id",
      p));
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "auth", "login_log",
      "SELECT l.at, l.username, l.remote_address, l.user_agent, l.result FROM login_log l "
      "JOIN users u ON u.id = l.user_id WHERE u.person_id = ? ORDER BY l.id",
      p));
  return store::AppendPersonalTable(
      tx, out, "auth", "invites",
      "SELECT id, created_at, expires_at, used_at FROM invites WHERE person_id = ? ORDER BY id", p);
}

Result<std::optional<PersonLogin>> LoginOfPersonIn(store::Tx& tx, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id, username FROM users WHERE person_id = ?", {Int(person_id)}));
  if (rows.empty()) return std::optional<PersonLogin>();
  return std::optional<PersonLogin>(PersonLogin{rows[0].Int(0), rows[0].Str(1)});
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id, int64_t now_ms) {
  const std::vector<store::Value> p = {Int(person_id)};
  const char* of_user = "user_id IN (SELECT id FROM users WHERE person_id = ?)";
  PEIXUN_RETURN_IF_ERROR(tx.Exec(std::string("DELETE FROM sessions WHERE ") + of_user, p));
  PEIXUN_RETURN_IF_ERROR(tx.Exec(std::string("DELETE FROM api_tokens WHERE ") + of_user, p));
  PEIXUN_RETURN_IF_ERROR(tx.Exec(std::string("DELETE FROM devices WHERE ") + of_user, p));
  PEIXUN_RETURN_IF_ERROR(tx.Exec(std::string("DELETE FROM password_history WHERE ") + of_user, p));
  PEIXUN_RETURN_IF_ERROR(tx.Exec(std::string("DELETE FROM login_log WHERE ") + of_user, p));
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM invites WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(
      tx.Exec("UPDATE users SET username = 'erased-' || CAST(id AS TEXT), display_name = ?, "
              "password_hash = NULL, active = 0, updated_at = ? WHERE person_id = ?",
              {store::Text(store::ErasedName(person_id)), Int(now_ms), Int(person_id)}));
  // Inside the caller's transaction (the privacy module commits it): remembered
  // credentials are forgotten now, and any read again before the commit lives at
  // most CredentialCache::kFreshMs.
  NoteCredentialChange();
  return Ok();
}

}  // namespace peixun::auth
