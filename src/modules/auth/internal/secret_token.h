#ifndef PEIXUN_MODULE_AUTH_INTERNALS
#error "modules/auth/internal is private to the auth module"
#endif
// Random secrets and the hashes they are stored under.
//
// Session ids, CSRF tokens, API tokens, invite tokens and device ids are 32
// random bytes (libsodium randombytes) written as base64url without padding
// (43 characters), fit for cookies and URLs. The database keeps only
// SecretHash(secret): a copy of the database (or a backup) lets nobody log in.
// An unkeyed hash is enough because the secrets have 256 bits of entropy; there
// is nothing to guess from the hash.
//
// All functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace peixun::auth {

inline constexpr size_t kSecretBytes = 32;
// Length of RandomSecret() text for kSecretBytes.
inline constexpr size_t kSecretChars = 43;

// Initializes libsodium once (idempotent, thread-safe). Every function here
// calls it; other files of the module call it before using libsodium directly.
void EnsureSodium();

// `bytes` random bytes as base64url without padding.
std::string RandomSecret(size_t bytes = kSecretBytes);

// Hex BLAKE2b-256 of `secret` (64 characters).
std::string SecretHash(std::string_view secret);

// True when `text` has the shape of RandomSecret() output (43 base64url
// characters). Lets callers drop garbage cookies before touching the database.
bool LooksLikeSecret(std::string_view text);

// Compares in time independent of where the texts differ; false when either
// is empty or the lengths differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace peixun::auth
