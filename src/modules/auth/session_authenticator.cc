#include "modules/auth/session_authenticator.h"

#include <cctype>
#include <string>
#include <string_view>

#include "modules/auth/cookies.h"
#include "modules/auth/user_service.h"

namespace peixun::auth {
namespace {

// The credentials of an "Authorization: Bearer …" header ("" for other schemes).
std::string BearerToken(const std::string& header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
  }
  size_t start = kScheme.size();
  while (start < header.size() && header[start] == ' ') ++start;
  size_t end = header.size();
  while (end > start && header[end - 1] == ' ') --end;
  return header.substr(start, end - start);
}

}  // namespace

SessionAuthenticator::SessionAuthenticator(store::Store& store, SessionStore& sessions,
                                           ApiTokenService& tokens)
    : store_(store), sessions_(sessions), tokens_(tokens) {}

Result<std::optional<Principal>> SessionAuthenticator::PrincipalIn(store::Tx& tx, int64_t user_id) {
  auto user = UserService::GetIn(tx, user_id);
  if (!user && user.error().kind == ErrorKind::kNotFound) return std::optional<Principal>();
  if (!user) return user.error();
  if (!user->active) return std::optional<Principal>();
  return std::optional<Principal>(PrincipalOf(*user));
}

Result<std::optional<Principal>> SessionAuthenticator::Authenticate(const api::Request& request) {
  const std::string authorization = request.Header("authorization");
  if (!authorization.empty()) {
    const std::string token = BearerToken(authorization);
    if (token.empty()) return std::optional<Principal>();
    std::optional<Principal> principal;
    PEIXUN_ASSIGN_OR_RETURN(std::optional<int64_t> user_id,
                            tokens_.Resolve(token, [&](store::Tx& tx, int64_t id) -> Status {
                              PEIXUN_ASSIGN_OR_RETURN(principal, PrincipalIn(tx, id));
                              return Ok();
                            }));
    if (!user_id) return std::optional<Principal>();
    if (principal) principal->via_cookie = false;
    return principal;
  }
  const std::string cookie = request.Cookie(kSessionCookie);
  if (cookie.empty()) return std::optional<Principal>();
  std::optional<Principal> principal;
  PEIXUN_ASSIGN_OR_RETURN(std::optional<Session> session,
                          sessions_.Validate(cookie, [&](store::Tx& tx, int64_t id) -> Status {
                            PEIXUN_ASSIGN_OR_RETURN(principal, PrincipalIn(tx, id));
                            return Ok();
                          }));
  if (!session) return std::optional<Principal>();
  if (principal) {
    principal->via_cookie = true;
    principal->session_id_hash = session->id_hash;
    principal->csrf_token = session->csrf_token;
  }
  return principal;
}

}  // namespace peixun::auth
