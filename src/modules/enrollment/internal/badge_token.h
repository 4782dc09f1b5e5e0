#ifndef PEIXUN_MODULE_ENROLLMENT_INTERNALS
#error "modules/enrollment/internal is private to the enrollment module"
#endif
// The personal token printed as a QR code on a trainee's badge (胸牌), for kiosk
// check-in: the badge payload is the path BadgeUrl(class_id, token) =
// "/k/<class_id>/<token>", and token = "<person_id>.<mac>", where mac is the
// HMAC-SHA-512-256 (libsodium crypto_auth) of "peixun.badge.v1:<class_id>:<person_id>"
// under a key derived (BLAKE2b) from the class's check-in secret, written as
// base64url without padding (43 characters). The person id is in clear so the kiosk
// knows whom to look up; the mac makes the token unforgeable without the secret and
// binds it to one class. Badges do not expire: a new secret (a copied class) gives
// new tokens.
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peixun::enrollment {

// The token of `person_id` in `class_id` under the class's check-in secret.
std::string BadgeToken(int64_t class_id, int64_t person_id, std::string_view checkin_secret);

// "/k/<class_id>/<token>".
std::string BadgeUrl(int64_t class_id, std::string_view token);

// The person id when `token` is a valid BadgeToken for `class_id` under the secret;
// nullopt for anything else (wrong class, altered id or mac, garbage). Runs in time
// independent of where a forged mac differs.
std::optional<int64_t> VerifyBadgeToken(int64_t class_id, std::string_view token,
                                        std::string_view checkin_secret);

}  // namespace peixun::enrollment
