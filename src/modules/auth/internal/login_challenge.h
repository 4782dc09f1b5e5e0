#ifndef PEIXUN_MODULE_AUTH_INTERNALS
#error "modules/auth/internal is private to the auth module"
#endif
// A login that passed the password but still owes the second factor: a random
// token (secret_token.h) the browser sends back with the code, stored hashed in
// login_challenges, good for kChallengeTtlMs and kChallengeMaxFailures wrong codes.
// It is not a session: no route but the second step accepts it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

inline constexpr int64_t kChallengeTtlMs = 5 * 60 * 1000;
inline constexpr int kChallengeMaxFailures = 5;

// kind: "totp" (enter a code) or "enroll" (set the second factor up first).
struct Challenge {
  std::string id_hash;
  int64_t user_id = 0;
  std::string kind;
  int failures = 0;
};

// Returns the raw token. Any older challenge of the user ends.
Result<std::string> CreateChallengeIn(store::Tx& tx, int64_t user_id, const std::string& kind,
                                      int64_t now_ms);
// The live challenge for a raw token; nullopt when unknown, expired or spent.
Result<std::optional<Challenge>> FindChallengeIn(store::Tx& tx, const std::string& raw,
                                                 int64_t now_ms);
// Counts a wrong code; the challenge ends at kChallengeMaxFailures.
Status CountChallengeFailureIn(store::Tx& tx, const Challenge& c);
Status DeleteChallengeIn(store::Tx& tx, const Challenge& c);

Error ChallengeExpired();

}  // namespace peixun::auth
