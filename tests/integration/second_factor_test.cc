// The second factor (TOTP + recovery codes) against a real database (SQLite and
// PostgreSQL): enrollment at login for the roles that require it, login with a
// code, replay refused, recovery codes once, the optional enrollment of others,
// and the same through the HTTP routes (202 challenge, no session before the code).
#include <set>

#include "app_fixture.h"
#include "auth_fixture.h"
#include "crypto/totp.h"

namespace peixun::test {
namespace {

template <typename T>
std::string Code(const Result<T>& r) {
  return r.ok() ? "ok" : r.error().code;
}
std::string Code(const Status& s) { return s.ok() ? "ok" : s.error().code; }

class SecondFactorTest : public AuthTest {
 protected:
  std::vector<Role> SecondFactorRoles() const override { return {Role::kAdmin, Role::kOrganizer}; }

  // The code an authenticator app shows now for the base32 secret.
  std::string CodeNow(const std::string& secret, int64_t shift_ms = 0) const {
    return crypto::Totp(*crypto::Base32Decode(secret), (now_ + shift_ms) / 1000);
  }

  // Logs `username` in through password and enrollment; returns the secret and codes.
  struct Enrolled {
    std::string secret;
    std::vector<std::string> recovery_codes;
  };
  Enrolled EnrollAtLogin(const std::string& username, const std::string& password) {
    auto first = auth().auth.Login(username, password, "10.0.0.1", "Firefox");
    EXPECT_TRUE(first.ok()) << Code(first);
    if (!first.ok()) return {};
    EXPECT_EQ(first->stage, auth::LoginStage::kEnroll);
    EXPECT_TRUE(first->session_id.empty());
    auto setup = auth().auth.BeginLoginEnrollment(first->challenge);
    EXPECT_TRUE(setup.ok()) << Code(setup);
    if (!setup.ok()) return {};
    auto done = auth().auth.ConfirmLoginEnrollment(first->challenge, CodeNow(setup->secret),
                                                   "10.0.0.1", "Firefox");
    EXPECT_TRUE(done.ok()) << Code(done);
    if (!done.ok()) return {};
    EXPECT_EQ(done->stage, auth::LoginStage::kDone);
    EXPECT_FALSE(done->session_id.empty());
    return {setup->secret, done->recovery_codes};
  }
};

TEST_F(SecondFactorTest, OrganizerEnrollsAtFirstLoginWithASealedSecret) {
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  auto first = auth().auth.Login("zhang", zhang.password, "10.0.0.1", "Firefox");
  ASSERT_TRUE(first.ok()) << Code(first);
  EXPECT_EQ(first->stage, auth::LoginStage::kEnroll);
  EXPECT_TRUE(first->session_id.empty());
  auto setup = auth().auth.BeginLoginEnrollment(first->challenge);
  ASSERT_TRUE(setup.ok()) << Code(setup);
  EXPECT_EQ(setup->secret.size(), 32u);  // 20 bytes in base32
  EXPECT_EQ(setup->otpauth_uri, "otpauth://totp/peixun:zhang?secret=" + setup->secret +
                                    "&issuer=peixun&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(setup->qr_svg.rfind("<svg", 0), 0u);
  // Stored sealed with the data key, not as the secret.
  std::string stored;
  ASSERT_TRUE(db().Read([&](store::Tx& tx) -> Status {
                    PEIXUN_ASSIGN_OR_RETURN(
                        store::Rows rows, tx.Query("SELECT secret FROM user_totp WHERE user_id = ?",
                                                   {store::Int(zhang.user.id)}));
                    stored = rows.empty() ? "" : rows[0].Str(0);
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(stored.find(setup->secret), std::string::npos);
  EXPECT_EQ(crypto::Base32Encode(*key_.Decrypt(stored)), setup->secret);

  // A wrong first code keeps the challenge; the right one starts the session.
  const std::string right = CodeNow(setup->secret);
  const std::string wrong = right == "000000" ? "111111" : "000000";
  EXPECT_EQ(Code(auth().auth.ConfirmLoginEnrollment(first->challenge, wrong, "10.0.0.1", "")),
            "auth.totp.wrong_code");
  auto done = auth().auth.ConfirmLoginEnrollment(first->challenge, right, "10.0.0.1", "");
  ASSERT_TRUE(done.ok()) << Code(done);
  EXPECT_FALSE(done->session_id.empty());
  ASSERT_EQ(done->recovery_codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(done->recovery_codes.begin(), done->recovery_codes.end()).size(),
            10u);
  // The challenge is spent.
  EXPECT_EQ(Code(auth().auth.ConfirmLoginEnrollment(first->challenge, right, "10.0.0.1", "")),
            "auth.challenge_expired");
}

TEST_F(SecondFactorTest, LoginWithACodeAndTheSameCodeIsNotTakenTwice) {
  auto wang = MakeUser("wang", Role::kAdmin);
  Enrolled e = EnrollAtLogin("wang", wang.password);
  ASSERT_FALSE(e.secret.empty());
  now_ += 31 * 1000;  // the next step
  auto second = auth().auth.Login("wang", wang.password, "10.0.0.1", "");
  ASSERT_TRUE(second.ok()) << Code(second);
  ASSERT_EQ(second->stage, auth::LoginStage::kSecondFactor);
  const std::string code = CodeNow(e.secret);
  auto in = auth().auth.LoginWithCode(second->challenge, code, "10.0.0.1", "Chrome");
  ASSERT_TRUE(in.ok()) << Code(in);
  EXPECT_FALSE(in->session_id.empty());
  EXPECT_EQ(in->user.username, "wang");
  // Somebody who saw the code tries it within its window.
  auto third = auth().auth.Login("wang", wang.password, "10.0.0.9", "");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(Code(auth().auth.LoginWithCode(third->challenge, code, "10.0.0.9", "")),
            "auth.totp.replayed");
  // The previous step's code is older than the one used: refused too.
  EXPECT_EQ(Code(auth().auth.LoginWithCode(third->challenge, CodeNow(e.secret, -30 * 1000),
                                           "10.0.0.9", "")),
            "auth.totp.replayed");
  now_ += 30 * 1000;
  EXPECT_TRUE(auth().auth.LoginWithCode(third->challenge, CodeNow(e.secret), "10.0.0.9", "").ok());
}

TEST_F(SecondFactorTest, ARecoveryCodeWorksOnce) {
  auto wang = MakeUser("wang", Role::kAdmin);
  Enrolled e = EnrollAtLogin("wang", wang.password);
  ASSERT_EQ(e.recovery_codes.size(), 10u);
  auto a = auth().auth.Login("wang", wang.password, "10.0.0.1", "");
  ASSERT_TRUE(a.ok());
  // Typed in upper case without the dash: still the code.
  std::string typed = e.recovery_codes[3];
  typed.erase(typed.find('-'), 1);
  for (char& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(auth().auth.LoginWithCode(a->challenge, typed, "10.0.0.1", "").ok());
  auto b = auth().auth.Login("wang", wang.password, "10.0.0.1", "");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(Code(auth().auth.LoginWithCode(b->challenge, e.recovery_codes[3], "10.0.0.1", "")),
            "auth.totp.wrong_code");
  EXPECT_TRUE(auth().auth.LoginWithCode(b->challenge, e.recovery_codes[4], "10.0.0.1", "").ok());
  Principal p = auth::PrincipalOf(auth().users.Get(wang.user.id).value());
  auto st = auth().auth.SecondFactorStateOf(p);
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE(st->enabled);
  EXPECT_EQ(st->recovery_codes_left, 8);
}

TEST_F(SecondFactorTest, FiveWrongCodesEndTheChallenge) {
  auto wang = MakeUser("wang", Role::kAdmin);
  Enrolled e = EnrollAtLogin("wang", wang.password);
  now_ += 31 * 1000;
  auto a = auth().auth.Login("wang", wang.password, "10.0.0.1", "");
  ASSERT_TRUE(a.ok());
  const std::string right = CodeNow(e.secret);
  const std::string wrong = right == "123456" ? "654321" : "123456";
  // Wrong codes slow the account down (db_login_throttle.h): the test waits them out.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Code(auth().auth.LoginWithCode(a->challenge, wrong, "10.0.0.1", "")),
              "auth.totp.wrong_code");
    now_ += 5 * 1000;
  }
  EXPECT_EQ(Code(auth().auth.LoginWithCode(a->challenge, wrong, "10.0.0.1", "")),
            "auth.totp.wrong_code");
  EXPECT_EQ(Code(auth().auth.LoginWithCode(a->challenge, right, "10.0.0.1", "")),
            "auth.challenge_expired");
}

TEST_F(SecondFactorTest, OtherRolesMayEnrollAndTurnItOff) {
  auto li = MakeUser("li", Role::kLecturer);
  auto plain = auth().auth.Login("li", li.password, "10.0.0.1", "");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->stage, auth::LoginStage::kDone);  // optional for lecturers
  Principal p = auth::PrincipalOf(li.user);
  // The admin's user list tells who has a second factor: a key begun but not yet
  // confirmed does not count.
  auto has_factor = [&](int64_t id) {
    auto u = auth().users.Get(id);
    EXPECT_TRUE(u.ok());
    return u.ok() && u->second_factor;
  };
  auto setup = auth().auth.BeginEnrollment(p);
  ASSERT_TRUE(setup.ok()) << Code(setup);
  EXPECT_FALSE(has_factor(li.user.id));
  auto codes = auth().auth.ConfirmEnrollment(p, CodeNow(setup->secret));
  ASSERT_TRUE(codes.ok()) << Code(codes);
  EXPECT_TRUE(has_factor(li.user.id));
  EXPECT_EQ(codes->size(), 10u);
  EXPECT_EQ(Code(auth().auth.BeginEnrollment(p)), "auth.totp.enabled");
  auto next = auth().auth.Login("li", li.password, "10.0.0.1", "");
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->stage, auth::LoginStage::kSecondFactor);
  now_ += 31 * 1000;
  EXPECT_EQ(Code(auth().auth.DisableSecondFactor(
                p, "000000" == CodeNow(setup->secret) ? "111111" : "000000")),
            "auth.totp.wrong_code");
  EXPECT_EQ(Code(auth().auth.DisableSecondFactor(p, CodeNow(setup->secret))), "ok");
  EXPECT_FALSE(has_factor(li.user.id));
  auto after = auth().auth.Login("li", li.password, "10.0.0.1", "");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->stage, auth::LoginStage::kDone);

  // An organizer may not turn it off; an admin may reset it for them.
  auto zhang = MakeUser("zhang", Role::kOrganizer);
  Enrolled e = EnrollAtLogin("zhang", zhang.password);
  now_ += 31 * 1000;
  Principal org = auth::PrincipalOf(zhang.user);
  EXPECT_EQ(Code(auth().auth.DisableSecondFactor(org, CodeNow(e.secret))), "auth.totp.required");
  EXPECT_EQ(Code(auth().auth.ResetSecondFactor(org, zhang.user.id)), "auth.forbidden");
  auto admin = MakeUser("admin1", Role::kAdmin);
  EXPECT_TRUE(has_factor(zhang.user.id));
  EXPECT_EQ(Code(auth().auth.ResetSecondFactor(auth::PrincipalOf(admin.user), zhang.user.id)),
            "ok");
  EXPECT_FALSE(has_factor(zhang.user.id));
  auto again = auth().auth.Login("zhang", zhang.password, "10.0.0.1", "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stage, auth::LoginStage::kEnroll);
}

// Through the routes: the password alone gives 202 and no cookie.
class SecondFactorRoutesTest : public AppTest {
 protected:
  bool SecondFactorRequired() const override { return true; }
};

TEST_F(SecondFactorRoutesTest, PasswordGives202ThenEnrollmentGivesTheSession) {
  auto created =
      app().auth().users.Create(auth::NewUser{"zuzhi", "组织部 测试", Role::kOrganizer, {}, {}});
  ASSERT_TRUE(created.ok());
  auto r = Send(api::Method::kPost, "/api/v1/auth/login",
                nlohmann::json{{"username", "zuzhi"}, {"password", created->password}}.dump());
  ASSERT_EQ(r.status, 202) << r.body;
  for (const auto& [k, v] : r.headers) EXPECT_NE(k, "Set-Cookie");
  auto body = Body(r);
  EXPECT_EQ(body["second_factor"], "enroll");
  const std::string challenge = body["challenge"];
  // The challenge is no session.
  EXPECT_EQ(Get("/api/v1/auth/me", Session{"peixun_session=" + challenge, ""}).status, 401);

  auto setup = Send(api::Method::kPost, "/api/v1/auth/login/enroll",
                    nlohmann::json{{"challenge", challenge}}.dump());
  ASSERT_EQ(setup.status, 200) << setup.body;
  const std::string secret = Body(setup)["secret"];
  const std::string code = crypto::Totp(*crypto::Base32Decode(secret), NowMillis() / 1000);
  auto bad = Send(api::Method::kPost, "/api/v1/auth/login/enroll/confirm",
                  nlohmann::json{{"challenge", challenge}, {"code", "12"}}.dump());
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(ErrorCode(bad), "auth.totp.wrong_code");
  auto done = Send(api::Method::kPost, "/api/v1/auth/login/enroll/confirm",
                   nlohmann::json{{"challenge", challenge}, {"code", code}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Body(done)["recovery_codes"].size(), 10u);
  Session s;
  for (const auto& [k, v] : done.headers) {
    if (k == "Set-Cookie" && v.rfind("peixun_session=", 0) == 0)
      s.cookie = v.substr(0, v.find(';'));
  }
  s.csrf = Body(done)["csrf_token"];
  auto me = Get("/api/v1/auth/totp", s);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Body(me)["enabled"], true);
  EXPECT_EQ(Body(me)["required"], true);
  EXPECT_EQ(Body(me)["recovery_codes_left"], 10);

  // Next login: a code; the same code again is refused.
  auto again = Send(api::Method::kPost, "/api/v1/auth/login",
                    nlohmann::json{{"username", "zuzhi"}, {"password", created->password}}.dump());
  ASSERT_EQ(again.status, 202);
  EXPECT_EQ(Body(again)["second_factor"], "totp");
  auto replay =
      Send(api::Method::kPost, "/api/v1/auth/login/code",
           nlohmann::json{{"challenge", Body(again)["challenge"]}, {"code", code}}.dump());
  EXPECT_EQ(replay.status, 422);
  EXPECT_EQ(ErrorCode(replay), "auth.totp.replayed");
  auto recovery = Send(api::Method::kPost, "/api/v1/auth/login/code",
                       nlohmann::json{{"challenge", Body(again)["challenge"]},
                                      {"code", Body(done)["recovery_codes"][0]}}
                           .dump());
  EXPECT_EQ(recovery.status, 200) << recovery.body;
}

}  // namespace
}  // namespace peixun::test
