// API tokens: long-lived credentials for integrations, sent as
// "Authorization: Bearer <token>" (no cookie, so no CSRF token either).
//
// A token is "pxt_" + 32 random bytes in base64url; the raw text is returned
// once, at creation, and only its hash is stored. A token acts as its user, with
// the user's current role and scope; it stops working when revoked or when the
// user is deactivated. last_used_at is written at most once per touch interval
// (default 1 min), not on every request.
//
// Creating and revoking are audited (auth.token.create / auth.token.revoke,
// entity "api_token"; never the token itself).
//
// Thread-safe: holds no mutable state; each call is one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

inline constexpr char kApiTokenPrefix[] = "pxt_";
inline constexpr size_t kMaxTokenNameChars = 100;

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
  std::optional<int64_t> revoked_at;
};

struct CreatedApiToken {
  ApiToken token;
  std::string raw;  // show once
};

class ApiTokenService {
 public:
  explicit ApiTokenService(store::Store& store, std::function<int64_t()> now_ms = NowMillis,
                           int64_t touch_interval_ms = 60 * 1000);

  // `name` says what the token is for (1..100 characters, "auth.token.name").
  Result<CreatedApiToken> Create(int64_t user_id, const std::string& name,
                                 const Actor& actor = Actor::System());
  // The user's tokens, newest first, revoked ones included (with revoked_at).
  Result<std::vector<ApiToken>> List(int64_t user_id);
  // Revokes the user's token `token_id`; 404 "auth.token.not_found" when the
  // user has no such token. Revoking twice is fine.
  Status Revoke(int64_t user_id, int64_t token_id, const Actor& actor = Actor::System());
  // The user id of a live (unrevoked) token with this raw text; nullopt when
  // malformed, unknown or revoked. Touches last_used_at when due. `also` runs in
  // the same read transaction with the token's user id (the authenticator loads
  // the user there: one read per request instead of two).
  using AlsoIn = std::function<Status(store::Tx&, int64_t user_id)>;
  Result<std::optional<int64_t>> Resolve(const std::string& raw, const AlsoIn& also = {});

 private:
  store::Store& store_;
  const std::function<int64_t()> now_ms_;
  const int64_t touch_interval_ms_;
};

}  // namespace peixun::auth
