#include "modules/auth/cookies.h"

namespace peixun::auth {
namespace {

std::string Cookie(const char* name, const std::string& value, int64_t max_age, bool secure) {
  std::string out = std::string(name) + "=" + value +
                    "; Path=/; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Lax";
  if (secure) out += "; Secure";
  return out;
}

}  // namespace

std::string SessionCookie(const std::string& session_id, int64_t max_age_seconds, bool secure) {
  return Cookie(kSessionCookie, session_id, max_age_seconds, secure);
}

std::string ClearSessionCookie(bool secure) { return Cookie(kSessionCookie, "", 0, secure); }

std::string DeviceCookie(const std::string& device_id, bool secure) {
  return Cookie(kDeviceCookie, device_id, kDeviceCookieMaxAgeSeconds, secure);
}

}  // namespace peixun::auth
