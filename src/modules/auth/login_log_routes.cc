// GET /api/v1/auth/login-log: the login log, for administrators (login_log.h);
// GET/PUT /api/v1/auth/login-log/retention: how long it is kept
// (login_log_retention.h).
#include <algorithm>
#include <string>
#include <utility>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/paging.h"
#include "api/route_helpers.h"
#include "modules/auth/internal/account_routes.h"
#include "modules/auth/login_log.h"
#include "modules/auth/login_log_retention.h"
#include "modules/auth/user.h"

namespace peixun::auth {
namespace {

using api::Call;
using nlohmann::json;

constexpr size_t kMaxUsernameFilterChars = 100;

json OutcomeSchema() {
  std::vector<std::string> codes;
  for (LoginOutcome o : kAllLoginOutcomes) codes.emplace_back(LoginOutcomeCode(o));
  return {{"type", "string"}, {"enum", codes}};
}

json EntrySchema() {
  const json str = {{"type", "string"}};
  const json int64 = {{"type", "integer"}, {"format", "int64"}};
  return api::Output(
      "LoginLogEntry",
      api::ObjectSchema(
          {{"id", int64},
           {"at",
            {{"type", "integer"}, {"format", "int64"}, {"description", "UTC ms since epoch"}}},
           {"username", {{"type", "string"}, {"description", "as typed"}}},
           {"user_id", {{"type", "integer"}, {"format", "int64"}, {"nullable", true}}},
           {"remote_address", str},
           {"user_agent", str},
           {"result", OutcomeSchema()}}));
}

json EntryJson(const LoginLogEntry& e) {
  return {{"id", e.id},
          {"at", e.at},
          {"username", e.username},
          {"user_id", e.user_id ? json(*e.user_id) : json(nullptr)},
          {"remote_address", e.remote_address},
          {"user_agent", e.user_agent},
          {"result", std::string(LoginOutcomeCode(e.outcome))}};
}

Result<std::optional<int64_t>> IntParam(const Call& c, const std::string& name) {
  auto text = c.request.Query(name);
  if (!text || text->empty()) return std::optional<int64_t>();
  int64_t v = 0;
  size_t used = 0;
  try {
    v = std::stoll(*text, &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != text->size()) {
    return Invalid("request.param", "参数 " + name + " 应为整数",
                   "parameter " + name + " must be an integer", name);
  }
  return std::optional<int64_t>(v);
}

json Parameters() {
  json params = json::array();
  for (const json& p : api::PagingParameters({})) {
    if (p["name"] != "q" && p["name"] != "sort") params.push_back(p);
  }
  params.push_back(api::QueryParam("username", {{"type", "string"}}));
  params.push_back(api::QueryParam("user_id", {{"type", "integer"}, {"format", "int64"}}));
  params.push_back(api::QueryParam("result", OutcomeSchema()));
  params.push_back(api::QueryParam(
      "from", {{"type", "integer"}, {"format", "int64"}, {"description", "at >= from (UTC ms)"}}));
  params.push_back(api::QueryParam(
      "to", {{"type", "integer"}, {"format", "int64"}, {"description", "at < to (UTC ms)"}}));
  return params;
}

}  // namespace

void RegisterLoginLogRoutes(api::Router& router, AuthServices& s) {
  router.Get(
      "/api/v1/auth/login-log", api::Access::Roles({Role::kAdmin}),
      api::OperationDoc(
          "auth", "登录日志（每次登录尝试：用户名、时间、地址、浏览器、结果；最新在前）",
          {{"parameters", Parameters()},
           {"responses",
            {{"200",
              api::JsonResponseDoc(
                  "a page of login attempts",
                  api::Output("LoginLogPage",
                              api::ObjectSchema({{"items", api::ArrayOf(EntrySchema())},
                                                 {"total", {{"type", "integer"}}},
                                                 {"page", {{"type", "integer"}}},
                                                 {"page_size", {{"type", "integer"}}}})))}}}}),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::Paging paging, api::ParsePaging(c.request, {}));
        LoginLogQuery q;
        q.username = NormalizeUsername(c.request.Query("username").value_or(""));
        if (q.username.size() > kMaxUsernameFilterChars * 4) {
          return Invalid("request.param", "参数 username 过长", "parameter username is too long",
                         "username");
        }
        PEIXUN_ASSIGN_OR_RETURN(q.user_id, IntParam(c, "user_id"));
        if (auto result = c.request.Query("result"); result && !result->empty()) {
          q.outcome = ParseLoginOutcome(*result);
          if (!q.outcome) {
            return Invalid("request.param", "结果无效：" + *result, "unknown result: " + *result,
                           "result");
          }
        }
        PEIXUN_ASSIGN_OR_RETURN(q.from, IntParam(c, "from"));
        PEIXUN_ASSIGN_OR_RETURN(q.to, IntParam(c, "to"));
        q.offset = paging.offset();
        q.limit = paging.page_size;
        PEIXUN_ASSIGN_OR_RETURN(LoginLogPage page, ListLoginLog(s.store, *c.principal, q));
        json items = json::array();
        for (const LoginLogEntry& e : page.items) items.push_back(EntryJson(e));
        return api::Json(api::PageJson(std::move(items), page.total, paging));
      });

  const json days = {{"type", "integer"},
                     {"minimum", kMinLoginLogRetentionDays},
                     {"maximum", kMaxLoginLogRetentionDays}};
  const json retention = api::JsonResponseDoc(
      "the retention in days",
      api::Output("LoginLogRetention", api::ObjectSchema({{"days", days}}, {"days"})));
  router.Get("/api/v1/auth/login-log/retention", api::Access::Roles({Role::kAdmin}),
             api::OperationDoc("auth",
                               "登录日志保存天数（更早的记录由服务器每小时清理，或 `peixun "
                               "login-log purge`）",
                               {{"responses", {{"200", retention}}}}),
             [&s](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int d, GetLoginLogRetention(s.store, *c.principal));
               return api::Json({{"days", d}});
             });
  router.Put("/api/v1/auth/login-log/retention", api::Access::Roles({Role::kAdmin}),
             api::OperationDoc(
                 "auth", "设置登录日志保存天数（180 到 3650），记入审计",
                 {{"requestBody", api::JsonBodyDoc(api::ObjectSchema({{"days", days}}, {"days"}))},
                  {"responses", {{"200", retention}}}}),
             [&s](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
               const int64_t d = in.OptInt("days", api::kRequired).value_or(0);
               PEIXUN_RETURN_IF_ERROR(in.Finish());
               PEIXUN_RETURN_IF_ERROR(SetLoginLogRetention(
                   s.store, *c.principal, static_cast<int>(std::clamp<int64_t>(d, -1, 100000))));
               return api::Json({{"days", d}});
             });
}

}  // namespace peixun::auth
