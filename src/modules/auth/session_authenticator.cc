#include "modules/auth/session_authenticator.h"

#include <cctype>
#include <limits>
#include <string>
#include <string_view>

#include "modules/auth/cookies.h"
#include "modules/auth/internal/credential_cache.h"
#include "modules/auth/internal/secret_token.h"
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
                                           ApiTokenService& tokens, std::function<int64_t()> now_ms)
    : store_(store),
      sessions_(sessions),
      tokens_(tokens),
      now_ms_(std::move(now_ms)),
      cache_(std::make_unique<CredentialCache>()) {}

SessionAuthenticator::~SessionAuthenticator() = default;

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
    const int64_t now = now_ms_();
    const std::string key = "t" + SecretHash(token);
    if (auto hit = cache_->Find(key, now)) return hit;
    const uint64_t epoch = CredentialCache::Epoch();  // before the read
    std::optional<Principal> principal;
    PEIXUN_ASSIGN_OR_RETURN(std::optional<int64_t> user_id,
                            tokens_.Resolve(token, [&](store::Tx& tx, int64_t id) -> Status {
                              PEIXUN_ASSIGN_OR_RETURN(principal, PrincipalIn(tx, id));
                              return Ok();
                            }));
    if (!user_id) return std::optional<Principal>();
    if (principal) {
      principal->via_cookie = false;
      cache_->Put(key, *principal, now, std::numeric_limits<int64_t>::max(), epoch);
    }
    return principal;
  }
  const std::string cookie = request.Cookie(kSessionCookie);
  if (cookie.empty()) return std::optional<Principal>();
  const int64_t now = now_ms_();
  const std::string key = "s" + SecretHash(cookie);
  if (auto hit = cache_->Find(key, now)) return hit;
  const uint64_t epoch = CredentialCache::Epoch();  // before the read
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
    cache_->Put(key, *principal, now, sessions_.ExpiresAt(*session), epoch);
  }
  return principal;
}

}  // namespace peixun::auth
