// SHA-1 and HMAC-SHA-1 (FIPS 180-4, RFC 2104), for HOTP/TOTP only (totp.h).
//
// SHA-1 is broken for collisions, not as the PRF inside HMAC, which is what RFC 4226
// and RFC 6238 use, and what every authenticator app computes; libsodium has no
// SHA-1, hence this small implementation. Do not use it for anything else.
//
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <string_view>

namespace peixun::crypto {

using Sha1Digest = std::array<unsigned char, 20>;

Sha1Digest Sha1(std::string_view message);
Sha1Digest HmacSha1(std::string_view key, std::string_view message);

}  // namespace peixun::crypto
