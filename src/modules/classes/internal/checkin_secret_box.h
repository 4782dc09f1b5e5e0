#ifndef PEIXUN_MODULE_CLASSES_INTERNALS
#error "modules/classes/internal is private to the classes module"
#endif
// How a class's check-in secret is kept in training_classes.checkin_secret: the
// prefix "sealed1:" then the data key's encryption of the secret
// (crypto/data_key.h, as people's ID numbers are). A value without the prefix is
// a secret from before migration 139 still in clear; SealCheckinSecrets
// (checkin_secret.h) seals those.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "crypto/data_key.h"

namespace peixun::classes {

inline constexpr char kSealedSecretPrefix[] = "sealed1:";

// 32 random bytes, base64 (libsodium): a fresh check-in secret, in clear.
std::string NewCheckinSecret();
// `secret` sealed with `key`, prefix included: what the column stores.
std::string SealCheckinSecret(const crypto::DataKey& key, std::string_view secret);
// True when `stored` carries the prefix.
bool IsSealedCheckinSecret(std::string_view stored);
// The secret in clear; "classes.checkin_secret.unsealed" when `stored` is still
// in clear (run `peixun init`), "crypto.decrypt" when another key sealed it.
Result<std::string> OpenCheckinSecret(const crypto::DataKey& key, std::string_view stored);

}  // namespace peixun::classes
