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

constexpr char kNameMark[] = "x-peixun-schema";

// Replaces each named schema in `node` (inner ones first) by a $ref to its copy in
// `schemas`; a name already taken by a different schema stays inline, marked.
void HoistNamed(nlohmann::json& node, nlohmann::json& schemas) {
  if (node.is_array()) {
    for (auto& item : node) HoistNamed(item, schemas);
    return;
  }
  if (!node.is_object()) return;
  for (auto& [key, value] : node.items()) HoistNamed(value, schemas);
  auto mark = node.find(kNameMark);
  if (mark == node.end() || !mark->is_string()) return;
  const std::string name = mark->get<std::string>();
  nlohmann::json schema = node;
  schema.erase(kNameMark);
  if (!schemas.contains(name)) schemas[name] = schema;
  if (schemas[name] == schema) node = {{"$ref", "#/components/schemas/" + name}};
}

}  // namespace

nlohmann::json Named(const std::string& name, nlohmann::json schema) {
  schema[kNameMark] = name;
  return schema;
}

namespace {

// A named schema inside another states its own required keys.
nlohmann::json AllRequiredBelow(nlohmann::json schema, bool top) {
  if (!schema.is_object() || schema.contains("$ref")) return schema;
  if (!top && schema.contains(kNameMark)) return schema;
  if (schema.contains("properties") && schema["properties"].is_object()) {
    if (!schema.contains("required") && !schema["properties"].empty()) {
      nlohmann::json required = nlohmann::json::array();
      for (const auto& [key, unused] : schema["properties"].items()) required.push_back(key);
      schema["required"] = required;
    }
    for (auto& [key, value] : schema["properties"].items()) {
      value = AllRequiredBelow(value, false);
    }
  }
  if (schema.contains("items")) schema["items"] = AllRequiredBelow(schema["items"], false);
  if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
    schema["additionalProperties"] = AllRequiredBelow(schema["additionalProperties"], false);
  }
  return schema;
}

}  // namespace

nlohmann::json AllRequired(nlohmann::json schema) {
  return AllRequiredBelow(std::move(schema), true);
}

nlohmann::json Output(const std::string& name, nlohmann::json schema) {
  return Named(name, AllRequired(std::move(schema)));
}

nlohmann::json ArrayOf(nlohmann::json items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}

nlohmann::json ItemsSchema(nlohmann::json items) {
  return ObjectSchema({{"items", ArrayOf(std::move(items))}}, {"items"});
}

nlohmann::json FileResponseDoc(const std::string& description, const std::string& media) {
  return {{"description", description},
          {"content", {{media, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
}

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
    for (auto& [code, response] : op["responses"].items()) {
      const bool refusal = code.front() == '4';
      has_4xx |= refusal;
      // A refusal documented by its code alone still carries the error body.
      if (refusal && response.is_object() && !response.contains("content")) {
        response["content"] = {
            {"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}};
      }
    }
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
  nlohmann::json schemas = {{"Error", ErrorSchema()}};
  HoistNamed(paths, schemas);
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
       {{"schemas", schemas},
        {"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "peixun_session"}}},
          {"token", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
  };
}

}  // namespace peixun::api
