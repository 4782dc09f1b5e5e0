// Who is signed in where: a user's own sessions (listed, one revoked, or all but
// the current one) and an administrator's view of anyone's (listed, all ended).
// MLPS level 3 (等保三级) asks that a user can see and end their sessions.
//
// A session is named by a handle: the first 16 hex characters of its stored hash
// (session_store.h), never the id from the cookie. Expired sessions are not listed.
// Every ending is audited (auth.session.revoke, auth.session.revoke_others,
// auth.session.end_all).
//
// Access is checked here: the own-session calls need a session-cookie principal
// (an API token has no session of its own to keep), the user calls an admin.
// Thread-safe (the Store).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/auth/session_store.h"
#include "store/store.h"

namespace peixun::auth {

inline constexpr size_t kSessionHandleChars = 16;

struct SessionView {
  std::string id;  // the handle
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;  // the earlier of the idle and absolute limits
  std::string remote_address;
  std::string user_agent;
  bool current = false;  // the session the request came with
};

class SessionList {
 public:
  // `sessions` must outlive this.
  SessionList(store::Store& store, const SessionStore& sessions);

  // The caller's own live sessions, newest first.
  Result<std::vector<SessionView>> Own(const Principal& principal);
  // Ends one of the caller's sessions (404 auth.session.not_found when no live
  // session of theirs has this handle). Ending the current one is a logout.
  Status RevokeOwn(const Principal& principal, const std::string& handle);
  // Ends every session of the caller but the current one; returns how many.
  Result<int64_t> RevokeOthers(const Principal& principal);

  // An administrator's view of `user_id`'s live sessions (403 otherwise; 404 for
  // an unknown user).
  Result<std::vector<SessionView>> OfUser(const Principal& admin, int64_t user_id);
  // Ends every session of `user_id`; returns how many.
  Result<int64_t> EndAll(const Principal& admin, int64_t user_id);

 private:
  Result<std::vector<SessionView>> ListIn(store::Tx& tx, int64_t user_id,
                                          const std::string& current_hash);

  store::Store& store_;
  const SessionStore& sessions_;
};

}  // namespace peixun::auth
