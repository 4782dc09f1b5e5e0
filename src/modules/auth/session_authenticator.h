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
// the user's current role, unit_id (a liaison's scope) and person_id. A credential
// that authenticated is remembered for up to a second (internal/credential_cache.h)
// so a burst with one credential does not read its rows on every request; any
// change in this process to a token, a session or a user (revoke, logout, role
// change, deactivation) forgets every remembered credential at once, and a change
// made by another instance applies here within that second.
//
// Thread-safe (as its SessionStore, ApiTokenService and the Store are).
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "api/authenticator.h"
#include "core/clock.h"
#include "modules/auth/api_tokens.h"
#include "modules/auth/session_store.h"
#include "store/store.h"

namespace peixun::auth {

class CredentialCache;  // internal/credential_cache.h

class SessionAuthenticator : public api::Authenticator {
 public:
  // All three must outlive the authenticator.
  SessionAuthenticator(store::Store& store, SessionStore& sessions, ApiTokenService& tokens,
                       std::function<int64_t()> now_ms = NowMillis);
  ~SessionAuthenticator() override;

  Result<std::optional<Principal>> Authenticate(const api::Request& request) override;

 private:
  // The principal for an active user, nullopt when the user is gone or inactive;
  // read inside the credential's own transaction (one read per request).
  static Result<std::optional<Principal>> PrincipalIn(store::Tx& tx, int64_t user_id);

  store::Store& store_;
  SessionStore& sessions_;
  ApiTokenService& tokens_;
  const std::function<int64_t()> now_ms_;
  std::unique_ptr<CredentialCache> cache_;
};

}  // namespace peixun::auth
