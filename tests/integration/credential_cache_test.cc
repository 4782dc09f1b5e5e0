// The authenticator's short-lived credential cache (modules/auth/internal/
// credential_cache.h): a burst with one credential is answered from memory, and
// every change made through this process — a token revoked, a logout, a user
// deactivated or given another role — is refused or applied at once, on the next
// request. A change the process cannot hear (a row changed behind its back, as by
// another instance) applies once the entry's second is over.
#include <gtest/gtest.h>

#include "auth_fixture.h"
#include "modules/auth/cookies.h"

namespace peixun::test {
namespace {

class CredentialCacheTest : public AuthTest {
 protected:
  api::Request Bearer(const std::string& token) {
    api::Request r;
    r.headers.emplace_back("authorization", "Bearer " + token);
    return r;
  }
  api::Request WithCookie(const std::string& session_id) {
    api::Request r;
    r.headers.emplace_back("cookie", std::string(auth::kSessionCookie) + "=" + session_id);
    return r;
  }
  std::optional<Principal> Who(const api::Request& r) {
    auto p = auth().authenticator.Authenticate(r);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().code);
    return p.ok() ? *p : std::nullopt;
  }
  std::string NewSession(int64_t user_id) {
    auto s = store::TransactValue<auth::NewSession>(db(), [&](store::Tx& tx) {
      return auth().sessions.CreateIn(tx, user_id, "127.0.0.1", "test");
    });
    EXPECT_TRUE(s.ok());
    return s.ok() ? s->id : "";
  }
};

TEST_F(CredentialCacheTest, RevokedTokenIsRefusedAtOnce) {
  auth::CreatedUser u = MakeUser("kiosk1", Role::kOrganizer);
  auto token = auth().tokens.Create(u.user.id, "签到机");
  ASSERT_TRUE(token.ok());
  for (int i = 0; i < 3; ++i) {  // the first reads, the others are remembered
    auto p = Who(Bearer(token->raw));
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->user_id, u.user.id);
    EXPECT_FALSE(p->via_cookie);
  }
  ASSERT_TRUE(auth().tokens.Revoke(u.user.id, token->token.id).ok());
  EXPECT_FALSE(Who(Bearer(token->raw)).has_value());
}

TEST_F(CredentialCacheTest, DeactivationAndRoleChangeApplyAtOnce) {
  auth::CreatedUser u = MakeUser("organizer2", Role::kOrganizer);
  auto token = auth().tokens.Create(u.user.id, "集成");
  ASSERT_TRUE(token.ok());
  const std::string session = NewSession(u.user.id);
  ASSERT_EQ(Who(Bearer(token->raw))->role, Role::kOrganizer);
  ASSERT_EQ(Who(WithCookie(session))->role, Role::kOrganizer);

  auth::UserChange promote;
  promote.role = Role::kLecturer;
  ASSERT_TRUE(auth().users.Update(u.user.id, promote).ok());
  EXPECT_EQ(Who(Bearer(token->raw))->role, Role::kLecturer);
  EXPECT_EQ(Who(WithCookie(session))->role, Role::kLecturer);

  auth::UserChange off;
  off.active = false;
  ASSERT_TRUE(auth().users.Update(u.user.id, off).ok());
  EXPECT_FALSE(Who(Bearer(token->raw)).has_value());
  EXPECT_FALSE(Who(WithCookie(session)).has_value());
}

TEST_F(CredentialCacheTest, LogoutIsRefusedAtOnceAndTheCookieCarriesItsCsrfToken) {
  auth::CreatedUser u = MakeUser("teacher3", Role::kHeadTeacher);
  const std::string session = NewSession(u.user.id);
  auto first = Who(WithCookie(session));
  ASSERT_TRUE(first.has_value());
  auto again = Who(WithCookie(session));  // remembered
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->via_cookie);
  EXPECT_FALSE(again->csrf_token.empty());
  EXPECT_EQ(again->csrf_token, first->csrf_token);
  EXPECT_EQ(again->session_id_hash, first->session_id_hash);
  ASSERT_TRUE(auth().sessions.Delete(session).ok());
  EXPECT_FALSE(Who(WithCookie(session)).has_value());
}

TEST_F(CredentialCacheTest, AChangeBehindTheProcessAppliesWithinTheFreshness) {
  auth::CreatedUser u = MakeUser("kiosk4", Role::kOrganizer);
  auto token = auth().tokens.Create(u.user.id, "签到机");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(Who(Bearer(token->raw)).has_value());
  // As another instance would: the row changes without this process hearing of it.
  ASSERT_TRUE(db().Transact([&](store::Tx& tx) -> Status {
                    PEIXUN_RETURN_IF_ERROR(
                        tx.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ?",
                                {store::Int(now_), store::Int(token->token.id)}));
                    return Ok();
                  })
                  .ok());
  EXPECT_TRUE(Who(Bearer(token->raw)).has_value());  // still remembered: the bound
  now_ += 1000;                                      // CredentialCache::kFreshMs later
  EXPECT_FALSE(Who(Bearer(token->raw)).has_value());
}

TEST_F(CredentialCacheTest, AnExpiredSessionIsNotServedFromMemory) {
  auth::CreatedUser u = MakeUser("teacher5", Role::kHeadTeacher);
  const std::string session = NewSession(u.user.id);
  ASSERT_TRUE(Who(WithCookie(session)).has_value());
  now_ += auth().sessions.policy().idle_ms;  // idle for the whole limit
  EXPECT_FALSE(Who(WithCookie(session)).has_value());
}

}  // namespace
}  // namespace peixun::test
