// The auth services against a real database (SQLite and PostgreSQL): login,
// throttling, sessions, API tokens, invites, users.
#include <set>

#include "auth_fixture.h"
#include "modules/auth/db_login_throttle.h"
#include "modules/auth/internal/device_binding.h"
#include "modules/auth/internal/secret_token.h"
#include "modules/auth/password.h"

namespace peixun::test {
namespace {

using auth::LoginResult;

auth::UserChange Active(bool active) {
  auth::UserChange change;
  change.active = active;
  return change;
}

std::string Code(const Status& s) { return s.ok() ? "ok" : s.error().code; }
template <typename T>
std::string Code(const Result<T>& r) {
  return r.ok() ? "ok" : r.error().code;
}

// ---- login ----

TEST_F(AuthTest, LoginGivesANewSessionEachTime) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto a = auth().auth.Login("zhang", zhang.password, "10.0.0.1", "Firefox");
  auto b = auth().auth.Login("ZHANG", zhang.password, "10.0.0.1", "Firefox");
  ASSERT_TRUE(a.ok()) << Code(a);
  ASSERT_TRUE(b.ok()) << Code(b);
  EXPECT_EQ(a->user.username, "zhang");
  EXPECT_EQ(a->user.role, Role::kOrganizer);
  EXPECT_EQ(a->session_id.size(), auth::kSecretChars);
  EXPECT_NE(a->session_id, b->session_id);
  EXPECT_NE(a->csrf_token, b->csrf_token);
  EXPECT_EQ(a->expires_at, now_ + 12 * kHour);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGiveTheSameError) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto wrong = auth().auth.Login("zhang", zhang.password + "x", "10.0.0.1", "");
  auto unknown = auth().auth.Login("nobody", zhang.password, "10.0.0.1", "");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().kind, ErrorKind::kUnauthorized);
  EXPECT_EQ(wrong.error().code, "auth.invalid_credentials");
  EXPECT_EQ(unknown.error().code, wrong.error().code);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  EXPECT_EQ(unknown.error().field, wrong.error().field);
}

TEST_F(AuthTest, InactiveUserIsRefusedOnlyWithTheRightPassword) {
  MakeUser("admin0", Role::kAdmin);
  auto li = MakeUser("li", Role::kLecturer);
  ASSERT_TRUE(auth().users.Update(li.user.id, Active(false)).ok());
  EXPECT_EQ(Code(auth().auth.Login("li", li.password, "", "")), "auth.inactive");
  EXPECT_EQ(Code(auth().auth.Login("li", "wrong password", "", "")), "auth.invalid_credentials");
}

TEST_F(AuthTest, ThrottlingKicksInAndEndsAfterTheWindow) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Code(auth().auth.Login("zhang", "wrong password", "10.0.0.1", "")),
              "auth.invalid_credentials");
    now_ += kMinute;  // past each slow-down
  }
  // Even the right password waits now, from any address.
  auto blocked = auth().auth.Login("zhang", zhang.password, "10.0.0.2", "");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(blocked.error().code, "auth.throttled");
  // The window opened at the first failure, 5 minutes ago: 10 are left.
  EXPECT_EQ(
      *auth::DbLoginThrottle(db(), {}, [this] { return now_; }).WaitSeconds("zhang", "10.0.0.2"),
      10 * 60);
  now_ += 10 * kMinute;
  EXPECT_TRUE(auth().auth.Login("zhang", zhang.password, "10.0.0.2", "").ok());
}

TEST_F(AuthTest, ASuccessfulLoginResetsTheAccountCount) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto fail_four_times = [&] {
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(Code(auth().auth.Login("zhang", "wrong password", "a", "")),
                "auth.invalid_credentials");
      now_ += kMinute;
    }
  };
  fail_four_times();
  ASSERT_TRUE(auth().auth.Login("zhang", zhang.password, "a", "").ok());
  fail_four_times();
  EXPECT_TRUE(auth().auth.Login("zhang", zhang.password, "a", "").ok());
}

// ---- sessions ----

TEST_F(AuthTest, SessionIdIsStoredOnlyAsItsHash) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto login = auth().auth.Login("zhang", zhang.password, "10.0.0.9", "Mozilla/5.0");
  ASSERT_TRUE(login.ok());
  auto rows = store::ReadValue<store::Rows>(db(), [](store::Tx& tx) {
    return tx.Query(
        "SELECT id_hash, user_id, csrf_token, remote_address, "
        "user_agent FROM sessions");
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const store::Row& r = (*rows)[0];
  EXPECT_EQ(r.Str(0), auth::SecretHash(login->session_id));
  for (size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r.Str(i).find(login->session_id), std::string::npos) << "column " << i;
  }
  EXPECT_EQ(r.Int(1), zhang.user.id);
  EXPECT_EQ(r.Str(2), login->csrf_token);
  EXPECT_EQ(r.Str(3), "10.0.0.9");
  EXPECT_EQ(r.Str(4), "Mozilla/5.0");
}

TEST_F(AuthTest, SessionEndsAfterTwoIdleHours) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto login = auth().auth.Login("zhang", zhang.password, "", "");
  ASSERT_TRUE(login.ok());
  now_ += 90 * kMinute;
  ASSERT_TRUE(auth().sessions.Validate(login->session_id)->has_value());
  now_ += 110 * kMinute;  // 200 minutes after login, 110 after the last request
  ASSERT_TRUE(auth().sessions.Validate(login->session_id)->has_value());
  now_ += 2 * kHour;
  auto expired = auth().sessions.Validate(login->session_id);
  ASSERT_TRUE(expired.ok());
  EXPECT_FALSE(expired->has_value());
  auto left = store::ReadValue<store::Rows>(
      db(), [](store::Tx& tx) { return tx.Query("SELECT count(*) FROM sessions"); });
  EXPECT_EQ((*left)[0].Int(0), 0);  // the expired session was deleted
}

TEST_F(AuthTest, SessionEndsTwelveHoursAfterLoginHoweverBusy) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto login = auth().auth.Login("zhang", zhang.password, "", "");
  ASSERT_TRUE(login.ok());
  for (int h = 1; h < 12; ++h) {
    now_ += kHour;
    ASSERT_TRUE(auth().sessions.Validate(login->session_id)->has_value()) << h;
  }
  now_ += kHour;
  EXPECT_FALSE(auth().sessions.Validate(login->session_id)->has_value());
}

TEST_F(AuthTest, LastSeenIsWrittenAtMostOnceAMinute) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  const int64_t t0 = now_;
  auto login = auth().auth.Login("zhang", zhang.password, "", "");
  ASSERT_TRUE(login.ok());
  auto last_seen = [&] {
    auto rows = store::ReadValue<store::Rows>(
        db(), [](store::Tx& tx) { return tx.Query("SELECT last_seen_at FROM sessions"); });
    return (*rows)[0].Int(0);
  };
  now_ += 30 * 1000;
  ASSERT_TRUE(auth().sessions.Validate(login->session_id)->has_value());
  EXPECT_EQ(last_seen(), t0);
  now_ += 31 * 1000;
  ASSERT_TRUE(auth().sessions.Validate(login->session_id)->has_value());
  EXPECT_EQ(last_seen(), t0 + 61 * 1000);
}

TEST_F(AuthTest, LogoutEndsTheSession) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto login = auth().auth.Login("zhang", zhang.password, "", "");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(auth().auth.Logout(login->session_id).ok());
  EXPECT_FALSE(auth().sessions.Validate(login->session_id)->has_value());
  EXPECT_TRUE(auth().auth.Logout(login->session_id).ok());  // twice is fine
  EXPECT_FALSE(auth().sessions.Validate("not a session id")->has_value());
}

TEST_F(AuthTest, ExpiredSessionsArePurged) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  ASSERT_TRUE(auth().auth.Login("zhang", zhang.password, "", "").ok());
  now_ += kHour;
  ASSERT_TRUE(auth().auth.Login("zhang", zhang.password, "", "").ok());
  now_ += 2 * kHour - kMinute;  // the first idle for 3 h, the second for 2 h - 1 min
  auto purged = auth().sessions.PurgeExpired();
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 1);
}

TEST_F(AuthTest, ChangingThePasswordChecksTheOldOneAndEndsOtherSessions) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto here = auth().auth.Login("zhang", zhang.password, "", "");
  auto there = auth().auth.Login("zhang", zhang.password, "", "");
  ASSERT_TRUE(here.ok() && there.ok());
  Principal me = auth::PrincipalOf(zhang.user);
  me.session_id_hash = auth::SecretHash(here->session_id);
  auto wrong = auth().auth.ChangePassword(me, "not it", "a new secret 2020");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "auth.password.wrong");
  EXPECT_EQ(wrong.error().field, "old_password");
  EXPECT_EQ(Code(auth().auth.ChangePassword(me, zhang.password, "short")),
            "auth.password.too_short");
  ASSERT_TRUE(auth().auth.ChangePassword(me, zhang.password, "a new secret 2020").ok());
  EXPECT_TRUE(auth().sessions.Validate(here->session_id)->has_value());
  EXPECT_FALSE(auth().sessions.Validate(there->session_id)->has_value());
  EXPECT_FALSE(auth().auth.Login("zhang", zhang.password, "", "").ok());
  EXPECT_TRUE(auth().auth.Login("zhang", "a new secret 2020", "", "").ok());
}

// ---- API tokens ----

TEST_F(AuthTest, ApiTokenWorksUntilRevoked) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto created = auth().tokens.Create(zhang.user.id, "财务系统对接");
  ASSERT_TRUE(created.ok()) << Code(created);
  EXPECT_EQ(created->raw.rfind("pxt_", 0), 0u);
  auto resolved = auth().tokens.Resolve(created->raw);
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(*resolved, std::optional<int64_t>(zhang.user.id));
  // Stored hashed only.
  auto rows = store::ReadValue<store::Rows>(
      db(), [](store::Tx& tx) { return tx.Query("SELECT token_hash FROM api_tokens"); });
  EXPECT_EQ((*rows)[0].Str(0), auth::SecretHash(created->raw));

  ASSERT_TRUE(auth().tokens.Revoke(zhang.user.id, created->token.id).ok());
  EXPECT_FALSE(auth().tokens.Resolve(created->raw)->has_value());
  auto list = auth().tokens.List(zhang.user.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].name, "财务系统对接");
  EXPECT_EQ((*list)[0].revoked_at, std::optional<int64_t>(now_));
  EXPECT_FALSE(auth().tokens.Resolve("pxt_" + std::string(43, 'a'))->has_value());
  EXPECT_FALSE(auth().tokens.Resolve("garbage")->has_value());
}

TEST_F(AuthTest, OnlyTheOwnerRevokesAToken) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto li = MakeUser("li", Role::kOrganizer);
  auto created = auth().tokens.Create(zhang.user.id, "sync");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(Code(auth().tokens.Revoke(li.user.id, created->token.id)), "auth.token.not_found");
  EXPECT_TRUE(auth().tokens.Resolve(created->raw)->has_value());
  EXPECT_EQ(Code(auth().tokens.Create(zhang.user.id, "  ")), "auth.token.name");
}

TEST_F(AuthTest, TokenLastUsedIsWrittenAtMostOnceAMinute) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto created = auth().tokens.Create(zhang.user.id, "sync");
  ASSERT_TRUE(created.ok());
  const int64_t t0 = now_;
  auto last_used = [&] { return (*auth().tokens.List(zhang.user.id))[0].last_used_at; };
  EXPECT_EQ(last_used(), std::nullopt);
  ASSERT_TRUE(auth().tokens.Resolve(created->raw)->has_value());
  EXPECT_EQ(last_used(), std::optional<int64_t>(t0));
  now_ += 59 * 1000;
  ASSERT_TRUE(auth().tokens.Resolve(created->raw)->has_value());
  EXPECT_EQ(last_used(), std::optional<int64_t>(t0));
  now_ += 1000;
  ASSERT_TRUE(auth().tokens.Resolve(created->raw)->has_value());
  EXPECT_EQ(last_used(), std::optional<int64_t>(t0 + kMinute));
}

// ---- invites ----

TEST_F(AuthTest, InviteLogsATraineeInOnceAndBindsTheDevice) {
  auto head = MakeUser("banzhuren", Role::kHeadTeacher);
  const int64_t person = MakePerson("王小明");
  // Without a scope (the composition root wires enrollment's) nobody may invite.
  EXPECT_EQ(Code(auth().invites.Create(person, std::nullopt, auth::PrincipalOf(head.user))),
            "auth.invite.forbidden");
  auto invite = auth().invites.CreateForSystem(person, std::nullopt);
  ASSERT_TRUE(invite.ok()) << Code(invite);
  EXPECT_EQ(invite->url, "/invite/" + invite->token);
  EXPECT_EQ(invite->expires_at, now_ + 7 * kDay);

  auto login = auth().invites.Accept(invite->token, "", "10.1.1.1", "iPhone");
  ASSERT_TRUE(login.ok()) << Code(login);
  EXPECT_EQ(login->user.username, "p" + std::to_string(person));
  EXPECT_EQ(login->user.role, Role::kTrainee);
  EXPECT_EQ(login->user.person_id, std::optional<int64_t>(person));
  EXPECT_EQ(login->user.display_name, "王小明");
  EXPECT_FALSE(login->user.has_password);
  EXPECT_TRUE(auth().sessions.Validate(login->session.id)->has_value());
  ASSERT_TRUE(auth::LooksLikeSecret(login->new_device_id));
  auto bound = store::ReadValue<std::vector<int64_t>>(
      db(), [&](store::Tx& tx) { return auth::UsersOfDeviceIn(tx, login->new_device_id); });
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(*bound, std::vector<int64_t>{login->user.id});

  auto again = auth().invites.Accept(invite->token, login->new_device_id, "", "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(again.error().code, "auth.invite.used");

  // A second invite reuses the account and keeps the browser's device id.
  auto second = auth().invites.CreateForSystem(person, 1);
  ASSERT_TRUE(second.ok());
  auto relogin = auth().invites.Accept(second->token, login->new_device_id, "", "");
  ASSERT_TRUE(relogin.ok()) << Code(relogin);
  EXPECT_EQ(relogin->user.id, login->user.id);
  EXPECT_EQ(relogin->new_device_id, "");

  // The invited trainee has no password to log in with.
  EXPECT_EQ(Code(auth().auth.Login("p" + std::to_string(person), "", "", "")),
            "auth.invalid_credentials");
}

// The invite as a sign-in provider (sign_in_provider.h): what an SMS or WeChat
// provider would be called through.
TEST_F(AuthTest, InviteSignsInThroughTheProviderInterface) {
  const int64_t person = MakePerson("赵一鸣");
  auto invite = auth().invites.CreateForSystem(person, std::nullopt);
  ASSERT_TRUE(invite.ok()) << Code(invite);
  auth::SignInProvider& provider = auth().invites;
  EXPECT_EQ(provider.Id(), "invite");
  EXPECT_EQ(Code(provider.Challenge(auth::SignInProof{{{"token", invite->token}}},
                                    auth::SignInContext{})),
            "auth.sign_in.no_challenge");
  EXPECT_EQ(Code(provider.SignIn(auth::SignInProof{}, auth::SignInContext{})), "auth.invite.token");
  auto in = provider.SignIn(auth::SignInProof{{{"token", invite->token}}},
                            auth::SignInContext{"", "10.1.1.2", "iPhone"});
  ASSERT_TRUE(in.ok()) << Code(in);
  EXPECT_EQ(in->user.role, Role::kTrainee);
  EXPECT_EQ(in->user.person_id, person);
  EXPECT_FALSE(in->new_device_id.empty());
  // Once only, as Accept.
  EXPECT_EQ(
      Code(provider.SignIn(auth::SignInProof{{{"token", invite->token}}}, auth::SignInContext{})),
      "auth.invite.used");
}

TEST_F(AuthTest, InviteExpires) {
  const int64_t person = MakePerson("王小明");
  auto invite = auth().invites.CreateForSystem(person, 2);
  ASSERT_TRUE(invite.ok());
  now_ += 2 * kDay;
  auto late = auth().invites.Accept(invite->token, "", "", "");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(late.error().code, "auth.invite.expired");
}

TEST_F(AuthTest, UnknownOrBadInvitesAreRefused) {
  auto unknown = auth().invites.Accept(auth::RandomSecret(), "", "", "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(unknown.error().code, "auth.invite.not_found");
  EXPECT_EQ(Code(auth().invites.Accept("../../etc", "", "", "")), "auth.invite.not_found");
  EXPECT_EQ(Code(auth().invites.CreateForSystem(424242, std::nullopt)),
            "auth.invite.person_not_found");
  const int64_t person = MakePerson("王小明");
  EXPECT_EQ(Code(auth().invites.CreateForSystem(person, 0)), "auth.invite.days");
  EXPECT_EQ(Code(auth().invites.CreateForSystem(person, 31)), "auth.invite.days");
}

TEST_F(AuthTest, InviteNeverLogsIntoAStaffAccount) {
  const int64_t person = MakePerson("李主任");
  MakeUser("lizhuren", Role::kOrganizer, std::nullopt, person);
  EXPECT_EQ(Code(auth().invites.CreateForSystem(person, std::nullopt)), "auth.invite.not_trainee");
}

TEST_F(AuthTest, DeactivatedTraineeCannotUseAnInvite) {
  MakeUser("admin0", Role::kAdmin);
  const int64_t person = MakePerson("王小明");
  auto first = auth().invites.CreateForSystem(person, std::nullopt);
  auto login = auth().invites.Accept(first->token, "", "", "");
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(auth().users.Update(login->user.id, Active(false)).ok());
  EXPECT_FALSE(auth().sessions.Validate(login->session.id)->has_value());
  auto second = auth().invites.CreateForSystem(person, std::nullopt);
  EXPECT_EQ(Code(auth().invites.Accept(second->token, "", "", "")), "auth.inactive");
  // The failed attempt did not use up the invite.
  ASSERT_TRUE(auth().users.Update(login->user.id, Active(true)).ok());
  EXPECT_TRUE(auth().invites.Accept(second->token, "", "", "").ok());
}

// ---- users ----

TEST_F(AuthTest, FirstAdminIsCreatedOnce) {
  auto first = auth::EnsureFirstAdmin(db());
  ASSERT_TRUE(first.ok()) << Code(first);
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->size(), auth::kGeneratedPasswordChars);
  auto login = auth().auth.Login("admin", **first, "", "");
  ASSERT_TRUE(login.ok()) << Code(login);
  EXPECT_EQ(login->user.role, Role::kAdmin);
  auto second = auth::EnsureFirstAdmin(db());
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
}

TEST_F(AuthTest, CliPasswordResetByUsername) {
  auto first = auth::EnsureFirstAdmin(db());
  ASSERT_TRUE(first.ok() && first->has_value());
  auto fresh = auth::ResetPasswordByUsername(db(), "Admin");
  ASSERT_TRUE(fresh.ok()) << Code(fresh);
  EXPECT_NE(*fresh, **first);
  EXPECT_FALSE(auth().auth.Login("admin", **first, "", "").ok());
  EXPECT_TRUE(auth().auth.Login("admin", *fresh, "", "").ok());
  EXPECT_EQ(Code(auth::ResetPasswordByUsername(db(), "nobody")), "auth.user.not_found");
}

TEST_F(AuthTest, RoleScopeIsValidated) {
  const int64_t district = MakeUnit("×区", std::nullopt, org::UnitKind::kDistrict);
  auth::NewUser liaison{"lianluo", "联络员", Role::kLiaison, std::nullopt, std::nullopt};
  auto refused = auth().users.Create(liaison);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "auth.user.unit_required");
  EXPECT_EQ(refused.error().field, "unit_id");
  liaison.unit_id = 999999;
  EXPECT_EQ(Code(auth().users.Create(liaison)), "auth.user.unit_not_found");
  liaison.unit_id = district;
  auto made = auth().users.Create(liaison);
  ASSERT_TRUE(made.ok()) << Code(made);
  EXPECT_EQ(made->user.unit_id, std::optional<int64_t>(district));

  auth::NewUser trainee{"xueyuan", "学员", Role::kTrainee, std::nullopt, std::nullopt};
  EXPECT_EQ(Code(auth().users.Create(trainee)), "auth.user.person_required");

  auto org = MakeUser("zuzhibu", Role::kOrganizer);
  auth::UserChange to_liaison;
  to_liaison.role = Role::kLiaison;
  EXPECT_EQ(Code(auth().users.Update(org.user.id, to_liaison)), "auth.user.unit_required");
  to_liaison.set_unit = true;
  to_liaison.unit_id = district;
  auto changed = auth().users.Update(org.user.id, to_liaison);
  ASSERT_TRUE(changed.ok()) << Code(changed);
  EXPECT_EQ(changed->role, Role::kLiaison);
}

TEST_F(AuthTest, UsernamesAreUniqueAndReservedOnesRefused) {
  MakeUser("zhang", Role::kOrganizer);
  auth::NewUser dup{"Zhang", "张", Role::kLecturer, std::nullopt, std::nullopt};
  EXPECT_EQ(Code(auth().users.Create(dup)), "auth.username.taken");
  dup.username = "p12";
  EXPECT_EQ(Code(auth().users.Create(dup)), "auth.username.reserved");
  dup.username = "a b";
  EXPECT_EQ(Code(auth().users.Create(dup)), "auth.username.invalid");
  const int64_t person = MakePerson("王小明");
  MakeUser("wang", Role::kLecturer, std::nullopt, person);
  auth::NewUser second{"wang2", "王", Role::kLecturer, std::nullopt, person};
  EXPECT_EQ(Code(auth().users.Create(second)), "auth.user.person_taken");
}

TEST_F(AuthTest, TheLastAdminStays) {
  auto admin = MakeUser("root", Role::kAdmin);
  auth::UserChange demote;
  demote.role = Role::kOrganizer;
  EXPECT_EQ(Code(auth().users.Update(admin.user.id, demote)), "auth.user.last_admin");
  EXPECT_EQ(Code(auth().users.Update(admin.user.id, Active(false))), "auth.user.last_admin");
  MakeUser("root2", Role::kAdmin);
  EXPECT_TRUE(auth().users.Update(admin.user.id, demote).ok());
}

TEST_F(AuthTest, ResetPasswordEndsSessions) {
  auto li = MakeUser("li", Role::kLecturer);
  auto login = auth().auth.Login("li", li.password, "", "");
  ASSERT_TRUE(login.ok());
  auto fresh = auth().users.ResetPassword(li.user.id);
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(auth().sessions.Validate(login->session_id)->has_value());
  EXPECT_TRUE(auth().auth.Login("li", *fresh, "", "").ok());
  EXPECT_EQ(Code(auth().users.ResetPassword(987654)), "auth.user.not_found");
}

TEST_F(AuthTest, WritesAreAuditedWithoutSecrets) {
  auto admin = MakeUser("root", Role::kAdmin);
  const Actor by_admin = Actor::Of(auth::PrincipalOf(admin.user));
  auto li =
      auth().users.Create({"li", "李老师", Role::kLecturer, std::nullopt, std::nullopt}, by_admin);
  ASSERT_TRUE(li.ok());
  auth::UserChange rename;
  rename.display_name = "李讲师";
  ASSERT_TRUE(auth().users.Update(li->user.id, rename, by_admin).ok());
  auto fresh = auth().users.ResetPassword(li->user.id, by_admin);
  ASSERT_TRUE(fresh.ok());
  auto login = auth().auth.Login("li", *fresh, "10.0.0.3", "");
  ASSERT_TRUE(login.ok());
  auto token = auth().tokens.Create(li->user.id, "sync", by_admin);
  ASSERT_TRUE(token.ok());
  auto rows = store::ReadValue<store::Rows>(db(), [](store::Tx& tx) {
    return tx.Query(
        "SELECT action, actor_name, COALESCE(before_json, ''), COALESCE(after_json, '') "
        "FROM audit_log WHERE action LIKE 'auth.%' ORDER BY id");
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message_en;
  std::vector<std::string> actions;
  for (const auto& r : *rows) {
    actions.push_back(r.Str(0));
    for (size_t i = 2; i < 4; ++i) {
      EXPECT_EQ(r.Str(i).find(*fresh), std::string::npos);
      EXPECT_EQ(r.Str(i).find(li->password), std::string::npos);
      EXPECT_EQ(r.Str(i).find("argon2"), std::string::npos);
      EXPECT_EQ(r.Str(i).find(token->raw), std::string::npos);
    }
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"auth.user.create", "auth.user.create",
                                               "auth.user.update", "auth.user.reset_password",
                                               "auth.login", "auth.token.create"}));
  EXPECT_EQ((*rows)[1].Str(1), "root");
  EXPECT_EQ((*rows)[4].Str(1), "li");
}

TEST_F(AuthTest, ListsUsersPagedAndSearched) {
  for (const char* name : {"zhao", "qian", "sun", "li", "zhou"}) MakeUser(name, Role::kLecturer);
  MakeUser("wu", Role::kOrganizer);
  auth::UserQuery q;
  q.limit = 4;
  auto page = auth().users.List(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 6);
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->items[0].username, "li");
  EXPECT_EQ(page->items[3].username, "wu");
  q.offset = 4;
  EXPECT_EQ(auth().users.List(q)->items.size(), 2u);
  auth::UserQuery by_role;
  by_role.role = Role::kOrganizer;
  EXPECT_EQ(auth().users.List(by_role)->total, 1);
  auth::UserQuery search;
  search.search = "ZH";
  EXPECT_EQ(auth().users.List(search)->total, 2);  // zhao, zhou
}

}  // namespace
}  // namespace peixun::test
