// The password policy (GET for anyone: the login page's renewal form shows the
// rules; PUT for admins) and the renewal
// of an expired password (public: there is no session yet).
#include <string>

#include "api/json_input.h"
#include "api/openapi.h"
#include "api/route_helpers.h"
#include "modules/auth/internal/account_routes.h"
#include "modules/auth/password_renewal.h"
#include "modules/auth/password_rules.h"

namespace peixun::auth {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

constexpr size_t kMaxPasswordField = 1024;

json PolicySchema() {
  const json integer = {{"type", "integer"}};
  return api::Output("PasswordPolicy", api::ObjectSchema({{"min_chars", integer},
                                                          {"min_classes", integer},
                                                          {"history", integer},
                                                          {"expiry_days", integer}}));
}

json PolicyJson(const core::PasswordPolicy& p) {
  return {{"min_chars", p.min_chars},
          {"min_classes", p.min_classes},
          {"history", p.history},
          {"expiry_days", p.expiry_days}};
}

}  // namespace

void RegisterPasswordRoutes(api::Router& router, AuthServices& s) {
  router.Get("/api/v1/auth/password-policy", Access::Public(),
             api::OperationDoc(
                 "auth", "密码策略（最短长度、字符类别、历史、有效天数）",
                 {{"responses", {{"200", api::JsonResponseDoc("the policy", PolicySchema())}}}}),
             [&s](Call&) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(core::PasswordPolicy p, GetPasswordPolicy(s.store));
               return api::Json(PolicyJson(p));
             });

  const json int_field = {{"type", "integer"}};
  router.Put(
      "/api/v1/auth/password-policy", Access::Roles({Role::kAdmin}),
      api::OperationDoc(
          "auth", "修改密码策略（管理员）",
          {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                               {{"min_chars", int_field},
                                {"min_classes", int_field},
                                {"history", int_field},
                                {"expiry_days", int_field}},
                               {"min_chars", "min_classes", "history", "expiry_days"}))},
           {"responses", {{"200", api::JsonResponseDoc("the policy now", PolicySchema())}}}}),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        core::PasswordPolicy p;
        p.min_chars = static_cast<int>(in.OptInt("min_chars", api::kRequired).value_or(0));
        p.min_classes = static_cast<int>(in.OptInt("min_classes", api::kRequired).value_or(0));
        p.history = static_cast<int>(in.OptInt("history", api::kRequired).value_or(0));
        p.expiry_days = static_cast<int>(in.OptInt("expiry_days", api::kRequired).value_or(0));
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_RETURN_IF_ERROR(SetPasswordPolicy(s.store, *c.principal, p));
        return api::Json(PolicyJson(p));
      });

  router.Post(
      "/api/v1/auth/password/renew", Access::Public(),
      api::OperationDoc("auth", "更新已过期的密码（无需登录；之后用新密码登录）",
                        {{"requestBody", api::JsonBodyDoc(api::ObjectSchema(
                                             {{"username", {{"type", "string"}}},
                                              {"old_password", {{"type", "string"}}},
                                              {"new_password", {{"type", "string"}}}},
                                             {"username", "old_password", "new_password"}))},
                         {"responses", {{"204", {{"description", "renewed"}}}}}}),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_ASSIGN_OR_RETURN(api::JsonInput in, api::JsonInput::Parse(c.request.body));
        const std::string username = in.Str("username", api::kRequired, 100);
        const std::string old_password = in.Str("old_password", api::kRequired, kMaxPasswordField);
        const std::string new_password = in.Str("new_password", api::kRequired, kMaxPasswordField);
        PEIXUN_RETURN_IF_ERROR(in.Finish());
        PEIXUN_RETURN_IF_ERROR(RenewExpiredPassword(s, username, old_password, new_password,
                                                    c.request.remote_address,
                                                    c.request.Header("user-agent")));
        return api::NoContent();
      });
}

}  // namespace peixun::auth
