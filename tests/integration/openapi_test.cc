// GET /api/v1/openapi.json of the real Application is true to the router: a valid
// OpenAPI 3.0 skeleton, one operation per route and no operation without a route,
// each with a summary, tags and responses, path parameters declared, and a request
// body wherever the route reads one (JSON, or the raw file of an upload). Whether a
// route reads a body is asked of the route itself: it is sent a body with an
// unknown field, and a route that reads JSON refuses it.
#include <set>
#include <string>
#include <vector>

#include "app_fixture.h"

namespace peixun::test {
namespace {

using nlohmann::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::set<std::string> kHttpMethods = {"get",     "put",  "post",  "delete",
                                            "options", "head", "patch", "trace"};

// Error codes that only a route parsing a JSON body gives (api/json_input.h).
const std::set<std::string> kJsonBodyCodes = {"request.json",          "request.encoding",
                                              "request.unknown_field", "request.required",
                                              "request.type",          "request.too_long"};

class OpenApiTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    auto r = Get("/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.content_type.find("application/json"), std::string::npos) << r.content_type;
    doc_ = Body(r);
    ASSERT_TRUE(doc_.is_object()) << r.body.substr(0, 200);
  }

  static std::string Where(const std::string& method, const std::string& path) {
    return Lower(method) + " " + path;
  }

  json doc_;
};

TEST_F(OpenApiTest, IsAnOpenApi3Document) {
  ASSERT_TRUE(doc_["openapi"].is_string());
  EXPECT_EQ(doc_["openapi"].get<std::string>().rfind("3.0.", 0), 0u) << doc_["openapi"];
  ASSERT_TRUE(doc_["info"].is_object());
  EXPECT_FALSE(doc_["info"].value("title", "").empty());
  EXPECT_FALSE(doc_["info"].value("version", "").empty());
  ASSERT_TRUE(doc_["paths"].is_object());
  EXPECT_FALSE(doc_["paths"].empty());
  EXPECT_TRUE(doc_["components"]["schemas"]["Error"].is_object());
  // A name given to two different schemas (api::Named) is left inline, marked.
  EXPECT_EQ(doc_.dump().find("x-peixun-schema"), std::string::npos)
      << "two different schemas share a name";
  EXPECT_TRUE(doc_["components"]["schemas"]["CheckinAnswer"].is_object());
  for (const auto& [path, item] : doc_["paths"].items()) {
    EXPECT_EQ(path.front(), '/') << path;
    ASSERT_TRUE(item.is_object()) << path;
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(kHttpMethods.count(method)) << "not an HTTP method: " << method << " " << path;
    }
  }
}

TEST_F(OpenApiTest, EveryRouteIsDocumentedAndEveryOperationHasARoute) {
  std::set<std::string> routed;
  for (const api::Route& route : app().router().routes()) {
    const std::string method = Lower(api::MethodName(route.method));
    routed.insert(Where(method, route.pattern));
    EXPECT_TRUE(doc_["paths"].contains(route.pattern) &&
                doc_["paths"][route.pattern].contains(method))
        << "route missing from openapi.json: " << Where(method, route.pattern);
  }
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(routed.count(Where(method, path)))
          << "documented but no route: " << Where(method, path);
    }
  }
  EXPECT_EQ(routed.size(), app().router().routes().size())
      << "two routes share a method and pattern";
}

TEST_F(OpenApiTest, EveryOperationHasSummaryTagsResponsesAndItsPathParameters) {
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      const std::string where = Where(method, path);
      EXPECT_TRUE(op["summary"].is_string() && !op["summary"].get<std::string>().empty())
          << where << ": summary";
      ASSERT_TRUE(op["tags"].is_array()) << where << ": tags";
      EXPECT_FALSE(op["tags"].empty()) << where << ": tags";
      for (const auto& t : op["tags"])
        EXPECT_TRUE(t.is_string() && !t.get<std::string>().empty()) << where;
      ASSERT_TRUE(op["responses"].is_object()) << where << ": responses";
      bool success = false;
      for (const auto& [code, response] : op["responses"].items()) {
        EXPECT_TRUE(code == "default" || (code.size() == 3 && code[0] >= '1' && code[0] <= '5'))
            << where << ": response code " << code;
        EXPECT_TRUE(response.is_object() && response.contains("description"))
            << where << ": response " << code << " needs a description";
        if (code[0] == '2' || code[0] == '3') success = true;
      }
      EXPECT_TRUE(success) << where << ": no success response";
      ASSERT_TRUE(op["x-peixun-roles"].is_array()) << where;
      EXPECT_FALSE(op["x-peixun-roles"].empty()) << where;

      std::set<std::string> declared;
      if (op.contains("parameters")) {
        for (const auto& p : op["parameters"]) {
          EXPECT_TRUE(p.contains("name") && p.contains("in") && p.contains("schema"))
              << where << " " << p;
          if (p.value("in", "") == "path") {
            declared.insert(p.value("name", ""));
            EXPECT_EQ(p.value("required", false), true) << where << ": path parameter " << p;
          }
        }
      }
      for (const std::string& seg : api::SplitPath(path)) {
        if (seg.size() > 2 && seg.front() == '{') {
          EXPECT_TRUE(declared.count(seg.substr(1, seg.size() - 2)))
              << where << ": parameter " << seg;
        }
      }
      if (op.contains("requestBody")) {
        EXPECT_TRUE(op["requestBody"]["content"].is_object() &&
                    !op["requestBody"]["content"].empty())
            << where << ": requestBody without content";
      }
    }
  }
}

// Public routes say "public"; others list their roles (or "any").
TEST_F(OpenApiTest, RolesMatchTheRouteAccess) {
  for (const api::Route& route : app().router().routes()) {
    const std::string method = Lower(api::MethodName(route.method));
    const json& roles = doc_["paths"][route.pattern][method]["x-peixun-roles"];
    std::set<std::string> want;
    if (route.access.is_public) {
      want = {"public"};
    } else if (route.access.roles.empty()) {
      want = {"any"};
    } else {
      for (Role r : route.access.roles) want.insert(std::string(RoleCode(r)));
    }
    std::set<std::string> got;
    for (const auto& r : roles) got.insert(r.get<std::string>());
    EXPECT_EQ(got, want) << Where(method, route.pattern);
  }
}

// Each POST/PUT/PATCH is sent {"zz_probe":1} by an admin (path ids from the demo
// data and throwaway records). A route that answers with a JSON-body error reads
// JSON, so its operation must have a JSON requestBody; one that asks for a file
// name is an upload and must take application/octet-stream with ?filename.
TEST_F(OpenApiTest, WritesThatReadABodyDocumentIt) {
  Session admin = MakeUser("openapi_admin", Role::kAdmin);
  Session probe_session = MakeUser("openapi_prober", Role::kAdmin);
  const int64_t street = UnitId(admin, "东关街道办事处");
  auto unit = Send(
      api::Method::kPost, "/api/v1/orgs",
      json{{"name", "文档测试社区"}, {"kind", "community"}, {"parent_id", street}}.dump(), admin);
  ASSERT_EQ(unit.status, 201) << unit.body;
  auto person =
      Send(api::Method::kPost, "/api/v1/people",
           json{{"name", "文档测试"}, {"gender", "男"}, {"unit_id", street}}.dump(), admin);
  ASSERT_EQ(person.status, 201) << person.body;
  int64_t user_id = 0;
  MakeUser("openapi_victim", Role::kLecturer, {}, {}, &user_id);
  const std::string unit_id = std::to_string(Body(unit)["id"].get<int64_t>());
  const std::string person_id = std::to_string(Body(person)["id"].get<int64_t>());

  auto path_for = [&](const std::string& pattern) {
    std::string id = "1";
    if (pattern.rfind("/api/v1/orgs/", 0) == 0) id = unit_id;
    if (pattern.rfind("/api/v1/people/", 0) == 0) id = person_id;
    if (pattern.rfind("/api/v1/users/", 0) == 0) id = std::to_string(user_id);
    std::string out;
    for (const std::string& seg : api::SplitPath(pattern)) {
      out += "/" + (seg.size() > 2 && seg.front() == '{' ? (seg == "{token}" ? "no-such-token" : id)
                                                         : seg);
    }
    return out;
  };

  std::vector<const api::Route*> writes;
  for (const api::Route& route : app().router().routes()) {
    if (route.method == api::Method::kPost || route.method == api::Method::kPut ||
        route.method == api::Method::kPatch) {
      writes.push_back(&route);
    }
  }
  // Logout ends the prober's session: last.
  std::stable_partition(writes.begin(), writes.end(),
                        [](const api::Route* r) { return r->pattern != "/api/v1/auth/logout"; });
  int json_routes = 0, upload_routes = 0;
  for (const api::Route* route : writes) {
    const std::string method = Lower(api::MethodName(route->method));
    const std::string where = Where(method, route->pattern);
    auto r = Send(route->method, path_for(route->pattern), R"({"zz_probe":1})", probe_session);
    ASSERT_NE(r.status, 401) << where << ": the probe session ended early";
    const std::string code = ErrorCode(r);
    const json& op = doc_["paths"][route->pattern][method];
    if (kJsonBodyCodes.count(code)) {
      ++json_routes;
      EXPECT_TRUE(op.contains("requestBody") &&
                  op["requestBody"]["content"].contains("application/json") &&
                  op["requestBody"]["content"]["application/json"].contains("schema"))
          << where << " reads a JSON body (" << code << ") but documents no JSON requestBody";
    } else if (code == "request.filename") {
      ++upload_routes;
      EXPECT_TRUE(op.contains("requestBody") &&
                  op["requestBody"]["content"].contains("application/octet-stream"))
          << where << " takes an uploaded file but documents no application/octet-stream body";
      bool filename = false;
      for (const auto& p : op.value("parameters", json::array())) {
        filename |= p.value("name", "") == "filename" && p.value("in", "") == "query";
      }
      EXPECT_TRUE(filename) << where << ": upload without the ?filename parameter";
    }
  }
  EXPECT_GT(json_routes, 5);
  EXPECT_GE(upload_routes, 2);  // orgs and people imports
}

}  // namespace
}  // namespace peixun::test
