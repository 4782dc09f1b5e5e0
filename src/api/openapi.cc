#include "api/openapi.h"

namespace peixun::api {
namespace {

// "get" + "/api/v1/classes/{id}/calendar.ics" → "get_classes_id_calendar_ics": unique
// because method and pattern are.
std::string OperationId(Method m, const std::string& pattern) {
  std::string out(MethodName(m));
  for (char& c : out) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  for (const std::string& seg : SplitPath(pattern)) {
    if (seg == "api" || seg == "v1") continue;
    out += '_';
    for (char c : seg) {
      if (c == '{' || c == '}') continue;
      out += isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
  }
  return out;
}

std::string LowerMethod(Method m) {
  std::string s(MethodName(m));
  for (char& c : s) c = static_cast<char>(tolower(c));
  return s;
}

nlohmann::json ErrorSchema() {
  return ObjectSchema({{"error", ObjectSchema({{"code", {{"type", "string"}}},
                                               {"message", {{"type", "string"}}},
                                               {"field", {{"type", "string"}}}},
                                              {"code", "message"})}},
                      {"error"});
}

}  // namespace

nlohmann::json ObjectSchema(nlohmann::json properties, std::vector<std::string> required) {
  nlohmann::json s = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) s["required"] = required;
  return s;
}

nlohmann::json JsonBodyDoc(nlohmann::json schema) {
  return {{"required", true}, {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

nlohmann::json JsonResponseDoc(const std::string& description, nlohmann::json schema) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

nlohmann::json OpenApiDocument(const Router& router, const std::string& version) {
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : router.routes()) {
    nlohmann::json op = r.doc;
    nlohmann::json params = op.value("parameters", nlohmann::json::array());
    for (const std::string& seg : SplitPath(r.pattern)) {
      if (seg.size() > 2 && seg.front() == '{') {
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
      }
    }
    if (!params.empty()) op["parameters"] = params;
    if (!op.contains("responses")) op["responses"] = nlohmann::json::object();
    if (op["responses"].empty()) op["responses"]["200"] = {{"description", "OK"}};
    bool has_4xx = false;
    for (const auto& [code, unused] : op["responses"].items()) has_4xx |= code.front() == '4';
    if (!has_4xx) {
      op["responses"]["4XX"] =
          JsonResponseDoc("refused: see error.code", {{"$ref", "#/components/schemas/Error"}});
    }
    op["responses"]["default"] = JsonResponseDoc("error", {{"$ref", "#/components/schemas/Error"}});
    if (!op.contains("operationId")) op["operationId"] = OperationId(r.method, r.pattern);
    nlohmann::json roles = nlohmann::json::array();
    if (r.access.is_public) {
      roles.push_back("public");
    } else if (r.access.roles.empty()) {
      roles.push_back("any");
    } else {
      for (Role role : r.access.roles) roles.push_back(std::string(RoleCode(role)));
    }
    op["x-peixun-roles"] = roles;
    // A public route says so with an empty list; the others take either scheme.
    op["security"] = r.access.is_public ? nlohmann::json::array()
                                        : nlohmann::json{{{"session", nlohmann::json::array()}},
                                                         {{"token", nlohmann::json::array()}}};
    paths[r.pattern][LowerMethod(r.method)] = op;
  }
  return {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "peixun API"},
        {"version", version},
        {"description",
         "培训班从计划到结业证书。Errors: {\"error\":{\"code\",\"message\",\"field\"}}; "
         "messages in zh-CN unless Accept-Language prefers en. Unsafe requests with a session "
         "cookie carry the X-CSRF-Token header from login."}}},
      {"servers", {{{"url", "/"}, {"description", "this server"}}}},
      {"paths", paths},
      {"components",
       {{"schemas", {{"Error", ErrorSchema()}}},
        {"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "peixun_session"}}},
          {"token", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
  };
}

}  // namespace peixun::api
