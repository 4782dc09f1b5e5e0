#include "modules/auth/internal/auth_json.h"

#include <string>
#include <vector>

#include "api/openapi.h"

namespace peixun::auth {
namespace {

nlohmann::json OptInt(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json NullableInt(const char* description) {
  return {
      {"type", "integer"}, {"format", "int64"}, {"nullable", true}, {"description", description}};
}

}  // namespace

nlohmann::json UserJson(const User& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"role", std::string(RoleCode(user.role))},
          {"role_label", std::string(RoleLabel(user.role))},
          {"unit_id", OptInt(user.unit_id)},
          {"person_id", OptInt(user.person_id)},
          {"active", user.active}};
}

nlohmann::json UserSchema() {
  std::vector<std::string> roles;
  for (Role r : kAllRoles) roles.emplace_back(RoleCode(r));
  return api::Output(
      "User",
      api::ObjectSchema({{"id", {{"type", "integer"}, {"format", "int64"}}},
                         {"username", {{"type", "string"}}},
                         {"display_name", {{"type", "string"}}},
                         {"role", {{"type", "string"}, {"enum", roles}}},
                         {"role_label", {{"type", "string"}, {"example", "系统管理员"}}},
                         {"unit_id", NullableInt("a liaison's unit: the root of what they see")},
                         {"person_id", NullableInt("a trainee's person record")},
                         {"active", {{"type", "boolean"}}}},
                        {"id", "username", "display_name", "role", "role_label", "unit_id",
                         "person_id", "active"}));
}

nlohmann::json ApiTokenJson(const ApiToken& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"created_at", token.created_at},
          {"last_used_at", OptInt(token.last_used_at)},
          {"revoked_at", OptInt(token.revoked_at)}};
}

nlohmann::json ApiTokenSchema() {
  return api::Output(
      "ApiToken",
      api::ObjectSchema(
          {{"id", {{"type", "integer"}, {"format", "int64"}}},
           {"name", {{"type", "string"}}},
           {"created_at",
            {{"type", "integer"}, {"format", "int64"}, {"description", "ms since epoch"}}},
           {"last_used_at", NullableInt("ms since epoch; written at most once a minute")},
           {"revoked_at", NullableInt("ms since epoch; null while the token works")}},
          {"id", "name", "created_at", "last_used_at", "revoked_at"}));
}

}  // namespace peixun::auth
