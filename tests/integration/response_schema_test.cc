// The schemas of openapi.json are true: real answers of the real Application, on
// the demo district and its seed class (demo::LoadDemoClass), are checked against
// the schema their operation documents. Every GET that answers JSON is asked (its
// {id} filled from the demo data), and a few writes (leave, spot check,
// correction, check-in). A key the answer has and the schema does not name fails
// too, so a schema cannot quietly fall behind its JSON function.
//
// The checker knows the subset of JSON Schema the document uses: $ref to
// components, type, nullable, required, properties, additionalProperties, items,
// enum and allOf.
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app_fixture.h"
#include "core/clock.h"
#include "modules/demo/demo_class.h"

namespace peixun::test {
namespace {

using nlohmann::json;

class SchemaChecker {
 public:
  explicit SchemaChecker(const json& doc) : doc_(doc) {}

  // Problems of `value` against `schema`, each naming its JSON path.
  std::vector<std::string> Check(const json& value, const json& schema) const {
    std::vector<std::string> problems;
    CheckAt(value, schema, "$", &problems);
    return problems;
  }

 private:
  const json& Resolve(const json& schema) const {
    if (!schema.contains("$ref")) return schema;
    const std::string ref = schema["$ref"].get<std::string>();
    const std::string prefix = "#/components/schemas/";
    EXPECT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    return Resolve(doc_["components"]["schemas"][ref.substr(prefix.size())]);
  }

  static bool HasType(const json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    return false;
  }

  void CheckAt(const json& v, const json& raw, const std::string& at,
               std::vector<std::string>* problems) const {
    const json& s = Resolve(raw);
    if (!s.is_object()) {
      problems->push_back(at + ": no schema");
      return;
    }
    if (v.is_null()) {
      if (!s.value("nullable", false) && s.contains("type")) {
        problems->push_back(at + ": null but not nullable");
      }
      return;
    }
    if (s.contains("type") && !HasType(v, s["type"].get<std::string>())) {
      problems->push_back(at + ": " + std::string(v.type_name()) + ", documented " +
                          s["type"].get<std::string>());
      return;
    }
    if (s.contains("enum")) {
      bool listed = false;
      for (const auto& e : s["enum"]) listed |= e == v;
      if (!listed) problems->push_back(at + ": " + v.dump() + " not in " + s["enum"].dump());
    }
    if (s.contains("allOf")) {
      // Each part checks its own keys; the union of their keys is the object's.
      std::set<std::string> named;
      for (const auto& part : s["allOf"]) {
        const json& p = Resolve(part);
        json only = v;
        if (v.is_object() && p.contains("properties")) {
          for (const auto& [k, unused] : v.items()) {
            if (!p["properties"].contains(k)) only.erase(k);
          }
          for (const auto& [k, unused] : p["properties"].items()) named.insert(k);
        }
        CheckAt(only, part, at, problems);
      }
      if (v.is_object()) {
        for (const auto& [k, unused] : v.items()) {
          if (!named.count(k)) problems->push_back(at + "." + k + ": not documented");
        }
      }
    }
    if (v.is_object() && s.contains("properties")) {
      for (const auto& r : s.value("required", json::array())) {
        if (!v.contains(r.get<std::string>())) {
          problems->push_back(at + "." + r.get<std::string>() + ": required, missing");
        }
      }
      for (const auto& [k, item] : v.items()) {
        if (s["properties"].contains(k)) {
          CheckAt(item, s["properties"][k], at + "." + k, problems);
        } else if (s.contains("additionalProperties")) {
          if (s["additionalProperties"].is_object()) {
            CheckAt(item, s["additionalProperties"], at + "." + k, problems);
          }
        } else {
          problems->push_back(at + "." + k + ": not documented");
        }
      }
    } else if (v.is_object() && s.contains("additionalProperties") &&
               s["additionalProperties"].is_object()) {
      for (const auto& [k, item] : v.items()) {
        CheckAt(item, s["additionalProperties"], at + "." + k, problems);
      }
    }
    if (v.is_array() && s.contains("items")) {
      // The first three are enough to catch a wrong shape; all of a long list is slow.
      for (size_t i = 0; i < v.size() && i < 3; ++i) {
        CheckAt(v[i], s["items"], at + "[" + std::to_string(i) + "]", problems);
      }
    }
  }

  const json& doc_;
};

class ResponseSchemaTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    auto demo = demo::LoadDemoClass(app().store(), key_);
    ASSERT_TRUE(demo.ok()) << demo.error().message_en;
    class_id_ = demo->class_id;
    doc_ = Body(Get("/api/v1/openapi.json"));
    ASSERT_TRUE(doc_.is_object());
    admin_ = MakeUser("schema_admin", Role::kAdmin, {}, {}, &admin_user_id_);
  }

  // Checks `r` (status `want`) against what `method path_pattern` documents for
  // that status; returns the body.
  json Expect(const api::Response& r, int want, const std::string& method,
              const std::string& pattern) {
    const std::string where = method + " " + pattern;
    EXPECT_EQ(r.status, want) << where << ": " << r.body.substr(0, 300);
    if (r.status != want) return json();
    const json& op = doc_["paths"][pattern][method];
    const std::string code = std::to_string(want);
    EXPECT_TRUE(op["responses"].contains(code)) << where << ": " << code << " not documented";
    const json& schema = op["responses"][code]["content"]["application/json"]["schema"];
    EXPECT_TRUE(schema.is_object()) << where << ": no JSON schema for " << code;
    json body = Body(r);
    for (const std::string& p : SchemaChecker(doc_).Check(body, schema)) {
      ADD_FAILURE() << where << ": " << p;
    }
    checked_.insert(where);
    return body;
  }

  std::string Id(int64_t id) { return std::to_string(id); }

  json doc_;
  int64_t class_id_ = 0;
  int64_t admin_user_id_ = 0;
  Session admin_;
  std::set<std::string> checked_;
};

TEST_F(ResponseSchemaTest, EveryJsonGetAnswersAsDocumented) {
  const std::string c = Id(class_id_);
  json sessions = Expect(Get("/api/v1/classes/" + c + "/sessions", admin_), 200, "get",
                         "/api/v1/classes/{id}/sessions");
  ASSERT_FALSE(sessions["items"].empty());
  json enrollments = Expect(Get("/api/v1/classes/" + c + "/enrollments", admin_), 200, "get",
                            "/api/v1/classes/{id}/enrollments");
  ASSERT_FALSE(enrollments["items"].empty());
  json units = Body(Get("/api/v1/orgs", admin_));
  json lecturers = Body(Get("/api/v1/lecturers", admin_));
  json sites = Body(Get("/api/v1/sites", admin_));
  json groups = Body(Get("/api/v1/classes/" + c + "/groups", admin_));
  json rooms = Body(Get("/api/v1/classes/" + c + "/lodging-rooms", admin_));
  json class_rooms = Body(Get("/api/v1/classes/" + c + "/rooms", admin_));
  json approved;
  for (const auto& e : enrollments["items"]) {
    if (e["status"] == "approved") approved = e;
  }
  ASSERT_TRUE(approved.is_object());
  int64_t bus_session = 0;
  for (const auto& s : sessions["items"]) {
    if (s["kind"] == "onsite") bus_session = s["id"].get<int64_t>();
  }

  // The id each collection's {id} takes.
  const std::map<std::string, std::string> ids = {
      {"classes", c},
      {"sessions", Id(sessions["items"][0]["id"].get<int64_t>())},
      {"orgs", Id(units["items"][0]["id"].get<int64_t>())},
      {"people", Id(approved["person_id"].get<int64_t>())},
      {"users", Id(admin_user_id_)},
      {"enrollments", Id(approved["id"].get<int64_t>())},
      {"lecturers", Id(lecturers["items"][0]["id"].get<int64_t>())},
      {"sites", Id(sites["items"][0]["id"].get<int64_t>())},
      {"rooms", Id(class_rooms["items"][0]["id"].get<int64_t>())},
      {"groups", Id(groups["groups"][0]["id"].get<int64_t>())},
      {"lodging-rooms", Id(rooms["items"][0]["id"].get<int64_t>())},
  };
  int asked = 0;
  std::vector<std::pair<std::string, std::string>> trainee_only;  // path, pattern
  std::vector<std::pair<std::string, std::string>> staff_only;    // path, pattern
  for (const api::Route& route : app().router().routes()) {
    if (route.method != api::Method::kGet) continue;
    const json& op = doc_["paths"][route.pattern]["get"];
    if (!op["responses"]["200"]["content"].contains("application/json")) continue;
    std::vector<std::string> segs = api::SplitPath(route.pattern);
    std::string path;
    bool fillable = true;
    for (size_t i = 0; i < segs.size(); ++i) {
      if (segs[i] == "{id}") {
        auto it = ids.find(segs[i - 1]);
        if (it == ids.end()) {
          fillable = false;
          break;
        }
        path += "/" + it->second;
      } else if (segs[i].front() == '{') {
        fillable = false;
        break;
      } else {
        path += "/" + segs[i];
      }
    }
    if (!fillable || route.pattern.rfind("/api/v1/me/", 0) == 0) continue;
    if (route.pattern == "/api/v1/sessions/{id}/buses") {
      path = "/api/v1/sessions/" + Id(bus_session) + "/buses";
    }
    // A required query parameter gets its documented minimum (or 1), e.g. the
    // retention preview's years.
    char sep = '?';
    for (const auto& param : op.value("parameters", json::array())) {
      if (param.value("in", "") != "query" || !param.value("required", false)) continue;
      const json& schema = param.value("schema", json::object());
      path +=
          sep + param["name"].get<std::string>() + "=" + std::to_string(schema.value("minimum", 1));
      sep = '&';
    }
    ++asked;
    // A start page of one staff role (workbench) is asked as that role, below.
    if (!route.access.Allows(Role::kAdmin) && !route.access.Allows(Role::kTrainee)) {
      staff_only.emplace_back(path, route.pattern);
      continue;
    }
    // A route only trainees may call (their exams, their paper) is asked as one.
    if (!route.access.Allows(Role::kAdmin)) {
      trainee_only.emplace_back(path, route.pattern);
      continue;
    }
    Expect(Get(path, admin_), 200, "get", route.pattern);
  }
  EXPECT_GT(asked, 30);

  // What a trainee of the class sees.
  Session trainee =
      MakeUser("schema_trainee", Role::kTrainee, {}, approved["person_id"].get<int64_t>());
  for (const auto& [path, pattern] : trainee_only) {
    if (pattern == "/api/v1/classes/{id}/reflections/mine") {
      // No paper submitted yet: the error body (documented as 4XX).
      api::Response r = Get(path, trainee);
      EXPECT_EQ(r.status, 404) << r.body;
      EXPECT_EQ(Body(r)["error"]["code"], "reflection.not_found");
      continue;
    }
    Expect(Get(path, trainee), 200, "get", pattern);
  }
  Expect(Get("/api/v1/me/attendance?class_id=" + c, trainee), 200, "get", "/api/v1/me/attendance");
  Expect(Get("/api/v1/me/spot-checks", trainee), 200, "get", "/api/v1/me/spot-checks");
  Expect(Get("/api/v1/me/class/" + c, trainee), 200, "get", "/api/v1/me/class/{id}");
  // The class's head teacher and a liaison of a street office with a quota in it.
  int64_t head_user = 0;
  Session head = MakeUser("schema_head", Role::kHeadTeacher, {}, {}, &head_user);
  EXPECT_EQ(Send(api::Method::kPut, "/api/v1/classes/" + c + "/head-teachers",
                 json{{"user_ids", {head_user}}}.dump(), admin_)
                .status,
            200);
  Session liaison = MakeUser("schema_liaison", Role::kLiaison, UnitId(admin_, "东关街道办事处"));
  for (const auto& [path, pattern] : staff_only) {
    const api::Route* route = nullptr;
    for (const api::Route& r : app().router().routes()) {
      if (r.method == api::Method::kGet && r.pattern == pattern) route = &r;
    }
    ASSERT_NE(route, nullptr) << pattern;
    if (route->access.Allows(Role::kHeadTeacher)) {
      Expect(Get(path, head), 200, "get", pattern);
    } else if (route->access.Allows(Role::kLiaison)) {
      Expect(Get(path, liaison), 200, "get", pattern);
    } else {
      ADD_FAILURE() << pattern << ": no caller to ask it as";
    }
  }
  int64_t lecturer_user = 0;
  Session lecturer = MakeUser("schema_lecturer", Role::kLecturer, {}, {}, &lecturer_user);
  Expect(Get("/api/v1/me/sessions", lecturer), 200, "get", "/api/v1/me/sessions");

  for (const char* must :
       {"get /api/v1/classes/{id}/attendance/summary", "get /api/v1/sessions/{id}/attendance",
        "get /api/v1/sessions/{id}/qr", "get /api/v1/classes/{id}/leave",
        "get /api/v1/sessions/{id}/spot-checks", "get /api/v1/classes/{id}",
        "get /api/v1/people/{id}", "get /api/v1/classes/{id}/groups",
        "get /api/v1/classes/{id}/meals", "get /api/v1/classes/{id}/venue",
        "get /api/v1/sessions/{id}/buses", "get /api/v1/audit",
        "get /api/v1/workbench/head-teacher", "get /api/v1/workbench/liaison",
        "get /api/v1/workbench/organizer", "get /api/v1/workbench/admin"}) {
    EXPECT_TRUE(checked_.count(must)) << must << " was not checked";
  }
}

TEST_F(ResponseSchemaTest, AttendanceWritesAnswerAsDocumented) {
  const std::string c = Id(class_id_);
  json sessions = Body(Get("/api/v1/classes/" + c + "/sessions", admin_));
  ASSERT_FALSE(sessions["items"].empty());
  // A session running now (the class starts today): spot checks and check-in need one.
  json klass = Body(Get("/api/v1/classes/" + c, admin_));
  const int64_t offset_ms = klass["utc_offset_minutes"].get<int64_t>() * 60'000;
  auto local = [&](int64_t ms) {
    const std::time_t t = static_cast<std::time_t>((ms + offset_ms) / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
    return std::string(buf);
  };
  const int64_t now = NowMillis();
  json written = Expect(Send(api::Method::kPost, "/api/v1/classes/" + c + "/sessions",
                             json{{"kind", "lecture"},
                                  {"title", "专题辅导"},
                                  {"start", local(now - 2 * 60'000)},
                                  {"end", local(now + 60 * 60'000)},
                                  {"accept_conflicts", true}}
                                 .dump(),
                             admin_),
                        201, "post", "/api/v1/classes/{id}/sessions");
  ASSERT_TRUE(written.contains("id"));
  const std::string s = Id(written["id"].get<int64_t>());
  json enrollments = Body(Get("/api/v1/classes/" + c + "/enrollments", admin_));
  int64_t person = 0;
  for (const auto& e : enrollments["items"]) {
    if (e["status"] == "approved") person = e["person_id"].get<int64_t>();
  }
  ASSERT_NE(person, 0);

  json leave = Expect(Send(api::Method::kPost, "/api/v1/classes/" + c + "/leave",
                           json{{"person_id", person},
                                {"reason", "家中有事"},
                                {"session_ids", {sessions["items"].back()["id"]}}}
                               .dump(),
                           admin_),
                      201, "post", "/api/v1/classes/{id}/leave");
  ASSERT_TRUE(leave.contains("id"));
  const std::string leave_id = Id(leave["id"].get<int64_t>());
  Expect(Get("/api/v1/leave/" + leave_id, admin_), 200, "get", "/api/v1/leave/{id}");
  Expect(Send(api::Method::kPost, "/api/v1/leave/" + leave_id + "/approve",
              json{{"reason", "同意"}}.dump(), admin_),
         200, "post", "/api/v1/leave/{id}/approve");
  Expect(Get("/api/v1/classes/" + c + "/leave", admin_), 200, "get", "/api/v1/classes/{id}/leave");

  json spot = Expect(Send(api::Method::kPost, "/api/v1/sessions/" + s + "/spot-checks",
                          json{{"minutes", 3}}.dump(), admin_),
                     201, "post", "/api/v1/sessions/{id}/spot-checks");
  Expect(Get("/api/v1/sessions/" + s + "/spot-checks", admin_), 200, "get",
         "/api/v1/sessions/{id}/spot-checks");

  Expect(Send(api::Method::kPost, "/api/v1/sessions/" + s + "/corrections",
              json{{"person_id", person},
                   {"status", "attended"},
                   {"late", true},
                   {"reason", "纸质签到表为证"}}
                  .dump(),
              admin_),
         201, "post", "/api/v1/sessions/{id}/corrections");
  json att = Expect(Get("/api/v1/sessions/" + s + "/attendance", admin_), 200, "get",
                    "/api/v1/sessions/{id}/attendance");
  ASSERT_FALSE(att["items"].empty());
  Expect(Get("/api/v1/classes/" + c + "/attendance/summary", admin_), 200, "get",
         "/api/v1/classes/{id}/attendance/summary");

  // A trainee checks in with the projector's token.
  Session trainee = MakeUser("schema_checkin", Role::kTrainee, {}, person);
  json qr =
      Expect(Get("/api/v1/sessions/" + s + "/qr", admin_), 200, "get", "/api/v1/sessions/{id}/qr");
  json answer = Expect(
      Send(api::Method::kPost, "/api/v1/checkin",
           json{{"token", qr["token"]}, {"idempotency_key", "schema-key-000001"}}.dump(), trainee),
      200, "post", "/api/v1/checkin");
  EXPECT_EQ(answer["direction"], "in") << answer.dump();
  json mine = Expect(Get("/api/v1/me/attendance?class_id=" + c, trainee), 200, "get",
                     "/api/v1/me/attendance");
  EXPECT_TRUE(mine["completion"].is_object()) << mine.dump().substr(0, 300);
  json open = Expect(Get("/api/v1/me/spot-checks", trainee), 200, "get", "/api/v1/me/spot-checks");
  ASSERT_FALSE(open["items"].empty());
  Expect(Send(api::Method::kPost,
              "/api/v1/spot-checks/" + Id(spot["id"].get<int64_t>()) + "/confirm", "", trainee),
         200, "post", "/api/v1/spot-checks/{id}/confirm");
}

// The checker itself refuses what it should, or the tests above prove nothing.
TEST(SchemaCheckerTest, RefusesWrongShapes) {
  const json doc = {{"components",
                     {{"schemas",
                       {{"Row",
                         {{"type", "object"},
                          {"required", {"id", "status"}},
                          {"properties",
                           {{"id", {{"type", "integer"}}},
                            {"status", {{"type", "string"}, {"enum", {"a", "b"}}}},
                            {"note", {{"type", "string"}, {"nullable", true}}}}}}}}}}}};
  const json schema = {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Row"}}}};
  SchemaChecker checker(doc);
  EXPECT_TRUE(checker.Check(json::parse(R"([{"id":1,"status":"a","note":null}])"), schema).empty());
  EXPECT_EQ(checker.Check(json::parse(R"([{"status":"a"}])"), schema).size(), 1u);  // required
  EXPECT_EQ(checker.Check(json::parse(R"([{"id":"1","status":"a"}])"), schema).size(), 1u);
  EXPECT_EQ(checker.Check(json::parse(R"([{"id":1,"status":"c"}])"), schema).size(), 1u);
  EXPECT_EQ(checker.Check(json::parse(R"([{"id":1,"status":"a","x":2}])"), schema).size(), 1u);
  EXPECT_EQ(checker.Check(json::parse(R"([{"id":null,"status":"a"}])"), schema).size(), 1u);
  EXPECT_EQ(checker.Check(json::parse(R"({"id":1})"), schema).size(), 1u);  // not an array
}

}  // namespace
}  // namespace peixun::test
