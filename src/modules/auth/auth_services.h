// The auth module assembled: every service it has, wired to one Store, for the
// composition root (the server) and the tests.
//
//   auth::AuthServices auth(store);                 // or (store, options)
//   auth::RegisterAuthRoutes(router, auth);
//   api::Dispatcher dispatcher(router, auth.authenticator, metrics, log);
//
// Members are constructed in declaration order and refer to one another; the
// object can be neither copied nor moved. Thread-safe as its members are (all of
// them are).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "crypto/data_key.h"
#include "modules/auth/api_tokens.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/invite_service.h"
#include "modules/auth/second_factor.h"
#include "modules/auth/session_authenticator.h"
#include "modules/auth/session_store.h"
#include "modules/auth/user_service.h"
#include "store/store.h"

namespace peixun::auth {

struct AuthOptions {
  SessionPolicy sessions;
  int64_t token_touch_interval_ms = 60 * 1000;  // api_tokens.last_used_at granularity
  std::function<int64_t()> now_ms = NowMillis;  // tests inject a clock
  // Roles that must pass a second factor (TOTP) at login. `peixun serve
  // --second-factor optional` (and the demo, by default) empties it.
  std::vector<Role> second_factor_roles = {Role::kAdmin, Role::kOrganizer};
  // Seals TOTP secrets and fingerprints recovery codes; the server's data key.
  std::optional<crypto::DataKey> data_key;
  std::string totp_issuer = "peixun";  // the name authenticator apps show
};

struct AuthServices {
  explicit AuthServices(store::Store& store, AuthOptions options = {})
      : store(store),
        sessions(store, options.sessions, options.now_ms),
        users(store, options.now_ms),
        tokens(store, options.now_ms, options.token_touch_interval_ms),
        second_factor(options.data_key, options.totp_issuer, options.now_ms),
        auth(store, sessions, second_factor, options.second_factor_roles, options.now_ms),
        invites(store, sessions, options.now_ms),
        authenticator(store, sessions, tokens, options.now_ms) {}
  AuthServices(const AuthServices&) = delete;
  AuthServices& operator=(const AuthServices&) = delete;

  store::Store& store;
  SessionStore sessions;
  UserService users;
  ApiTokenService tokens;
  SecondFactor second_factor;
  AuthService auth;
  InviteService invites;
  SessionAuthenticator authenticator;
};

}  // namespace peixun::auth
