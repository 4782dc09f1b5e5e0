// The auth routes and SessionAuthenticator behind a real api::Dispatcher:
// cookies, CSRF, bearer tokens, roles.
#include <nlohmann/json.hpp>

#include "api/dispatcher.h"
#include "api/metrics.h"
#include "api/openapi.h"
#include "api/router.h"
#include "auth_fixture.h"
#include "modules/auth/auth_routes.h"

namespace peixun::test {
namespace {

// A secret of the shape auth hands out (43 base64url characters) that it never
// issued: passes the shape check, then finds nothing.
std::string UnknownSecret() { return std::string(43, 'Q'); }

using nlohmann::json;

class AuthRoutesTest : public AuthTest {
 protected:
  void SetUp() override {
    AuthTest::SetUp();
    auth::RegisterAuthRoutes(router_, auth());
    auto ok = [](api::Call& c) -> Result<api::Response> {
      return api::Json({{"user", c.principal->username}, {"via_cookie", c.principal->via_cookie}});
    };
    json doc = {{"summary", "test"}, {"tags", {"test"}}};
    router_.Get("/api/v1/test/protected", api::Access::AnyUser(), doc, ok);
    router_.Post("/api/v1/test/protected", api::Access::AnyUser(), doc, ok);
    router_.Post("/api/v1/test/admin-only", api::Access::Roles({Role::kAdmin}), doc, ok);
    dispatcher_ = std::make_unique<api::Dispatcher>(router_, auth().authenticator, metrics_);
    admin_ = MakeUser("root", Role::kAdmin);
    lecturer_ = MakeUser("jiangshi", Role::kLecturer);
  }

  api::Response Send(api::Method method, const std::string& path, const std::string& body = "",
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    api::Request r;
    r.method = method;
    const size_t q = path.find('?');
    r.path = path.substr(0, q);
    r.target = path;
    if (q != std::string::npos) r.query = api::ParseQueryString(path.substr(q + 1));
    r.body = body;
    r.headers = std::move(headers);
    r.remote_address = "192.0.2.7";
    return dispatcher_->Handle(r);
  }

  static std::string SetCookie(const api::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v;
    }
    return "";
  }
  static std::string CookieValue(const std::string& set_cookie) {
    const size_t eq = set_cookie.find('=');
    return set_cookie.substr(eq + 1, set_cookie.find(';') - eq - 1);
  }

  struct Browser {
    std::string cookie;  // "peixun_session=…"
    std::string csrf;
  };
  Browser LogIn(const std::string& username, const std::string& password) {
    auto r = Send(api::Method::kPost, "/api/v1/auth/login",
                  json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string set = SetCookie(r, "peixun_session");
    return Browser{"peixun_session=" + CookieValue(set),
                   json::parse(r.body).value("csrf_token", "")};
  }

  static std::string ErrorCode(const api::Response& r) {
    auto j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }

  api::Router router_;
  api::Metrics metrics_;
  std::unique_ptr<api::Dispatcher> dispatcher_;
  auth::CreatedUser admin_;
  auth::CreatedUser lecturer_;
};

TEST_F(AuthRoutesTest, NoCookieIs401) {
  auto r = Send(api::Method::kGet, "/api/v1/test/protected");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCode(r), "auth.required");
  auto bogus = Send(api::Method::kGet, "/api/v1/test/protected", "",
                    {{"cookie", "peixun_session=" + UnknownSecret()}});
  EXPECT_EQ(bogus.status, 401);
}

TEST_F(AuthRoutesTest, LoginSetsTheCookieAndReturnsUserAndCsrf) {
  auto r = Send(api::Method::kPost, "/api/v1/auth/login",
                json{{"username", "root"}, {"password", admin_.password}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string set = SetCookie(r, "peixun_session");
  EXPECT_NE(set.find("; HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(set.find("; Path=/"), std::string::npos);
  EXPECT_NE(set.find("; Max-Age=43200"), std::string::npos);
  EXPECT_EQ(set.find("Secure"), std::string::npos);
  json body = json::parse(r.body);
  EXPECT_EQ(body["user"]["username"], "root");
  EXPECT_EQ(body["user"]["role"], "admin");
  EXPECT_EQ(body["user"]["role_label"], "系统管理员");
  EXPECT_TRUE(body["user"]["unit_id"].is_null());
  EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());
}

TEST_F(AuthRoutesTest, LoginOverTlsSetsASecureCookie) {
  api::Request r;
  r.method = api::Method::kPost;
  r.path = r.target = "/api/v1/auth/login";
  r.body = json{{"username", "root"}, {"password", admin_.password}}.dump();
  r.secure = true;
  auto resp = dispatcher_->Handle(r);
  ASSERT_EQ(resp.status, 200);
  EXPECT_NE(SetCookie(resp, "peixun_session").find("; Secure"), std::string::npos);
}

TEST_F(AuthRoutesTest, LoginErrors) {
  auto wrong = Send(api::Method::kPost, "/api/v1/auth/login",
                    json{{"username", "root"}, {"password", "nope nope nope"}}.dump());
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(ErrorCode(wrong), "auth.invalid_credentials");
  auto unknown_field =
      Send(api::Method::kPost, "/api/v1/auth/login",
           json{{"username", "root"}, {"password", "x"}, {"remember", true}}.dump());
  EXPECT_EQ(unknown_field.status, 400);
  EXPECT_EQ(ErrorCode(unknown_field), "request.unknown_field");
  auto missing = Send(api::Method::kPost, "/api/v1/auth/login", json{{"username", "root"}}.dump());
  EXPECT_EQ(ErrorCode(missing), "request.required");
  for (int i = 0; i < 5; ++i) {
    Send(api::Method::kPost, "/api/v1/auth/login",
         json{{"username", "jiangshi"}, {"password", "nope nope nope"}}.dump());
  }
  auto throttled = Send(api::Method::kPost, "/api/v1/auth/login",
                        json{{"username", "jiangshi"}, {"password", lecturer_.password}}.dump());
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(ErrorCode(throttled), "auth.throttled");
  // Retry-After: whole seconds, at least 1 (the fixture's clock stands still).
  std::string retry_after;
  for (const auto& [k, v] : throttled.headers) {
    if (k == "Retry-After") retry_after = v;
  }
  ASSERT_FALSE(retry_after.empty());
  EXPECT_GE(std::stoll(retry_after), 1);
  EXPECT_LE(std::stoll(retry_after), 15 * 60);
}

TEST_F(AuthRoutesTest, CookieGives200AndUnsafeRequestsNeedTheCsrfToken) {
  Browser b = LogIn("root", admin_.password);
  auto get = Send(api::Method::kGet, "/api/v1/test/protected", "", {{"cookie", b.cookie}});
  EXPECT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(json::parse(get.body)["via_cookie"], true);

  auto no_csrf = Send(api::Method::kPost, "/api/v1/test/protected", "{}", {{"cookie", b.cookie}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(ErrorCode(no_csrf), "auth.csrf");
  auto bad_csrf = Send(api::Method::kPost, "/api/v1/test/protected", "{}",
                       {{"cookie", b.cookie}, {"x-csrf-token", b.csrf + "x"}});
  EXPECT_EQ(bad_csrf.status, 403);
  auto with_csrf = Send(api::Method::kPost, "/api/v1/test/protected", "{}",
                        {{"cookie", b.cookie}, {"x-csrf-token", b.csrf}});
  EXPECT_EQ(with_csrf.status, 200) << with_csrf.body;
}

TEST_F(AuthRoutesTest, BearerTokenNeedsNoCsrf) {
  auto token = auth().tokens.Create(lecturer_.user.id, "sync");
  ASSERT_TRUE(token.ok());
  auto r = Send(api::Method::kPost, "/api/v1/test/protected", "{}",
                {{"authorization", "Bearer " + token->raw}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["via_cookie"], false);
  EXPECT_EQ(json::parse(r.body)["user"], "jiangshi");
  ASSERT_TRUE(auth().tokens.Revoke(lecturer_.user.id, token->token.id).ok());
  auto revoked = Send(api::Method::kPost, "/api/v1/test/protected", "{}",
                      {{"authorization", "Bearer " + token->raw}});
  EXPECT_EQ(revoked.status, 401);
  auto basic = Send(api::Method::kGet, "/api/v1/test/protected", "",
                    {{"authorization", "Basic cm9vdDpwdw=="}});
  EXPECT_EQ(basic.status, 401);
}

TEST_F(AuthRoutesTest, RoleNotAllowedIs403) {
  Browser b = LogIn("jiangshi", lecturer_.password);
  auto r = Send(api::Method::kPost, "/api/v1/test/admin-only", "{}",
                {{"cookie", b.cookie}, {"x-csrf-token", b.csrf}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "auth.forbidden");
  auto users = Send(api::Method::kGet, "/api/v1/users", "", {{"cookie", b.cookie}});
  EXPECT_EQ(users.status, 403);
  Browser a = LogIn("root", admin_.password);
  auto ok = Send(api::Method::kPost, "/api/v1/test/admin-only", "{}",
                 {{"cookie", a.cookie}, {"x-csrf-token", a.csrf}});
  EXPECT_EQ(ok.status, 200);
}

TEST_F(AuthRoutesTest, MeAndLogout) {
  Browser b = LogIn("jiangshi", lecturer_.password);
  auto me = Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", b.cookie}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(json::parse(me.body)["user"]["username"], "jiangshi");
  EXPECT_EQ(json::parse(me.body)["csrf_token"], b.csrf);
  auto out = Send(api::Method::kPost, "/api/v1/auth/logout", "",
                  {{"cookie", b.cookie}, {"x-csrf-token", b.csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(SetCookie(out, "peixun_session").find("Max-Age=0"), std::string::npos);
  auto after = Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", b.cookie}});
  EXPECT_EQ(after.status, 401);
}

TEST_F(AuthRoutesTest, PasswordChange) {
  Browser b = LogIn("jiangshi", lecturer_.password);
  auto weak = Send(api::Method::kPut, "/api/v1/auth/password",
                   json{{"old_password", lecturer_.password}, {"new_password", "short"}}.dump(),
                   {{"cookie", b.cookie}, {"x-csrf-token", b.csrf}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(ErrorCode(weak), "auth.password.too_short");
  auto ok = Send(
      api::Method::kPut, "/api/v1/auth/password",
      json{{"old_password", lecturer_.password}, {"new_password", "讲课认认真真Ab2020"}}.dump(),
      {{"cookie", b.cookie}, {"x-csrf-token", b.csrf}});
  EXPECT_EQ(ok.status, 204) << ok.body;
  LogIn("jiangshi", "讲课认认真真Ab2020");
}

TEST_F(AuthRoutesTest, TokensOverHttp) {
  Browser b = LogIn("jiangshi", lecturer_.password);
  auto made = Send(api::Method::kPost, "/api/v1/auth/tokens", json{{"name", "sync"}}.dump(),
                   {{"cookie", b.cookie}, {"x-csrf-token", b.csrf}});
  ASSERT_EQ(made.status, 201) << made.body;
  json token = json::parse(made.body);
  auto list = Send(api::Method::kGet, "/api/v1/auth/tokens", "",
                   {{"authorization", "Bearer " + token["token"].get<std::string>()}});
  ASSERT_EQ(list.status, 200);
  json items = json::parse(list.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["name"], "sync");
  EXPECT_FALSE(items[0].contains("token"));
  auto del = Send(api::Method::kDelete,
                  "/api/v1/auth/tokens/" + std::to_string(token["id"].get<int64_t>()), "",
                  {{"cookie", b.cookie}, {"x-csrf-token", b.csrf}});
  EXPECT_EQ(del.status, 204);
}

TEST_F(AuthRoutesTest, InviteOverHttpSetsSessionAndDeviceCookies) {
  const int64_t person = MakePerson("王小明");
  // Who may invite whom is enrollment's answer (wired in src/app; the authorization
  // matrix tests it); here only this person is invitable.
  auth().invites.SetScope([person](store::Tx&, const Principal&, int64_t p) -> Status {
    if (p == person) return Ok();
    return MakeError(ErrorKind::kForbidden, "auth.invite.forbidden", "不可邀请", "not invitable");
  });
  Browser org = LogIn("root", admin_.password);
  auto made = Send(api::Method::kPost, "/api/v1/auth/invites", json{{"person_id", person}}.dump(),
                   {{"cookie", org.cookie}, {"x-csrf-token", org.csrf}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string token = json::parse(made.body)["token"];
  EXPECT_EQ(json::parse(made.body)["url"], "/invite/" + token);

  // Lecturers may not invite.
  Browser lec = LogIn("jiangshi", lecturer_.password);
  auto refused =
      Send(api::Method::kPost, "/api/v1/auth/invites", json{{"person_id", person}}.dump(),
           {{"cookie", lec.cookie}, {"x-csrf-token", lec.csrf}});
  EXPECT_EQ(refused.status, 403);

  // Public and CSRF-exempt: a phone with no session at all.
  auto accepted = Send(api::Method::kPost, "/api/v1/auth/invite/" + token);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(json::parse(accepted.body)["user"]["role"], "trainee");
  const std::string device = SetCookie(accepted, "peixun_device");
  EXPECT_NE(device.find("Max-Age=34560000"), std::string::npos) << device;
  const std::string session = SetCookie(accepted, "peixun_session");
  auto me = Send(api::Method::kGet, "/api/v1/auth/me", "",
                 {{"cookie", "peixun_session=" + CookieValue(session)}});
  EXPECT_EQ(me.status, 200);

  auto used = Send(api::Method::kPost, "/api/v1/auth/invite/" + token);
  EXPECT_EQ(used.status, 409);
  EXPECT_EQ(ErrorCode(used), "auth.invite.used");
  auto unknown = Send(api::Method::kPost, "/api/v1/auth/invite/" + UnknownSecret());
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(AuthRoutesTest, UserAdministration) {
  Browser a = LogIn("root", admin_.password);
  std::vector<std::pair<std::string, std::string>> h = {{"cookie", a.cookie},
                                                        {"x-csrf-token", a.csrf}};
  auto no_unit = Send(
      api::Method::kPost, "/api/v1/users",
      json{{"username", "lianluo"}, {"display_name", "联络员"}, {"role", "liaison"}}.dump(), h);
  EXPECT_EQ(no_unit.status, 422);
  EXPECT_EQ(ErrorCode(no_unit), "auth.user.unit_required");
  auto bad_role = Send(api::Method::kPost, "/api/v1/users",
                       json{{"username", "x1"}, {"display_name", "x"}, {"role", "king"}}.dump(), h);
  EXPECT_EQ(bad_role.status, 422);
  EXPECT_EQ(ErrorCode(bad_role), "auth.role.unknown");

  auto made =
      Send(api::Method::kPost, "/api/v1/users",
           json{{"username", "hougin"}, {"display_name", "后勤"}, {"role", "logistics"}}.dump(), h);
  ASSERT_EQ(made.status, 201) << made.body;
  json body = json::parse(made.body);
  const int64_t id = body["user"]["id"];
  LogIn("hougin", body["password"]);

  auto patched = Send(api::Method::kPatch, "/api/v1/users/" + std::to_string(id),
                      json{{"display_name", "后勤组"}, {"active", false}}.dump(), h);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body)["display_name"], "后勤组");
  EXPECT_EQ(json::parse(patched.body)["active"], false);

  auto reset =
      Send(api::Method::kPost, "/api/v1/users/" + std::to_string(id) + "/reset-password", "", h);
  ASSERT_EQ(reset.status, 200);
  EXPECT_EQ(json::parse(reset.body)["password"].get<std::string>().size(), 16u);

  auto list = Send(api::Method::kGet, "/api/v1/users?page=1&page_size=2&sort=id", "", h);
  ASSERT_EQ(list.status, 200) << list.body;
  json page = json::parse(list.body);
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["username"], "root");
  auto by_role = Send(api::Method::kGet, "/api/v1/users?role=logistics", "", h);
  EXPECT_EQ(json::parse(by_role.body)["total"], 1);
  EXPECT_EQ(Send(api::Method::kGet, "/api/v1/users?role=king", "", h).status, 400);
}

TEST_F(AuthRoutesTest, EveryRouteIsDocumented) {
  json doc = api::OpenApiDocument(router_, "test");
  for (const char* path :
       {"/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/auth/me", "/api/v1/auth/password",
        "/api/v1/auth/invites", "/api/v1/auth/invite/{token}", "/api/v1/auth/tokens",
        "/api/v1/auth/tokens/{id}", "/api/v1/users", "/api/v1/users/{id}",
        "/api/v1/users/{id}/reset-password"}) {
    ASSERT_TRUE(doc["paths"].contains(path)) << path;
    for (const auto& [method, op] : doc["paths"][path].items()) {
      EXPECT_FALSE(op.value("summary", "").empty()) << method << " " << path;
      EXPECT_FALSE(op["tags"].empty()) << method << " " << path;
    }
  }
  EXPECT_EQ(doc["paths"]["/api/v1/auth/login"]["post"]["x-peixun-roles"], json::array({"public"}));
  EXPECT_EQ(doc["paths"]["/api/v1/users"]["get"]["x-peixun-roles"], json::array({"admin"}));
}

// ---- sessions (session_list.h) ----

TEST_F(AuthRoutesTest, AUserSeesTheirSessionsAndRevokesOneOrAllOthers) {
  Browser phone = LogIn("jiangshi", lecturer_.password);
  Browser laptop = LogIn("jiangshi", lecturer_.password);
  Browser office = LogIn("jiangshi", lecturer_.password);
  Browser admin = LogIn("root", admin_.password);  // someone else's: never listed
  auto mine = [&](const Browser& b) {
    auto r = Send(api::Method::kGet, "/api/v1/auth/sessions", "", {{"cookie", b.cookie}});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["items"];
  };
  json list = mine(laptop);
  ASSERT_EQ(list.size(), 3u);
  int current = 0;
  std::string phone_id;
  for (const json& s : list) {
    EXPECT_EQ(s["remote_address"], "192.0.2.7");
    EXPECT_EQ(s["id"].get<std::string>().size(), 16u);
    EXPECT_GT(s["expires_at"].get<int64_t>(), s["last_seen_at"].get<int64_t>());
    current += s["current"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(current, 1);
  // The list is newest first (same clock: then by handle); find the phone's by elimination.
  json from_phone = mine(phone);
  for (const json& s : from_phone) {
    if (s["current"].get<bool>()) phone_id = s["id"];
  }
  ASSERT_FALSE(phone_id.empty());

  // The laptop ends the phone's session: the phone is signed out.
  auto del = Send(api::Method::kDelete, "/api/v1/auth/sessions/" + phone_id, "",
                  {{"cookie", laptop.cookie}, {"x-csrf-token", laptop.csrf}});
  EXPECT_EQ(del.status, 204) << del.body;
  EXPECT_EQ(Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", phone.cookie}}).status, 401);
  EXPECT_EQ(mine(laptop).size(), 2u);
  // Gone now, and another user's handle is not found either.
  auto again = Send(api::Method::kDelete, "/api/v1/auth/sessions/" + phone_id, "",
                    {{"cookie", laptop.cookie}, {"x-csrf-token", laptop.csrf}});
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(ErrorCode(again), "auth.session.not_found");
  std::string admin_id = mine(admin)[0]["id"];
  auto foreign = Send(api::Method::kDelete, "/api/v1/auth/sessions/" + admin_id, "",
                      {{"cookie", laptop.cookie}, {"x-csrf-token", laptop.csrf}});
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", admin.cookie}}).status, 200);

  // All others: the office's ends, the laptop's stays.
  auto others = Send(api::Method::kPost, "/api/v1/auth/sessions/revoke-others", "",
                     {{"cookie", laptop.cookie}, {"x-csrf-token", laptop.csrf}});
  ASSERT_EQ(others.status, 200) << others.body;
  EXPECT_EQ(json::parse(others.body)["ended"], 1);
  EXPECT_EQ(Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", office.cookie}}).status,
            401);
  json left = mine(laptop);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_TRUE(left[0]["current"].get<bool>());

  // Audited.
  auto audit = store::ReadValue<store::Rows>(db(), [](store::Tx& tx) {
    return tx.Query("SELECT action FROM audit_log WHERE action LIKE 'auth.session.%' ORDER BY id");
  });
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].Str(0), "auth.session.revoke");
  EXPECT_EQ((*audit)[1].Str(0), "auth.session.revoke_others");
}

TEST_F(AuthRoutesTest, AnAdminSeesAndEndsAUsersSessions) {
  Browser a = LogIn("jiangshi", lecturer_.password);
  Browser b = LogIn("jiangshi", lecturer_.password);
  Browser admin = LogIn("root", admin_.password);
  const std::string path = "/api/v1/users/" + std::to_string(lecturer_.user.id) + "/sessions";
  auto list = Send(api::Method::kGet, path, "", {{"cookie", admin.cookie}});
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = json::parse(list.body)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_FALSE(items[0]["current"].get<bool>());
  // The lecturer may not look at anyone's through this route, their own included.
  EXPECT_EQ(Send(api::Method::kGet, path, "", {{"cookie", a.cookie}}).status, 403);
  auto end = Send(api::Method::kDelete, path, "",
                  {{"cookie", admin.cookie}, {"x-csrf-token", admin.csrf}});
  ASSERT_EQ(end.status, 200) << end.body;
  EXPECT_EQ(json::parse(end.body)["ended"], 2);
  EXPECT_EQ(Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", a.cookie}}).status, 401);
  EXPECT_EQ(Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", b.cookie}}).status, 401);
  EXPECT_EQ(Send(api::Method::kGet, "/api/v1/auth/me", "", {{"cookie", admin.cookie}}).status, 200);
  auto unknown =
      Send(api::Method::kGet, "/api/v1/users/987654/sessions", "", {{"cookie", admin.cookie}});
  EXPECT_EQ(unknown.status, 404);
  auto audit = store::ReadValue<store::Rows>(db(), [](store::Tx& tx) {
    return tx.Query("SELECT entity_id FROM audit_log WHERE action = 'auth.session.end_all'");
  });
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].Int(0), lecturer_.user.id);
}

TEST_F(AuthRoutesTest, AnApiTokenCannotManageSessions) {
  auto token = auth().tokens.Create(lecturer_.user.id, "script");
  ASSERT_TRUE(token.ok());
  auto r = Send(api::Method::kGet, "/api/v1/auth/sessions", "",
                {{"authorization", "Bearer " + token->raw}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "auth.session.cookie_only");
}

}  // namespace
}  // namespace peixun::test
