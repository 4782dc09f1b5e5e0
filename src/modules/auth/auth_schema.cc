#include "modules/auth/auth_schema.h"

namespace peixun::auth {

// users.person_id is unique: one person, one login. users.username and
// display_name are byte-ordered (@KEY@) so lists sort the same on both databases.
// A trainee made from an invite has no password_hash (NULL): it cannot log in
// with a password, only through an invite.
std::vector<store::Migration> AuthMigrations() {
  return {
      {10, "auth", R"sql(
CREATE TABLE users (
  id @ID@,
  username @KEY@ NOT NULL,
  display_name @KEY@ NOT NULL,
  role TEXT NOT NULL,
  unit_id BIGINT REFERENCES org_units(id),
  person_id BIGINT REFERENCES people(id),
  password_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  password_changed_at BIGINT
);
CREATE UNIQUE INDEX users_username ON users (username);
CREATE UNIQUE INDEX users_person ON users (person_id);
CREATE INDEX users_role ON users (role);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  absolute_expires_at BIGINT NOT NULL,
  remote_address TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (absolute_expires_at);

CREATE TABLE api_tokens (
  id @ID@,
  token_hash TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE invites (
  id @ID@,
  token_hash TEXT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE UNIQUE INDEX invites_token ON invites (token_hash);
CREATE INDEX invites_person ON invites (person_id);

CREATE TABLE devices (
  device_id_hash TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  bound_at BIGINT NOT NULL,
  PRIMARY KEY (device_id_hash, user_id)
);
CREATE INDEX devices_user ON devices (user_id);
)sql"},
      // The second factor (second_factor.h). user_totp.secret is sealed with the data
      // key like ID numbers; last_step is the newest TOTP step accepted, so a code is
      // taken once. Recovery codes are kept as keyed fingerprints. A login that passed
      // the password but still owes the second factor holds a login_challenges row,
      // not a session.
      {136, "auth second factor", R"sql(
CREATE TABLE user_totp (
  user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret TEXT NOT NULL,
  confirmed_at BIGINT,
  last_step BIGINT NOT NULL DEFAULT -1,
  created_at BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
  id @ID@,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

CREATE TABLE login_challenges (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_challenges_user ON login_challenges (user_id);
)sql"},
      // Failed-login counts (db_login_throttle.h), shared by every instance on one
      // database: scope is "account" (the normalized username tried) or "address".
      {140, "auth login throttle", R"sql(
CREATE TABLE login_throttle (
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  window_started_at BIGINT NOT NULL,
  last_failed_at BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (scope, subject)
);
CREATE INDEX login_throttle_window ON login_throttle (window_started_at);
)sql"},
      // The login log (login_log.h): one row per attempt, never a password or code.
      // user_id is NULL for an unknown username (and after the user is deleted).
      {141, "auth login log", R"sql(
CREATE TABLE login_log (
  id @ID@,
  at BIGINT NOT NULL,
  username TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
  remote_address TEXT,
  user_agent TEXT,
  result TEXT NOT NULL
);
CREATE INDEX login_log_user ON login_log (user_id);
CREATE INDEX login_log_username ON login_log (username);
CREATE INDEX login_log_at ON login_log (at);
)sql"},
      // The password policy in force (password_rules.h; no row: the defaults) and
      // each user's recent password hashes, for "not one of the last N".
      {142, "auth password policy", R"sql(
CREATE TABLE password_policy (
  id INTEGER PRIMARY KEY,
  min_chars INTEGER NOT NULL,
  min_classes INTEGER NOT NULL,
  history INTEGER NOT NULL,
  expiry_days INTEGER NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE password_history (
  id @ID@,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, id);
)sql"},
  };
}

}  // namespace peixun::auth
