// The session lists (session_list.h): /api/v1/auth/sessions for the caller's own,
// /api/v1/users/{id}/sessions for administrators.
#include <string>
#include <utility>
#include <vector>

#include "api/openapi.h"
#include "api/route_helpers.h"
#include "modules/auth/internal/account_routes.h"
#include "modules/auth/session_list.h"

namespace peixun::auth {
namespace {

using api::Access;
using api::Call;
using nlohmann::json;

json SessionViewSchema() {
  const json int64 = {{"type", "integer"}, {"format", "int64"}};
  const json str = {{"type", "string"}};
  return api::Output(
      "UserSession",
      api::ObjectSchema({{"id", {{"type", "string"}, {"description", "the session's handle"}}},
                         {"created_at", int64},
                         {"last_seen_at", int64},
                         {"expires_at", int64},
                         {"remote_address", str},
                         {"user_agent", str},
                         {"current", {{"type", "boolean"}}}}));
}

json SessionsJson(const std::vector<SessionView>& list) {
  json items = json::array();
  for (const SessionView& v : list) {
    items.push_back({{"id", v.id},
                     {"created_at", v.created_at},
                     {"last_seen_at", v.last_seen_at},
                     {"expires_at", v.expires_at},
                     {"remote_address", v.remote_address},
                     {"user_agent", v.user_agent},
                     {"current", v.current}});
  }
  return {{"items", std::move(items)}};
}

json EndedSchema() {
  return api::Output("SessionsEnded",
                     api::ObjectSchema({{"ended", {{"type", "integer"}, {"format", "int64"}}}}));
}

json Op(const std::string& tag, const std::string& summary, const std::string& status,
        const std::string& description, const json& schema) {
  json responses;
  responses[status] = schema.is_null() ? json{{"description", description}}
                                       : api::JsonResponseDoc(description, schema);
  return api::OperationDoc(tag, summary, {{"responses", responses}});
}

}  // namespace

void RegisterSessionListRoutes(api::Router& router, AuthServices& s) {
  router.Get("/api/v1/auth/sessions", Access::AnyUser(),
             Op("auth", "本人的登录会话（创建、最近活动、地址、浏览器；当前会话有标记）", "200",
                "the caller's live sessions, newest first", api::ItemsSchema(SessionViewSchema())),
             [&s](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(auto list,
                                       SessionList(s.store, s.sessions).Own(*c.principal));
               return api::Json(SessionsJson(list));
             });

  router.Delete(
      "/api/v1/auth/sessions/{id}", Access::AnyUser(),
      Op("auth", "结束本人的一个会话（结束当前会话即退出登录）", "204", "ended", nullptr),
      [&s](Call& c) -> Result<api::Response> {
        PEIXUN_RETURN_IF_ERROR(
            SessionList(s.store, s.sessions).RevokeOwn(*c.principal, c.request.PathParam("id")));
        return api::NoContent();
      });

  router.Post("/api/v1/auth/sessions/revoke-others", Access::AnyUser(),
              Op("auth", "结束本人除当前会话外的所有会话", "200", "how many ended", EndedSchema()),
              [&s](Call& c) -> Result<api::Response> {
                PEIXUN_ASSIGN_OR_RETURN(
                    int64_t ended, SessionList(s.store, s.sessions).RevokeOthers(*c.principal));
                return api::Json({{"ended", ended}});
              });

  router.Get("/api/v1/users/{id}/sessions", Access::Roles({Role::kAdmin}),
             Op("users", "某用户的登录会话（管理员）", "200", "the user's live sessions",
                api::ItemsSchema(SessionViewSchema())),
             [&s](Call& c) -> Result<api::Response> {
               PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
               PEIXUN_ASSIGN_OR_RETURN(auto list,
                                       SessionList(s.store, s.sessions).OfUser(*c.principal, id));
               return api::Json(SessionsJson(list));
             });

  router.Delete("/api/v1/users/{id}/sessions", Access::Roles({Role::kAdmin}),
                Op("users", "结束某用户的所有会话（管理员；强制下线）", "200", "how many ended",
                   EndedSchema()),
                [&s](Call& c) -> Result<api::Response> {
                  PEIXUN_ASSIGN_OR_RETURN(int64_t id, api::IdParam(c));
                  PEIXUN_ASSIGN_OR_RETURN(
                      int64_t ended, SessionList(s.store, s.sessions).EndAll(*c.principal, id));
                  return api::Json({{"ended", ended}});
                });
}

}  // namespace peixun::auth
