// One-time passwords for the second factor: HOTP (RFC 4226) and TOTP (RFC 6238)
// with HMAC-SHA-1, 30-second steps and 6 digits, as authenticator apps (Google
// Authenticator, Microsoft Authenticator, FreeOTP, 腾讯身份验证器) compute them; and the
// base32 (RFC 4648, no padding) the otpauth:// URI carries the secret in.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peixun::crypto {

inline constexpr int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// The `digits`-digit HOTP value of `counter` under `key` (raw bytes), zero-padded.
std::string Hotp(std::string_view key, uint64_t counter, int digits = kTotpDigits);
// The TOTP step of a Unix time in seconds: floor(t / 30).
int64_t TotpStep(int64_t unix_seconds);
// The code for the step `unix_seconds` falls in.
std::string Totp(std::string_view key, int64_t unix_seconds, int digits = kTotpDigits);

// RFC 4648 base32, upper case, without '=' padding.
std::string Base32Encode(std::string_view bytes);
// Decodes base32 (case-insensitive, spaces and '=' ignored); nullopt on another character.
std::optional<std::string> Base32Decode(std::string_view text);

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
// (the Key Uri Format of Google Authenticator), label parts percent-encoded.
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32);

}  // namespace peixun::crypto
