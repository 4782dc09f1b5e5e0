// SessionAuthenticator: tells the dispatcher (api/dispatcher.h) who is calling.
//
//   Authorization: Bearer <api token>  → the token's user, via_cookie = false
//                                        (no CSRF check: browsers never send it
//                                        on their own). When this header is
//                                        present it alone decides: a bad token
//                                        is anonymous, the cookie is not tried.
//   Cookie: peixun_session=<id>        → the session's user, via_cookie = true,
//                                        csrf_token = the session's token.
//
// Unknown, expired or revoked credentials, and deactivated users, give nullopt
// (the dispatcher answers 401 where a login is needed). The Principal carries
// the user's current role, unit_id (a liaison's scope) and person_id, read from
// the users table on every request, so a role change applies at once.
//
// Thread-safe (as its SessionStore, ApiTokenService and the Store are).
#pragma once

#include <optional>

#include "api/authenticator.h"
#include "modules/auth/api_tokens.h"
#include "modules/auth/session_store.h"
#include "store/store.h"

namespace peixun::auth {

class SessionAuthenticator : public api::Authenticator {
 public:
  // All three must outlive the authenticator.
  SessionAuthenticator(store::Store& store, SessionStore& sessions, ApiTokenService& tokens);

  Result<std::optional<Principal>> Authenticate(const api::Request& request) override;

 private:
  // The principal for an active user, nullopt when the user is gone or inactive;
  // read inside the credential's own transaction (one read per request).
  static Result<std::optional<Principal>> PrincipalIn(store::Tx& tx, int64_t user_id);

  store::Store& store_;
  SessionStore& sessions_;
  ApiTokenService& tokens_;
};

}  // namespace peixun::auth
