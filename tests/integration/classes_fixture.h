// A migrated database with users of every role, the classes and timetable
// services and their routes behind a real api::Dispatcher, hooks played by the
// test (who is enrolled where, group membership, sign-in sheet rows), and the
// seed class of shared/seed: ×区2020年社区和“两新”党组织书记培训班, four days at
// ×大学干部培训中心.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/dispatcher.h"
#include "api/metrics.h"
#include "api/router.h"
#include "auth_fixture.h"
#include "modules/auth/auth_routes.h"
#include "modules/classes/class_service.h"
#include "modules/classes/classes_routes.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/room_service.h"
#include "modules/timetable/session_service.h"
#include "modules/timetable/site_service.h"
#include "modules/timetable/timetable_routes.h"

namespace peixun::test {

inline constexpr char kSeedClassName[] = "×区2020年社区和“两新”党组织书记培训班";
inline constexpr char kSeedLecture[] = "基础党务工作者管理沟通艺术";

class ClassesTest : public AuthTest {
 protected:
  using json = nlohmann::json;

  void SetUp() override {
    AuthTest::SetUp();
    class_hooks_.enrolled_class_ids = [this](int64_t person_id) { return enrolled_[person_id]; };
    class_hooks_.on_copy.push_back(timetable::CopyTimetableIn);
    hooks_.trainee_count = [this](int64_t class_id) { return trainee_count_[class_id]; };
    hooks_.person_group_ids = [this](int64_t class_id, int64_t person_id) {
      return groups_[{class_id, person_id}];
    };
    hooks_.sheet_rows = [this](int64_t class_id, std::vector<int64_t> group_ids) {
      return group_ids.empty() ? sheet_rows_[class_id] : std::vector<timetable::SheetRow>{};
    };
    classes_ = std::make_unique<classes::ClassService>(db(), key_, class_hooks_);
    sessions_ = std::make_unique<timetable::SessionService>(db(), hooks_);
    lecturers_ = std::make_unique<timetable::LecturerService>(db());
    sites_ = std::make_unique<timetable::SiteService>(db());
    rooms_ = std::make_unique<timetable::RoomService>(db());

    auth::RegisterAuthRoutes(router_, auth());
    classes::RegisterClassesRoutes(router_, db(), key_, class_hooks_);
    timetable::RegisterTimetableRoutes(router_, db(), class_hooks_, hooks_);
    dispatcher_ = std::make_unique<api::Dispatcher>(router_, auth().authenticator, metrics_);
  }
  void TearDown() override {
    dispatcher_.reset();
    AuthTest::TearDown();
  }

  static classes::ClassInput SeedClassInput() {
    classes::ClassInput in;
    in.name = kSeedClassName;
    in.organizer_name = "中共×区委组织部";
    in.host_venue = "×大学干部培训中心";
    in.start_date = "2020-06-02";
    in.end_date = "2020-06-05";
    in.capacity = 120;
    in.target_trainees = "各办事处、分管党建工作领导、党务干事、社区和“两新”党组织书记";
    in.description = "培训是短暂的，学习是终身的。";
    return in;
  }

  classes::TrainingClass MakeClass(const std::string& name = kSeedClassName,
                                   const std::string& start = "2020-06-02",
                                   const std::string& end = "2020-06-05") {
    classes::ClassInput in = SeedClassInput();
    in.name = name;
    in.start_date = start;
    in.end_date = end;
    auto c = classes_->Create(in);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : classes::TrainingClass{};
  }

  int64_t MakeLecturer(const std::string& name, const std::string& title = "教授",
                       std::optional<int64_t> user_id = {}) {
    timetable::LecturerInput in{name, title, "×大学马克思主义学院", "基层党建", "", user_id};
    auto l = lecturers_->Create(in);
    EXPECT_TRUE(l.ok()) << (l.ok() ? "" : l.error().message);
    return l.ok() ? l->id : 0;
  }

  int64_t MakeRoom(int64_t class_id, const std::string& name, std::optional<int> rows = {},
                   std::optional<int> per_row = {}) {
    timetable::ClassRoomInput in{name, 0, rows, per_row};
    if (!rows) in.capacity = 150;
    auto r = rooms_->Create(class_id, in);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->id : 0;
  }

  int64_t MakeSite(const std::string& name, const std::string& kind, int capacity) {
    timetable::SiteInput in;
    in.name = name;
    in.kind = kind;
    in.capacity = capacity;
    in.address = "×区幸福路1号";
    auto s = sites_->Create(in);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return s.ok() ? s->id : 0;
  }

  // A session through the service; local times of the class.
  Result<timetable::SessionWrite> AddSession(int64_t class_id, const std::string& kind,
                                             const std::string& title, const std::string& start,
                                             const std::string& end,
                                             std::optional<int64_t> room = {},
                                             std::optional<int64_t> lecturer = {},
                                             bool accept = false) {
    timetable::SessionFields f;
    f.kind = kind;
    f.title = title;
    f.start = start;
    f.end = end;
    f.set_room = true;
    f.room_id = room;
    f.set_lecturer = true;
    f.lecturer_id = lecturer;
    return sessions_->Create(class_id, f, accept);
  }

  // ---- the API ----------------------------------------------------------------------------

  // Headers that authenticate as `user` (a fresh API token: no CSRF needed).
  std::vector<std::pair<std::string, std::string>> As(const auth::CreatedUser& user) {
    auto token = auth().tokens.Create(user.user.id, "test");
    EXPECT_TRUE(token.ok());
    return {{"authorization", "Bearer " + (token.ok() ? token->raw : "")}};
  }

  api::Response Send(api::Method method, const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     const std::string& body = "") {
    api::Request r;
    r.method = method;
    const size_t q = path.find('?');
    r.path = path.substr(0, q);
    r.target = path;
    if (q != std::string::npos) r.query = api::ParseQueryString(path.substr(q + 1));
    r.body = body;
    r.headers = headers;
    r.remote_address = "192.0.2.9";
    return dispatcher_->Handle(r);
  }
  api::Response Get(const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& who) {
    return Send(api::Method::kGet, path, who);
  }
  api::Response Post(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& who,
                     const json& body) {
    return Send(api::Method::kPost, path, who, body.dump());
  }
  api::Response Patch(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& who,
                      const json& body) {
    return Send(api::Method::kPatch, path, who, body.dump());
  }

  static std::string ErrorCode(const api::Response& r) {
    auto j = json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }
  static json Body(const api::Response& r) { return json::parse(r.body, nullptr, false); }

  // The text of a PDF as pdftotext (poppler-utils) reads it.
  static std::string PdfText(const std::string& pdf) {
    char name[] = "/tmp/peixun-classes-XXXXXX";
    const int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    FILE* f = fdopen(fd, "wb");
    fwrite(pdf.data(), 1, pdf.size(), f);
    fclose(f);
    std::string out;
    FILE* pipe = popen(("pdftotext -layout -enc UTF-8 '" + std::string(name) + "' -").c_str(), "r");
    char buf[4096];
    size_t n = 0;
    while (pipe && (n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    if (pipe) pclose(pipe);
    std::remove(name);
    return out;
  }

  classes::ClassHooks class_hooks_;
  timetable::TimetableHooks hooks_;
  std::map<int64_t, std::vector<int64_t>> enrolled_;  // person -> classes
  std::map<int64_t, int> trainee_count_;              // class -> enrolled trainees
  std::map<std::pair<int64_t, int64_t>, std::vector<int64_t>> groups_;  // (class, person) -> groups
  std::map<int64_t, std::vector<timetable::SheetRow>> sheet_rows_;      // class -> whole class

  std::unique_ptr<classes::ClassService> classes_;
  std::unique_ptr<timetable::SessionService> sessions_;
  std::unique_ptr<timetable::LecturerService> lecturers_;
  std::unique_ptr<timetable::SiteService> sites_;
  std::unique_ptr<timetable::RoomService> rooms_;

  api::Router router_;
  api::Metrics metrics_;
  std::unique_ptr<api::Dispatcher> dispatcher_;
};

}  // namespace peixun::test
