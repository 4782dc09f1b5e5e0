// The whole server without sockets: a real app::Application (every module's
// routes, the dispatcher, auth) on a fresh test database of the current backend
// (test_db.h) holding the demo district (demo::LoadDemoData), with helpers to send
// requests as a logged-in browser (cookie + CSRF) or anonymously.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/request.h"
#include "app/application.h"
#include "crypto/data_key.h"
#include "modules/demo/demo_data.h"
#include "modules/schema.h"
#include "store/migration.h"
#include "test_db.h"

namespace peixun::test {

class AppTest : public ::testing::Test {
 protected:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // A browser's session: the cookie header value and the CSRF token.
  struct Session {
    std::string cookie;  // "peixun_session=…"; empty: anonymous
    std::string csrf;
  };

  void SetUp() override {
    std::unique_ptr<store::Store> store = OpenFreshTestStore();
    ASSERT_TRUE(store::Migrate(*store, modules::AllMigrations()).ok());
    auto demo = demo::LoadDemoData(*store, key_);
    ASSERT_TRUE(demo.ok()) << demo.error().message_en;
    demo_ = *demo;
    // Admins and organizers sign in with the password alone here; the second factor
    // has its own tests (second_factor_test.cc).
    app_ = std::make_unique<app::Application>(std::move(store), key_, app::Application::Log{},
                                              SecondFactorRequired());
  }
  void TearDown() override { app_.reset(); }

  app::Application& app() { return *app_; }
  virtual bool SecondFactorRequired() const { return false; }

  // Sends `method path` (path may carry a query) with `body`; a session adds its
  // cookie and, on unsafe methods, its CSRF token.
  api::Response Send(api::Method method, const std::string& path, const std::string& body = "",
                     const Session& as = {}, Headers headers = {}) {
    api::Request r;
    r.method = method;
    const size_t q = path.find('?');
    r.path = path.substr(0, q);
    r.target = path;
    if (q != std::string::npos) r.query = api::ParseQueryString(path.substr(q + 1));
    r.body = body;
    r.headers = std::move(headers);
    if (!body.empty() && body.front() == '{')
      r.headers.emplace_back("content-type", "application/json");
    if (!as.cookie.empty()) {
      r.headers.emplace_back("cookie", as.cookie);
      if (api::IsUnsafe(method)) r.headers.emplace_back("x-csrf-token", as.csrf);
    }
    r.remote_address = "192.0.2.10";
    return app_->Handle(r);
  }
  api::Response Get(const std::string& path, const Session& as = {}) {
    return Send(api::Method::kGet, path, "", as);
  }

  // Logs `username` in through POST /api/v1/auth/login.
  Session LogIn(const std::string& username, const std::string& password) {
    auto r = Send(api::Method::kPost, "/api/v1/auth/login",
                  nlohmann::json{{"username", username}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << username << ": " << r.body;
    Session s;
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie" && v.rfind("peixun_session=", 0) == 0)
        s.cookie = v.substr(0, v.find(';'));
    }
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    if (body.is_object()) s.csrf = body.value("csrf_token", "");
    return s;
  }

  // Creates a user through the auth services and logs them in.
  Session MakeUser(const std::string& username, Role role, std::optional<int64_t> unit_id = {},
                   std::optional<int64_t> person_id = {}, int64_t* user_id = nullptr) {
    auto created = app_->auth().users.Create(
        auth::NewUser{username, username + " 测试", role, unit_id, person_id});
    EXPECT_TRUE(created.ok()) << username << ": "
                              << (created.ok() ? "" : created.error().message_en);
    if (!created.ok()) return {};
    if (user_id) *user_id = created->user.id;
    return LogIn(username, created->password);
  }

  static nlohmann::json Body(const api::Response& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
  }
  static std::string ErrorCode(const api::Response& r) {
    auto j = Body(r);
    return j.is_object() && j.contains("error") && j["error"].is_object()
               ? j["error"].value("code", "")
               : "";
  }

  // The id of the unit named `name` (demo data), 0 when missing.
  int64_t UnitId(const Session& admin, const std::string& name) {
    auto r = Get("/api/v1/orgs", admin);
    const nlohmann::json body = Body(r);
    for (const auto& u : body["items"]) {
      if (u["name"] == name) return u["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no unit " << name << " in " << r.status << " " << r.body.substr(0, 300);
    return 0;
  }

  crypto::DataKey key_ = crypto::DataKey::FromSeed("app-fixture");
  demo::DemoCounts demo_;
  std::unique_ptr<app::Application> app_;
};

}  // namespace peixun::test
