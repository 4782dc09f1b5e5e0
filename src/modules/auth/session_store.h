// Login sessions, kept in the sessions table under the hash of their id.
//
// A session id is 32 random bytes (internal/secret_token.h), new at every login, handed to
// the browser in the peixun_session cookie and never stored: the table keys
// sessions by SecretHash(id). Each session has its own CSRF token.
//
// Expiry: a session ends `idle_ms` after it was last seen (default 2 h) or
// `absolute_ms` after it began (default 12 h), whichever comes first. last_seen_at
// is written at most once per `touch_interval_ms` (default 1 min) rather than on
// every request, so the idle limit is exact to within that interval.
//
// Thread-safe: holds no mutable state of its own; each call is its own
// transaction (the *In variants run in the caller's).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

struct SessionPolicy {
  int64_t idle_ms = 2 * 60 * 60 * 1000;       // 2 h without a request
  int64_t absolute_ms = 12 * 60 * 60 * 1000;  // 12 h after login, whatever happens
  int64_t touch_interval_ms = 60 * 1000;      // last_seen_at write granularity
};

// What a new session gives the caller, once: the raw id goes into the cookie.
struct NewSession {
  std::string id;       // raw session id (cookie value)
  std::string id_hash;  // as stored
  std::string csrf_token;
  int64_t absolute_expires_at = 0;
};

struct Session {
  std::string id_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t absolute_expires_at = 0;
};

class SessionStore {
 public:
  SessionStore(store::Store& store, SessionPolicy policy = {},
               std::function<int64_t()> now_ms = NowMillis);

  // Starts a session for `user_id` inside the caller's transaction.
  Result<NewSession> CreateIn(store::Tx& tx, int64_t user_id, const std::string& remote_address,
                              const std::string& user_agent) const;

  // The live session for the raw id from a cookie; nullopt when the id is
  // malformed, unknown or expired (an expired session is deleted). Writes
  // last_seen_at when it is older than the touch interval.
  // `also` runs in the same read transaction with the session's user id.
  using AlsoIn = std::function<Status(store::Tx&, int64_t user_id)>;
  Result<std::optional<Session>> Validate(const std::string& raw_id, const AlsoIn& also = {});

  // Ends the session with this raw id (logout). Ok when there was none.
  Status Delete(const std::string& raw_id);
  Status DeleteByHash(const std::string& id_hash);
  // Ends every session of `user_id` except the one hashed `keep_hash` (may be
  // empty), inside the caller's transaction: after a password change or reset,
  // or when the user is deactivated.
  static Status DeleteForUserIn(store::Tx& tx, int64_t user_id, const std::string& keep_hash = "");

  // Deletes every expired session; returns how many. For a periodic sweep.
  Result<int64_t> PurgeExpired();

  const SessionPolicy& policy() const { return policy_; }
  int64_t Now() const { return now_ms_(); }
  // Seconds the cookie of a session expiring at `absolute_expires_at` should live.
  int64_t CookieMaxAgeSeconds(int64_t absolute_expires_at) const;
  // When `s` ends unless it is seen again (idle) or at the latest (absolute).
  int64_t ExpiresAt(const Session& s) const;

 private:
  bool Expired(const Session& s, int64_t now) const;

  store::Store& store_;
  const SessionPolicy policy_;
  const std::function<int64_t()> now_ms_;
};

}  // namespace peixun::auth
