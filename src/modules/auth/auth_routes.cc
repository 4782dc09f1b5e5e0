#include "modules/auth/auth_routes.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/paging.h"
#include "api/route_helpers.h"
#include "core/actor.h"
#include "modules/auth/cookies.h"
#include "modules/auth/db_login_throttle.h"
#include "modules/auth/internal/account_routes.h"
#include "modules/auth/internal/auth_json.h"
#include "modules/auth/user_admin.h"

namespace peixun::auth {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

// Longest login fields read: long enough for any real password, short enough
// that nobody makes the server hash megabytes.
constexpr size_t kMaxLoginUsernameChars = 100;
constexpr size_t kMaxLoginPasswordChars = 1024;

const Access kInviters = Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher});
const Access kAdmins = Access::Roles({Role::kAdmin});
const std::vector<std::string> kUserSorts = {"username", "id"};

// An OpenAPI operation: summary, tag, optional JSON request body (null: none)
// and one success response (null schema: no content).
json ChallengeSchema();

// `challenge`: the operation may also answer 202 with a second-factor challenge.
json Doc(const std::string& tag, const std::string& summary, const json& body,
         const std::string& status, const std::string& description, const json& schema = nullptr,
         bool challenge = false) {
  json d = {{"summary", summary}, {"tags", {tag}}};
  if (!body.is_null()) d["requestBody"] = api::JsonBodyDoc(body);
  d["responses"][status] = schema.is_null() ? json{{"description", description}}
                                            : api::JsonResponseDoc(description, schema);
  if (challenge) {
    d["responses"]["202"] = api::JsonResponseDoc(
        "the password is right; the second factor is owed (no session yet)", ChallengeSchema());
  }
  return d;
}

json Str() { return {{"type", "string"}}; }
json Int64() { return {{"type", "integer"}, {"format", "int64"}}; }
json NullableInt64() { return {{"type", "integer"}, {"format", "int64"}, {"nullable", true}}; }
json Array(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

json RoleSchema() {
  std::vector<std::string> roles;
  for (Role r : kAllRoles) roles.emplace_back(RoleCode(r));
  return {{"type", "string"}, {"enum", roles}};
}

json SessionSchema() {
  return api::ObjectSchema({{"user", UserSchema()}, {"csrf_token", Str()}}, {"user", "csrf_token"});
}

json ChallengeSchema() {
  return api::ObjectSchema({{"second_factor", {{"type", "string"}, {"enum", {"totp", "enroll"}}}},
                            {"challenge", Str()},
                            {"expires_at", Int64()}},
                           {"second_factor", "challenge", "expires_at"});
}

json TotpSetupSchema() {
  return api::ObjectSchema({{"secret", Str()}, {"otpauth_uri", Str()}, {"qr_svg", Str()}},
                           {"secret", "otpauth_uri", "qr_svg"});
}

json RecoveryCodesSchema() {
  return api::ObjectSchema({{"recovery_codes", Array(Str())}}, {"recovery_codes"});
}

json TotpSetupJson(const TotpSetup& setup) {
  return {{"secret", setup.secret}, {"otpauth_uri", setup.otpauth_uri}, {"qr_svg", setup.qr_svg}};
}

api::Response ChallengeResponse(const LoginResult& login) {
  return api::Json({{"second_factor", std::string(LoginStageCode(login.stage))},
                    {"challenge", login.challenge},
                    {"expires_at", login.challenge_expires_at}},
                   202);
}

std::string UserAgent(const Call& c) { return c.request.Header("user-agent"); }

Result<Role> ParseRoleField(const std::string& code, const std::string& field) {
  if (auto role = ParseRole(code)) return *role;
  return Invalid("auth.role.unknown", "角色无效：" + code, "unknown role: " + code, field);
}

// {"user","csrf_token"} with the session cookie.
api::Response SessionResponse(const Call& c, const User& user, const std::string& session_id,
                              const std::string& csrf_token, int64_t expires_at,
                              const SessionStore& sessions) {
  api::Response r = api::Json({{"user", UserJson(user)}, {"csrf_token", csrf_token}});
  r.AddHeader("Set-Cookie", SessionCookie(session_id, sessions.CookieMaxAgeSeconds(expires_at),
                                          c.request.secure));
  return r;
}

// 429 with Retry-After (whole seconds, at least 1: the wait may have just ended).
api::Response ThrottledResponse(const Call& c, const Error& error, const Result<int64_t>& wait) {
  api::Response r = api::ErrorResponse(error, c.request.lang);
  r.AddHeader("Retry-After", std::to_string(std::max<int64_t>(1, wait.ok() ? *wait : 1)));
  return r;
}

void RegisterSessionRoutes(api::Router& router, AuthServices& s) {
  router.Post(
      "/api/v1/auth/login", Access::Public(),
      Doc("auth", "登录：设置会话 Cookie，返回用户与 CSRF 令牌",
          api::ObjectSchema({{"username", Str()}, {"password", Str()}}, {"username", "password"}),
          "200", "logged in; Set-Cookie: peixun_session", SessionSchema(), true),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string username = in.Str("username", api::kRequired, kMaxLoginUsernameChars);
        const std::string password = in.Str("password", api::kRequired, kMaxLoginPasswordChars);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        Result<LoginResult> attempt =
            s.auth.Login(username, password, c.request.remote_address, UserAgent(c));
        if (!attempt && attempt.error().kind == ErrorKind::kRateLimited) {
          DbLoginThrottle throttle(s.store, DbThrottleLimits{}, [&s] { return s.sessions.Now(); });
          return ThrottledResponse(
              c, attempt.error(),
              throttle.WaitSeconds(NormalizeUsername(username), c.request.remote_address));
        }
        if (!attempt) return attempt.error();
        LoginResult login = std::move(attempt).value();
        if (login.stage != LoginStage::kDone) return ChallengeResponse(login);
        // The browser's previous session, if any, ends with this login.
        const std::string previous = c.request.Cookie(kSessionCookie);
        if (!previous.empty()) (void)s.auth.Logout(previous);
        return SessionResponse(c, login.user, login.session_id, login.csrf_token, login.expires_at,
                               s.sessions);
      });

  router.Post("/api/v1/auth/logout", Access::AnyUser(),
              Doc("auth", "退出登录：结束本会话并清除 Cookie", nullptr, "204", "logged out"),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_RETURN_IF_ERROR(s.auth.Logout(*c.principal));
                api::Response r = api::NoContent();
                r.AddHeader("Set-Cookie", ClearSessionCookie(c.request.secure));
                return r;
              });

  router.Get(
      "/api/v1/auth/me", Access::AnyUser(),
      Doc("auth", "当前用户与 CSRF 令牌（API 令牌调用时 csrf_token 为空）", nullptr, "200",
          "the caller", SessionSchema()),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(User user, s.users.Get(c.principal->user_id));
        return api::Json({{"user", UserJson(user)}, {"csrf_token", c.principal->csrf_token}});
      });

  router.Put(
      "/api/v1/auth/password", Access::AnyUser(),
      Doc("auth", "修改本人密码（须符合密码策略：GET /auth/password-policy）；其他会话随之结束",
          api::ObjectSchema({{"old_password", Str()}, {"new_password", Str()}},
                            {"old_password", "new_password"}),
          "204", "changed"),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string old_password =
            in.Str("old_password", api::kRequired, kMaxLoginPasswordChars);
        const std::string new_password =
            in.Str("new_password", api::kRequired, kMaxLoginPasswordChars);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_RETURN_IF_ERROR(s.auth.ChangePassword(*c.principal, old_password, new_password));
        return api::NoContent();
      });
}

// A one-field {"code"} or {"challenge"[, "code"]} body.
struct CodeInput {
  std::string challenge;
  std::string code;
};

constexpr size_t kMaxCodeChars = 40;

Result<CodeInput> ReadCodeInput(const Call& c, bool challenge, bool code) {
  PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
  CodeInput out;
  if (challenge) out.challenge = in.Str("challenge", api::kRequired, 100);
  if (code) out.code = in.Str("code", api::kRequired, kMaxCodeChars);
  PEIXUN_RETURN_IF_ERROR(in.Finish());
  return out;
}

// Ends the browser's previous session and sets the new one's cookie.
api::Response StartedSession(Call& c, AuthServices& s, const LoginResult& login) {
  const std::string previous = c.request.Cookie(kSessionCookie);
  if (!previous.empty()) (void)s.auth.Logout(previous);
  return SessionResponse(c, login.user, login.session_id, login.csrf_token, login.expires_at,
                         s.sessions);
}

void RegisterSecondFactorRoutes(api::Router& router, AuthServices& s) {
  const json challenge_body =
      api::ObjectSchema({{"challenge", Str()}, {"code", Str()}}, {"challenge", "code"});
  router.Post(
      "/api/v1/auth/login/code", Access::Public(),
      Doc("auth", "登录第二步：输入动态验证码（TOTP）或一个恢复码", challenge_body, "200",
          "logged in; Set-Cookie: peixun_session", SessionSchema()),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(CodeInput in, ReadCodeInput(c, true, true));
        PEIXUN_ASSIGN_OR_RETURN(
            LoginResult login,
            s.auth.LoginWithCode(in.challenge, in.code, c.request.remote_address, UserAgent(c)));
        return StartedSession(c, s, login);
      });

  router.Post("/api/v1/auth/login/enroll", Access::Public(),
              Doc("auth", "登录时设置双因素认证：生成密钥（otpauth:// 链接与二维码）",
                  api::ObjectSchema({{"challenge", Str()}}, {"challenge"}), "200", "the new secret",
                  TotpSetupSchema()),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(CodeInput in, ReadCodeInput(c, true, false));
                PEIXUN_ASSIGN_OR_RETURN(TotpSetup setup, s.auth.BeginLoginEnrollment(in.challenge));
                return api::Json(TotpSetupJson(setup));
              });

  router.Post(
      "/api/v1/auth/login/enroll/confirm", Access::Public(),
      Doc("auth", "登录时确认双因素认证（第一个验证码）：开始会话，返回一次性显示的恢复码",
          challenge_body, "200", "logged in; Set-Cookie: peixun_session",
          api::ObjectSchema(
              {{"user", UserSchema()}, {"csrf_token", Str()}, {"recovery_codes", Array(Str())}},
              {"user", "csrf_token", "recovery_codes"})),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(CodeInput in, ReadCodeInput(c, true, true));
        PEIXUN_ASSIGN_OR_RETURN(LoginResult login,
                                s.auth.ConfirmLoginEnrollment(
                                    in.challenge, in.code, c.request.remote_address, UserAgent(c)));
        api::Response r = StartedSession(c, s, login);
        json body = json::parse(r.body);
        body["recovery_codes"] = login.recovery_codes;
        r.body = body.dump();
        return r;
      });

  router.Get("/api/v1/auth/totp", Access::AnyUser(),
             Doc("auth", "本人的双因素认证状态", nullptr, "200", "the state",
                 api::ObjectSchema({{"enabled", {{"type", "boolean"}}},
                                    {"required", {{"type", "boolean"}}},
                                    {"recovery_codes_left", Int64()}},
                                   {"enabled", "required", "recovery_codes_left"})),
             [&s](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(SecondFactorState st,
                                       s.auth.SecondFactorStateOf(*c.principal));
               return api::Json({{"enabled", st.enabled},
                                 {"required", s.auth.SecondFactorRequired(c.principal->role)},
                                 {"recovery_codes_left", st.recovery_codes_left}});
             });

  router.Post("/api/v1/auth/totp", Access::AnyUser(),
              Doc("auth", "开始设置本人的双因素认证：生成密钥（otpauth:// 链接与二维码）", nullptr,
                  "200", "the new secret", TotpSetupSchema()),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(TotpSetup setup, s.auth.BeginEnrollment(*c.principal));
                return api::Json(TotpSetupJson(setup));
              });

  const json code_body = api::ObjectSchema({{"code", Str()}}, {"code"});
  router.Post("/api/v1/auth/totp/confirm", Access::AnyUser(),
              Doc("auth", "用第一个验证码确认双因素认证，返回一次性显示的恢复码", code_body, "200",
                  "the recovery codes", RecoveryCodesSchema()),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(CodeInput in, ReadCodeInput(c, false, true));
                PEIXUN_ASSIGN_OR_RETURN(auto codes,
                                        s.auth.ConfirmEnrollment(*c.principal, in.code));
                return api::Json({{"recovery_codes", codes}});
              });

  router.Post("/api/v1/auth/totp/disable", Access::AnyUser(),
              Doc("auth", "停用本人的双因素认证（须输入当前验证码；必须使用的角色不可停用）",
                  code_body, "204", "turned off"),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(CodeInput in, ReadCodeInput(c, false, true));
                PEIXUN_RETURN_IF_ERROR(s.auth.DisableSecondFactor(*c.principal, in.code));
                return api::NoContent();
              });

  router.Post("/api/v1/auth/totp/recovery-codes", Access::AnyUser(),
              Doc("auth", "重新生成恢复码（须输入当前验证码；旧恢复码作废）", code_body, "200",
                  "the new recovery codes", RecoveryCodesSchema()),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(CodeInput in, ReadCodeInput(c, false, true));
                PEIXUN_ASSIGN_OR_RETURN(auto codes,
                                        s.auth.RenewRecoveryCodes(*c.principal, in.code));
                return api::Json({{"recovery_codes", codes}});
              });

  router.Delete("/api/v1/users/{id}/totp", kAdmins,
                Doc("users", "清除用户的双因素认证（手机丢失时）；下次登录按角色要求重新设置",
                    nullptr, "204", "removed"),
                [&s](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_RETURN_IF_ERROR(s.auth.ResetSecondFactor(*c.principal, id));
                  return api::NoContent();
                });
}

void RegisterInviteRoutes(api::Router& router, AuthServices& s) {
  router.Post(
      "/api/v1/auth/invites", kInviters,
      Doc("auth", "为学员生成一次性登录链接（默认 7 天有效）",
          api::ObjectSchema(
              {{"person_id", Int64()},
               {"days", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxInviteDays}}}},
              {"person_id"}),
          "201", "the invite (token shown once)",
          api::ObjectSchema({{"token", Str()}, {"url", Str()}, {"expires_at", Int64()}},
                            {"token", "url", "expires_at"})),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::optional<int64_t> person_id = in.OptInt("person_id", api::kRequired);
        const std::optional<int64_t> days = in.OptInt("days");
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(CreatedInvite invite,
                                s.invites.Create(*person_id, days, *c.principal));
        return api::Json(
            {{"token", invite.token}, {"url", invite.url}, {"expires_at", invite.expires_at}}, 201);
      });

  router.Post(
      "/api/v1/auth/invite/{token}", Access::Public(),
      Doc("auth", "使用邀请链接登录（学员手机），并绑定本设备（peixun_device Cookie）", nullptr,
          "200", "logged in; Set-Cookie: peixun_session (and peixun_device)", SessionSchema()),
      [&s](Call& c) -> Result<api::Response> {
        // Through the sign-in provider interface (sign_in_provider.h) that an SMS or
        // WeChat provider would implement too.
        SignInProvider& provider = s.invites;
        PEIXUN_ASSIGN_OR_RETURN(
            SignedIn login, provider.SignIn(SignInProof{{{"token", c.request.PathParam("token")}}},
                                            SignInContext{c.request.Cookie(kDeviceCookie),
                                                          c.request.remote_address, UserAgent(c)}));
        const std::string previous = c.request.Cookie(kSessionCookie);
        if (!previous.empty()) (void)s.auth.Logout(previous);
        api::Response r = SessionResponse(c, login.user, login.session.id, login.session.csrf_token,
                                          login.session.absolute_expires_at, s.sessions);
        if (!login.new_device_id.empty()) {
          r.AddHeader("Set-Cookie", DeviceCookie(login.new_device_id, c.request.secure));
        }
        return r;
      });
}

void RegisterTokenRoutes(api::Router& router, AuthServices& s) {
  router.Get("/api/v1/auth/tokens", Access::AnyUser(),
             Doc("auth", "本人的 API 令牌（含已撤销的）", nullptr, "200", "tokens",
                 api::ObjectSchema({{"items", Array(ApiTokenSchema())}}, {"items"})),
             [&s](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(auto tokens, s.tokens.List(c.principal->user_id));
               json items = json::array();
               for (const auto& t : tokens) items.push_back(ApiTokenJson(t));
               return api::Json({{"items", items}});
             });

  router.Post("/api/v1/auth/tokens", Access::AnyUser(),
              Doc("auth", "新建 API 令牌（令牌原文只显示这一次）",
                  api::ObjectSchema({{"name", Str()}}, {"name"}), "201", "the token",
                  api::ObjectSchema(
                      {{"id", Int64()}, {"token", Str()}, {"name", Str()}, {"created_at", Int64()}},
                      {"id", "token"})),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                const std::string name = in.Str("name", api::kRequired, kMaxTokenNameChars);
                PEIXUN_RETURN_IF_ERROR(in.Finish());
                PEIXUN_ASSIGN_OR_RETURN(
                    CreatedApiToken created,
                    s.tokens.Create(c.principal->user_id, name, Actor::Of(*c.principal)));
                return api::Json({{"id", created.token.id},
                                  {"token", created.raw},
                                  {"name", created.token.name},
                                  {"created_at", created.token.created_at}},
                                 201);
              });

  router.Delete(
      "/api/v1/auth/tokens/{id}", Access::AnyUser(),
      Doc("auth", "撤销本人的 API 令牌", nullptr, "204", "revoked"),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
        PEIXUN_RETURN_IF_ERROR(s.tokens.Revoke(c.principal->user_id, id, Actor::Of(*c.principal)));
        return api::NoContent();
      });
}

// A user as the admin's user list shows it: UserJson plus whether a second factor
// is set up (kept out of UserJson, which the audit log also records).
json AdminUserJson(const User& u) {
  json j = UserJson(u);
  j["second_factor"] = u.second_factor;
  return j;
}

json AdminUserSchema() {
  return api::Output(
      "AdminUser", api::ObjectSchema(
                       {{"id", Int64()},
                        {"username", Str()},
                        {"display_name", Str()},
                        {"role", RoleSchema()},
                        {"role_label", Str()},
                        {"unit_id", NullableInt64()},
                        {"person_id", NullableInt64()},
                        {"active", {{"type", "boolean"}}},
                        {"second_factor",
                         {{"type", "boolean"}, {"description", "a confirmed TOTP key is set up"}}}},
                       {"id", "username", "display_name", "role", "role_label", "unit_id",
                        "person_id", "active", "second_factor"}));
}

void RegisterUserRoutes(api::Router& router, AuthServices& s) {
  json list_doc = Doc("users", "用户列表（分页；q 查用户名或显示名称，role 按角色筛选）", nullptr,
                      "200", "a page of users",
                      api::ObjectSchema({{"items", Array(AdminUserSchema())},
                                         {"total", Int64()},
                                         {"page", Int64()},
                                         {"page_size", Int64()}},
                                        {"items", "total", "page", "page_size"}));
  list_doc["parameters"] = api::PagingParameters(kUserSorts);
  list_doc["parameters"].push_back({{"name", "role"}, {"in", "query"}, {"schema", RoleSchema()}});
  router.Get("/api/v1/users", kAdmins, list_doc, [&s](Call& c) -> Result<api::Response> {
    PEIXUN_ASSIGN_OR_RETURN(api::Paging paging, api::ParsePaging(c.request, kUserSorts));
    UserQuery query;
    query.search = paging.q;
    query.sort = paging.sort == "id" ? UserSort::kId : UserSort::kUsername;
    query.offset = paging.offset();
    query.limit = paging.page_size;
    if (auto role = c.request.Query("role")) {
      auto parsed = ParseRole(*role);
      if (!parsed) {
        return Invalid("request.param", "参数 role 无效：" + *role, "unknown role: " + *role,
                       "role");
      }
      query.role = *parsed;
    }
    PEIXUN_ASSIGN_OR_RETURN(UserPage page, ListUsers(s.users, *c.principal, query));
    json items = json::array();
    for (const auto& u : page.items) items.push_back(AdminUserJson(u));
    return api::Json(api::PageJson(items, page.total, paging));
  });

  router.Get("/api/v1/users/{id}", kAdmins,
             Doc("users", "一个用户", nullptr, "200", "the user", AdminUserSchema()),
             [&s](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(User user, GetUser(s.users, *c.principal, id));
               return api::Json(AdminUserJson(user));
             });

  router.Post(
      "/api/v1/users", kAdmins,
      Doc("users", "新建用户（返回一次性显示的初始密码）；联络员须有 unit_id，学员须有 person_id",
          api::ObjectSchema({{"username", Str()},
                             {"display_name", Str()},
                             {"role", RoleSchema()},
                             {"unit_id", NullableInt64()},
                             {"person_id", NullableInt64()}},
                            {"username", "display_name", "role"}),
          "201", "the user and its generated password (shown once)",
          api::ObjectSchema({{"user", UserSchema()}, {"password", Str()}}, {"user", "password"})),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        NewUser input;
        input.username = in.Str("username", api::kRequired, kMaxUsernameChars);
        input.display_name = in.Str("display_name", api::kRequired, kMaxDisplayNameChars);
        const std::string role = in.Str("role", api::kRequired, 20);
        input.unit_id = in.OptInt("unit_id");
        input.person_id = in.OptInt("person_id");
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_ASSIGN_OR_RETURN(input.role, ParseRoleField(role, "role"));
        PEIXUN_ASSIGN_OR_RETURN(CreatedUser created, CreateUser(s.users, *c.principal, input));
        return api::Json({{"user", UserJson(created.user)}, {"password", created.password}}, 201);
      });

  router.Patch("/api/v1/users/{id}", kAdmins,
               Doc("users", "修改用户的显示名称、角色、单位、人员或启用状态（停用即结束其会话）",
                   api::ObjectSchema({{"display_name", Str()},
                                      {"role", RoleSchema()},
                                      {"unit_id", NullableInt64()},
                                      {"person_id", NullableInt64()},
                                      {"active", {{"type", "boolean"}}}}),
                   "200", "the user", UserSchema()),
               [&s](Call& c) -> Result<api::Response> {
                 PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                 PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
                 UserChange change;
                 if (in.Has("display_name")) {
                   change.display_name =
                       in.Str("display_name", api::kRequired, kMaxDisplayNameChars);
                 }
                 std::string role;
                 if (in.Has("role")) role = in.Str("role", api::kRequired, 20);
                 change.set_unit = in.Has("unit_id");
                 change.unit_id = in.OptInt("unit_id");
                 change.set_person = in.Has("person_id");
                 change.person_id = in.OptInt("person_id");
                 if (in.Has("active")) change.active = in.Bool("active");
                 PEIXUN_RETURN_IF_ERROR(in.Finish());
                 if (!role.empty()) {
                   PEIXUN_ASSIGN_OR_RETURN(change.role, ParseRoleField(role, "role"));
                 }
                 PEIXUN_ASSIGN_OR_RETURN(User user, UpdateUser(s.users, *c.principal, id, change));
                 return api::Json(UserJson(user));
               });

  router.Post("/api/v1/users/{id}/reset-password", kAdmins,
              Doc("users", "重置用户密码（返回一次性显示的新密码；其会话全部结束）", nullptr, "200",
                  "the new password", api::ObjectSchema({{"password", Str()}}, {"password"})),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                PEIXUN_ASSIGN_OR_RETURN(std::string password,
                                        ResetUserPassword(s.users, *c.principal, id));
                return api::Json({{"password", password}});
              });
}

}  // namespace

void RegisterAuthRoutes(api::Router& router, AuthServices& services) {
  RegisterSessionRoutes(router, services);
  RegisterSecondFactorRoutes(router, services);
  RegisterInviteRoutes(router, services);
  RegisterTokenRoutes(router, services);
  RegisterUserRoutes(router, services);
  RegisterLoginLogRoutes(router, services);
  RegisterSessionListRoutes(router, services);
  RegisterPasswordRoutes(router, services);
}

}  // namespace peixun::auth
