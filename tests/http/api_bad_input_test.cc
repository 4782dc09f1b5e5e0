// Hostile and broken input against the real server: http::Server around the real
// app::Application (demo data on a temporary SQLite file) on 127.0.0.1, port 0,
// spoken to over a plain POSIX socket. Every bad request gets the status that fits
// and the JSON error body; text that looks like SQL or HTML is stored verbatim and
// only ever returned as JSON; a refused write stores nothing.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/application.h"
#include "crypto/data_key.h"
#include "http/server.h"
#include "modules/demo/demo_data.h"
#include "modules/schema.h"
#include "store/migration.h"
#include "store/open_store.h"

namespace peixun::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

struct Reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;

  std::string Header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return {};
  }
  json Json() const { return json::parse(body, nullptr, false); }
  std::string Code() const {
    json j = Json();
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }
  std::string Field() const {
    json j = Json();
    return j.is_object() && j.contains("error") ? j["error"].value("field", "") : "";
  }
  std::string Message() const {
    json j = Json();
    return j.is_object() && j.contains("error") ? j["error"].value("message", "") : "";
  }
};

// One HTTP/1.1 request per connection (Connection: close), over a blocking socket
// with a deadline on every read.
std::optional<Reply> Exchange(uint16_t port, const std::string& head, const std::string& body,
                              milliseconds timeout = milliseconds(15000)) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  auto send_all = [fd](std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  };
  std::string buffer;
  const auto deadline = Clock::now() + timeout;
  auto fill = [&]() {
    const long left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    char chunk[16384];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  };
  // The server may answer (413) and stop reading before the body is all sent.
  if (send_all(head)) send_all(body);
  size_t header_end;
  while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) {
      ::close(fd);
      return std::nullopt;
    }
  }
  Reply reply;
  const std::string head_text = buffer.substr(0, header_end);
  buffer.erase(0, header_end + 4);
  size_t line_end = head_text.find("\r\n");
  reply.status = std::stoi(head_text.substr(9, 3));
  while (line_end != std::string::npos) {
    const size_t start = line_end + 2;
    line_end = head_text.find("\r\n", start);
    std::string line = head_text.substr(
        start, line_end == std::string::npos ? std::string::npos : line_end - start);
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    reply.headers.emplace_back(name, value);
  }
  const std::string length = reply.Header("content-length");
  if (reply.status != 204) {
    if (length.empty()) {
      while (fill()) {
      }
      reply.body = buffer;
    } else {
      const size_t n = std::stoul(length);
      while (buffer.size() < n) {
        if (!fill()) break;
      }
      reply.body = buffer.substr(0, std::min(n, buffer.size()));
    }
  }
  ::close(fd);
  return reply;
}

class ApiBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/peixun-badinput-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto store = store::OpenStore("sqlite:" + (dir_ / "t.db").string());
    ASSERT_TRUE(store.ok()) << store.error().message_en;
    ASSERT_TRUE(store::Migrate(**store, modules::AllMigrations()).ok());
    ASSERT_TRUE(demo::LoadDemoData(**store, key_).ok());
    app_ = std::make_unique<app::Application>(std::move(*store), key_, app::Application::Log{},
                                              /*second_factor_required=*/false);
    auto admin =
        app_->auth().users.Create(auth::NewUser{"badinput", "测试管理员", Role::kAdmin, {}, {}});
    ASSERT_TRUE(admin.ok());

    ServerOptions options;  // production limits (20 MB bodies)
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(
        options, [this](api::Request& r) { return app_->Handle(r); }, [](const std::string&) {});
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().message_en;
    port_ = server_->port();

    auto login = Call("POST", "/api/v1/auth/login",
                      json{{"username", "badinput"}, {"password", admin->password}}.dump());
    ASSERT_EQ(login.status, 200) << login.body;
    for (const auto& [k, v] : login.headers) {
      if (k == "set-cookie" && v.rfind("peixun_session=", 0) == 0)
        cookie_ = v.substr(0, v.find(';'));
    }
    csrf_ = login.Json()["csrf_token"];
    ASSERT_FALSE(cookie_.empty());
    auto orgs = Call("GET", "/api/v1/orgs");
    const json units = orgs.Json();
    for (const auto& u : units["items"]) {
      if (u["name"] == "东关街道办事处") unit_ = u["id"];
    }
    ASSERT_GT(unit_, 0);
  }
  void TearDown() override {
    server_.reset();
    app_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // A request with the admin's cookie and CSRF token; `lang` sets Accept-Language.
  Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& content_type = "application/json", const std::string& lang = "") {
    std::string head =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!cookie_.empty()) head += "Cookie: " + cookie_ + "\r\nX-CSRF-Token: " + csrf_ + "\r\n";
    if (!lang.empty()) head += "Accept-Language: " + lang + "\r\n";
    if (!body.empty() || method != "GET") {
      head += "Content-Type: " + content_type +
              "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    head += "\r\n";
    auto reply = Exchange(port_, head, body);
    EXPECT_TRUE(reply.has_value()) << method << " " << target << ": no answer";
    return reply.value_or(Reply{});
  }

  int64_t Count(const std::string& list) {
    auto r = Call("GET", list + (list.find('?') == std::string::npos ? "?" : "&") + "page_size=1");
    EXPECT_EQ(r.status, 200) << r.body;
    auto j = r.Json();
    if (j.contains("total")) return j["total"].get<int64_t>();
    return static_cast<int64_t>(j["items"].size());
  }
  int64_t People() { return Count("/api/v1/people"); }
  int64_t Units() {
    return static_cast<int64_t>(Call("GET", "/api/v1/orgs").Json()["items"].size());
  }

  // Every error answer: the status, JSON with code and message, field when given.
  static void ExpectError(const Reply& r, int status, const std::string& code,
                          const std::string& field = "") {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.Header("content-type").find("application/json"), std::string::npos);
    json j = r.Json();
    ASSERT_TRUE(j.is_object() && j["error"].is_object()) << r.body;
    EXPECT_EQ(j["error"].value("code", ""), code) << r.body;
    EXPECT_FALSE(j["error"].value("message", "").empty()) << r.body;
    if (!field.empty()) EXPECT_EQ(j["error"].value("field", ""), field) << r.body;
  }

  json PersonBody(const std::string& name) const {
    return {{"name", name}, {"gender", "男"}, {"unit_id", unit_}};
  }

  crypto::DataKey key_ = crypto::DataKey::FromSeed("bad-input");
  fs::path dir_;
  std::unique_ptr<app::Application> app_;
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
  std::string cookie_, csrf_;
  int64_t unit_ = 0;
};

TEST_F(ApiBadInputTest, MalformedJsonIs400WithTheErrorBody) {
  const int64_t before = People();
  for (const std::string body :
       {R"({"name": "张三",)", "{name: 1}", "[1,2", "", "null", "[]", "\"x\""}) {
    auto r = Call("POST", "/api/v1/people", body);
    ExpectError(r, 400, "request.json");
  }
  auto orgs = Call("POST", "/api/v1/orgs", "{\"name\": \"x\" \"kind\": \"other\"}");
  ExpectError(orgs, 400, "request.json");
  auto login = Call("POST", "/api/v1/auth/login", "{{{");
  ExpectError(login, 400, "request.json");
  EXPECT_EQ(People(), before);
}

TEST_F(ApiBadInputTest, WrongTypesAre400NamingTheField) {
  json name_number = PersonBody("x");
  name_number["name"] = 42;
  ExpectError(Call("POST", "/api/v1/people", name_number.dump()), 400, "request.type", "name");
  json unit_string = PersonBody("类型测试");
  unit_string["unit_id"] = "东关街道办事处";
  ExpectError(Call("POST", "/api/v1/people", unit_string.dump()), 400, "request.type", "unit_id");
  json unit_float = PersonBody("类型测试");
  unit_float["unit_id"] = 1.5;
  ExpectError(Call("POST", "/api/v1/people", unit_float.dump()), 400, "request.type", "unit_id");
  json tags_string = PersonBody("类型测试");
  tags_string["tags"] = "书记";
  ExpectError(Call("POST", "/api/v1/people", tags_string.dump()), 400, "request.type", "tags");
  ExpectError(Call("POST", "/api/v1/orgs", R"({"name":["a"],"kind":"other"})"), 400, "request.type",
              "name");
  ExpectError(Call("PATCH", "/api/v1/users/1", R"({"active":"yes"})"), 400, "request.type",
              "active");
  ExpectError(Call("GET", "/api/v1/people/abc"), 400, "request.param", "id");
}

TEST_F(ApiBadInputTest, UnknownFieldsAre400) {
  const int64_t before = People();
  json extra = PersonBody("多余字段");
  extra["nickname"] = "小张";
  ExpectError(Call("POST", "/api/v1/people", extra.dump()), 400, "request.unknown_field",
              "nickname");
  json admin_flag = PersonBody("多余字段");
  admin_flag["is_admin"] = true;
  ExpectError(Call("POST", "/api/v1/people", admin_flag.dump()), 400, "request.unknown_field",
              "is_admin");
  ExpectError(Call("POST", "/api/v1/orgs", R"({"name":"某单位","kind":"other","id":7})"), 400,
              "request.unknown_field", "id");
  EXPECT_EQ(People(), before);
}

TEST_F(ApiBadInputTest, OverLongStringsAre422) {
  const int64_t people = People();
  const int64_t units = Units();
  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "张";
  ExpectError(Call("POST", "/api/v1/people", PersonBody(long_name).dump()), 422, "request.too_long",
              "name");
  ExpectError(
      Call("POST", "/api/v1/orgs", json{{"name", std::string(101, 'a')}, {"kind", "other"}}.dump()),
      422, "request.too_long", "name");
  ExpectError(Call("POST", "/api/v1/auth/login",
                   json{{"username", std::string(101, 'u')}, {"password", "x"}}.dump()),
              422, "request.too_long", "username");
  EXPECT_EQ(People(), people);
  EXPECT_EQ(Units(), units);
}

TEST_F(ApiBadInputTest, InvalidUtf8IsRefused) {
  const int64_t before = People();
  const std::string bad =
      "{\"name\":\"\xE5\xBC\xA0\xFF\xFE\",\"gender\":\"男\",\"unit_id\":" + std::to_string(unit_) +
      "}";
  ExpectError(Call("POST", "/api/v1/people", bad), 400, "request.encoding");
  // A lone surrogate escaped in JSON is no character either.
  const std::string surrogate =
      R"({"name":"\ud800张","gender":"男","unit_id":)" + std::to_string(unit_) + "}";
  auto r = Call("POST", "/api/v1/people", surrogate);
  EXPECT_TRUE(r.status == 400 || r.status == 422) << r.body;
  EXPECT_EQ(People(), before);
}

TEST_F(ApiBadInputTest, HugeBodyIs413) {
  const int64_t before = People();
  // 21 MB announced, the first 256 KiB sent: the server refuses on the length alone
  // (and a client that sent it all would only be cut off the same way).
  const size_t announced = 21 * 1024 * 1024;
  const std::string head =
      "POST /api/v1/people/import?filename=big.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Cookie: " +
      cookie_ + "\r\nX-CSRF-Token: " + csrf_ +
      "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + std::to_string(announced) +
      "\r\n\r\n";
  auto reply = Exchange(port_, head, std::string(256 * 1024, 'x'));
  ASSERT_TRUE(reply.has_value());
  ExpectError(*reply, 413, "request.too_large");
  EXPECT_EQ(People(), before);
}

TEST_F(ApiBadInputTest, PathTraversalInAnUploadNameIs400) {
  const int64_t before = People();
  const std::string csv = "姓名,性别,单位\n穿越者,男,东关街道办事处\n";
  for (const std::string name :
       {"../../etc/passwd.csv", "..%2F..%2Fetc%2Fpasswd.csv", "/etc/passwd.csv", "..%5C..%5Cx.csv",
        "a/b.csv", "%2E%2E%2Fx.csv", "roster.exe", ""}) {
    auto r =
        Call("POST", "/api/v1/people/import?filename=" + name, csv, "application/octet-stream");
    ExpectError(r, 400, "request.filename", "filename");
  }
  EXPECT_EQ(People(), before);
  // The same file under a plain name goes in.
  auto ok =
      Call("POST", "/api/v1/people/import?filename=roster.csv", csv, "application/octet-stream");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json()["imported"], 1);
  EXPECT_EQ(People(), before + 1);
}

TEST_F(ApiBadInputTest, SqlAndHtmlInNamesAreStoredVerbatimAndOnlyReturnedAsJson) {
  const std::vector<std::string> people = {"<script>alert(1)</script>",
                                           "张'); DROP TABLE people;--", "李\" OR 1=1 --"};
  for (const std::string& name : people) {
    auto made = Call("POST", "/api/v1/people", PersonBody(name).dump());
    ASSERT_EQ(made.status, 201) << name << ": " << made.body;
    EXPECT_NE(made.Header("content-type").find("application/json"), std::string::npos);
    EXPECT_EQ(made.Header("x-content-type-options"), "nosniff");
    const int64_t id = made.Json()["id"];
    auto got = Call("GET", "/api/v1/people/" + std::to_string(id));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.Json()["name"], name) << "stored verbatim";
    EXPECT_NE(got.Header("content-type").find("application/json"), std::string::npos);
    EXPECT_EQ(got.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(got.Json().dump(), json::parse(got.body).dump()) << "valid JSON";
  }
  const int64_t units_before = Units();
  const std::string unit_name = "<img src=x onerror=alert(1)>'; DELETE FROM org_units;--";
  auto unit = Call("POST", "/api/v1/orgs",
                   json{{"name", unit_name}, {"kind", "community"}, {"parent_id", unit_}}.dump());
  ASSERT_EQ(unit.status, 201) << unit.body;
  const int64_t unit_id = unit.Json()["id"];
  auto got = Call("GET", "/api/v1/orgs/" + std::to_string(unit_id));
  EXPECT_EQ(got.Json()["name"], unit_name);
  EXPECT_EQ(got.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(Units(), units_before + 1) << "no unit was deleted";

  // Found by a search for the literal text, listed as JSON.
  auto found = Call("GET", "/api/v1/people?q=%3Cscript%3E");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_NE(found.Header("content-type").find("application/json"), std::string::npos);
  bool seen = false;
  const json found_json = found.Json();
  for (const auto& p : found_json["items"]) seen |= p["name"] == "<script>alert(1)</script>";
  EXPECT_TRUE(seen) << found.body;
  // A search made of SQL is just text.
  auto sql = Call("GET", "/api/v1/people?q=%27%20OR%20%271%27%3D%271");
  ASSERT_EQ(sql.status, 200) << sql.body;
  EXPECT_LT(sql.Json()["total"].get<int64_t>(), People());
  // Error messages that quote input are JSON too, never an HTML page.
  auto missing = Call("GET", "/api/v1/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.Header("content-type").find("application/json"), std::string::npos);
  EXPECT_EQ(missing.Header("x-content-type-options"), "nosniff");
}

TEST_F(ApiBadInputTest, AFailedWriteLeavesNothingHalfStored) {
  const int64_t people = People();
  const int64_t units = Units();
  const int64_t audit = Count("/api/v1/audit");
  // A roster with a good row and a bad one (wrong ID check digit): nothing goes in.
  const std::string csv =
      "姓名,性别,单位,身份证号\n甲某,男,东关街道办事处,110105198001010016\n"
      "乙某,女,东关街道办事处,110105199003070026\n";
  auto report =
      Call("POST", "/api/v1/people/import?filename=r.csv", csv, "application/octet-stream");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.Json()["committed"], false);
  EXPECT_EQ(report.Json()["imported"], 0);
  ASSERT_EQ(report.Json()["errors"].size(), 1u);
  EXPECT_EQ(report.Json()["errors"][0]["row"], 3);
  // Units: the second row names a parent that does not exist.
  const std::string orgs_csv =
      "单位名称,上级单位,单位类型\n新社区甲,东关街道办事处,社区\n新社区乙,不存在的街道,社区\n";
  auto org_report =
      Call("POST", "/api/v1/orgs/import?filename=u.csv", orgs_csv, "application/octet-stream");
  ASSERT_EQ(org_report.status, 200) << org_report.body;
  EXPECT_EQ(org_report.Json()["committed"], false);
  // A person whose ID number is wrong; a person in a unit that does not exist.
  json bad_id = PersonBody("丙某");
  bad_id["id_number"] = "110105199003070026";
  ExpectError(Call("POST", "/api/v1/people", bad_id.dump()), 422, "id_number.check_digit",
              "id_number");
  json no_unit = PersonBody("丁某");
  no_unit["unit_id"] = 987654321;
  auto r = Call("POST", "/api/v1/people", no_unit.dump());
  EXPECT_TRUE(r.status == 404 || r.status == 422) << r.body;
  // Moving a unit under its own child.
  auto child =
      Call("GET", "/api/v1/orgs/" + std::to_string(unit_) + "/subtree").Json()["items"][1]["id"];
  ExpectError(Call("POST", "/api/v1/orgs/" + std::to_string(unit_) + "/move",
                   json{{"parent_id", child}}.dump()),
              409, "org.move.cycle");

  EXPECT_EQ(People(), people);
  EXPECT_EQ(Units(), units);
  EXPECT_EQ(Count("/api/v1/audit"), audit) << "no audit entry for a refused write";
  auto verify = Call("GET", "/api/v1/audit/verify");
  EXPECT_EQ(verify.Json()["ok"], true) << verify.body;
}

TEST_F(ApiBadInputTest, AcceptLanguageEnGivesEnglishMessages) {
  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "张";
  auto zh = Call("POST", "/api/v1/people", PersonBody(long_name).dump());
  EXPECT_EQ(zh.Message(), "字段 name 不能超过 50 个字");
  auto en = Call("POST", "/api/v1/people", PersonBody(long_name).dump(), "application/json", "en");
  EXPECT_EQ(en.Message(), "field name must be at most 50 characters");
  auto en_us = Call("POST", "/api/v1/people", R"({"name":)", "application/json", "en-US,en;q=0.9");
  EXPECT_EQ(en_us.Message(), "request body is not valid JSON");
  json bad_id = PersonBody("戊某");
  bad_id["id_number"] = "110105199003070026";
  auto check = Call("POST", "/api/v1/people", bad_id.dump(), "application/json", "en");
  EXPECT_EQ(check.Message(), "ID number check digit is wrong: expected 5");
  auto zh_pref =
      Call("POST", "/api/v1/people", R"({"name":)", "application/json", "zh-CN,zh;q=0.9,en;q=0.8");
  EXPECT_EQ(zh_pref.Message(), "请求内容不是有效的 JSON");
  // Import reports speak the language too.
  const std::string csv = "姓名,性别,单位,身份证号\n乙某,女,东关街道办事处,110105199003070026\n";
  auto report =
      Call("POST", "/api/v1/people/import?filename=r.csv", csv, "application/octet-stream", "en");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.Json()["errors"][0]["message"], "ID number check digit is wrong: expected 5");
  // Not logged in, in English.
  cookie_.clear();
  auto anonymous = Call("GET", "/api/v1/people", "", "application/json", "en");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Message(), "please log in first");
}

}  // namespace
}  // namespace peixun::http
