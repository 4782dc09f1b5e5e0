// The Set-Cookie header values of the auth module.
//
//   peixun_session  the session id; HttpOnly (no script can read it), SameSite=Lax
//                   (not sent on cross-site POSTs; the CSRF token covers the rest),
//                   Path=/, Max-Age = until the session's absolute expiry, Secure
//                   when the request came over TLS.
//   peixun_device   a phone browser's device id (internal/device_binding.h); same flags,
//                   400 days (the longest lifetime browsers honour, RFC 6265bis).
//
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace peixun::auth {

inline constexpr char kSessionCookie[] = "peixun_session";
inline constexpr char kDeviceCookie[] = "peixun_device";
inline constexpr int64_t kDeviceCookieMaxAgeSeconds = 400LL * 24 * 60 * 60;

std::string SessionCookie(const std::string& session_id, int64_t max_age_seconds, bool secure);
// Clears the session cookie (logout).
std::string ClearSessionCookie(bool secure);
std::string DeviceCookie(const std::string& device_id, bool secure);

}  // namespace peixun::auth
