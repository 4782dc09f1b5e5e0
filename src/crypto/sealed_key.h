// The data key file as it travels with a backup: sealed with a passphrase, so a
// stolen backup (database + sealed key) reveals nothing without the passphrase.
//
// Format (text, one line after the header):
//   peixun-sealed-key-v1
//   base64(salt[crypto_pwhash_SALTBYTES] || nonce[crypto_secretbox_NONCEBYTES] ||
//          crypto_secretbox_easy(key file bytes))
// The secretbox key is crypto_pwhash (Argon2id, OPSLIMIT/MEMLIMIT_INTERACTIVE)
// of the passphrase and the salt. Pure functions of their inputs but the random
// salt and nonce; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::crypto {

inline constexpr char kSealedKeyHeader[] = "peixun-sealed-key-v1";

// The sealed text of `key_file_bytes`. "crypto.passphrase.empty" for an empty
// passphrase; "crypto.pwhash" when the machine lacks the memory for Argon2id.
Result<std::string> SealKeyFile(std::string_view key_file_bytes, std::string_view passphrase);

// The key file's bytes back. "crypto.sealed_key.format" when `sealed` is not
// such a text; "crypto.passphrase.wrong" when the passphrase does not open it
// (or the text was altered).
Result<std::string> OpenSealedKeyFile(std::string_view sealed, std::string_view passphrase);

}  // namespace peixun::crypto
