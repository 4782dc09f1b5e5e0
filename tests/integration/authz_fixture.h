// The fixture the route matrix (authz_matrix_test.cc) and the service entry points
// (service_authz_test.cc) both walk: one user of each role (and the Principal a service
// sees for each), class C with its session, room, enrollments, leave request, exam, and
// a throwaway unit, person, user, lecturer and site, so each row's answer holds for the
// same targets in both.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_fixture.h"

namespace peixun::test {

// Callers: anonymous and one user of each role; two liaisons (street offices A and
// B) and two trainees (X in street A, Y in street B) for the scope checks.
inline const std::vector<std::string> kAuthzCallers = {
    "anonymous", "admin",    "organizer", "head_teacher", "liaison_a",
    "liaison_b", "lecturer", "logistics", "trainee_x",    "trainee_y"};

class AuthzFixture : public AppTest {
 protected:
  using json = nlohmann::json;
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = Caller("admin", Role::kAdmin);
    street_a_ = UnitId(admin_, "东关街道办事处");
    street_b_ = UnitId(admin_, "西城街道办事处");
    person_x_ = FirstPersonOf(street_a_);
    person_y_ = FirstPersonOf(street_b_);
    ASSERT_TRUE(street_a_ && street_b_ && person_x_ && person_y_);

    // Throwaway targets for the writes that change data.
    auto unit =
        Send(api::Method::kPost, "/api/v1/orgs",
             json{{"name", "授权测试社区"}, {"kind", "community"}, {"parent_id", street_a_}}.dump(),
             admin_);
    ASSERT_EQ(unit.status, 201) << unit.body;
    victim_unit_ = Body(unit)["id"];
    auto person =
        Send(api::Method::kPost, "/api/v1/people",
             json{{"name", "测试待删"}, {"gender", "女"}, {"unit_id", street_a_}}.dump(), admin_);
    ASSERT_EQ(person.status, 201) << person.body;
    victim_person_ = Body(person)["id"];
    int64_t victim_user = 0;
    MakeUser("authz_victim", Role::kLogistics, {}, {}, &victim_user);
    victim_user_ = victim_user;

    sessions_["anonymous"] = Session{};
    sessions_["admin"] = admin_;
    sessions_["organizer"] = Caller("organizer", Role::kOrganizer);
    sessions_["head_teacher"] = Caller("head_teacher", Role::kHeadTeacher);
    head_teacher_user_ = principals_["head_teacher"].user_id;
    sessions_["liaison_a"] = Caller("liaison_a", Role::kLiaison, street_a_);
    sessions_["liaison_b"] = Caller("liaison_b", Role::kLiaison, street_b_);
    sessions_["lecturer"] = Caller("lecturer", Role::kLecturer);
    sessions_["logistics"] = Caller("logistics", Role::kLogistics);
    sessions_["trainee_x"] = Caller("trainee_x", Role::kTrainee, {}, person_x_);
    sessions_["trainee_y"] = Caller("trainee_y", Role::kTrainee, {}, person_y_);
    for (const auto& c : kAuthzCallers) {
      if (c != "anonymous") ASSERT_FALSE(sessions_[c].cookie.empty()) << c;
    }
    SeedClass();
  }

  // A logged-in user "authz_<caller>", and the Principal a service sees for them.
  Session Caller(const std::string& caller, Role role, std::optional<int64_t> unit_id = {},
                 std::optional<int64_t> person_id = {}) {
    int64_t user_id = 0;
    Session s = MakeUser("authz_" + caller, role, unit_id, person_id, &user_id);
    Principal p;
    p.user_id = user_id;
    p.username = "authz_" + caller;
    p.role = role;
    p.unit_id = unit_id;
    p.person_id = person_id;
    principals_[caller] = p;
    return s;
  }

  // Admin's write that must succeed; returns the new record's "id".
  int64_t Made(api::Method method, const std::string& path, const json& body, const Session& as,
               int status = 201) {
    auto r = Send(method, path, body.dump(), as);
    EXPECT_EQ(r.status, status) << api::MethodName(method) << " " << path << ": " << r.body;
    json j = Body(r);
    return j.is_object() && j.contains("id") && j["id"].is_number_integer() ? j["id"].get<int64_t>()
                                                                            : 0;
  }

  // Class C: headed by the head teacher, trainees X and Y approved, a room and a
  // session; trainee X asked for leave. Plus a lecturer and a site to delete.
  void SeedClass() {
    class_ = Made(api::Method::kPost, "/api/v1/classes",
                  {{"name", "授权测试班"},
                   {"organizer_name", "区委组织部"},
                   {"host_venue", "×大学干部培训中心"},
                   {"start_date", "2030-06-03"},
                   {"end_date", "2030-06-07"},
                   {"capacity", 60}},
                  admin_);
    ASSERT_GT(class_, 0);
    const std::string c = "/api/v1/classes/" + std::to_string(class_);
    Made(api::Method::kPut, c + "/head-teachers", {{"user_ids", {head_teacher_user_}}}, admin_,
         200);
    Made(api::Method::kPost, c + "/status", {{"status", "enrolling"}}, admin_, 200);
    Made(api::Method::kPut, c + "/quotas",
         {{"items",
           {{{"unit_id", street_a_}, {"seats", 20}}, {{"unit_id", street_b_}, {"seats", 20}}}}},
         admin_, 200);
    enrollment_x_ =
        Made(api::Method::kPost, c + "/enrollments", {{"person_id", person_x_}}, admin_);
    const int64_t enrollment_y =
        Made(api::Method::kPost, c + "/enrollments", {{"person_id", person_y_}}, admin_);
    ASSERT_GT(enrollment_x_, 0);
    ASSERT_GT(enrollment_y, 0);
    for (int64_t e : {enrollment_x_, enrollment_y}) {
      Made(api::Method::kPost, "/api/v1/enrollments/" + std::to_string(e) + "/approve",
           json::object(), admin_, 200);
    }
    room_ =
        Made(api::Method::kPost, c + "/rooms", {{"name", "第一教室"}, {"capacity", 80}}, admin_);
    session_ = Made(api::Method::kPost, c + "/sessions",
                    {{"kind", "lecture"},
                     {"title", "基础党务工作者管理沟通艺术"},
                     {"start", "2030-06-04T08:30"},
                     {"end", "2030-06-04T11:30"},
                     {"room_id", room_}},
                    admin_);
    ASSERT_GT(session_, 0);
    leave_x_ = Made(api::Method::kPost, c + "/leave",
                    {{"session_ids", {session_}}, {"reason", "就医"}}, sessions_["trainee_x"]);
    ASSERT_GT(leave_x_, 0);
    const int64_t exam_session = Made(api::Method::kPost, c + "/sessions",
                                      {{"kind", "exam"},
                                       {"title", "结业考试"},
                                       {"start", "2030-06-07T09:00"},
                                       {"end", "2030-06-07T10:30"},
                                       {"room_id", room_}},
                                      admin_);
    bank_ = Made(api::Method::kPost, "/api/v1/question-banks", {{"name", "授权测试题库"}}, admin_);
    question_ =
        Made(api::Method::kPost, "/api/v1/question-banks/" + std::to_string(bank_) + "/questions",
             {{"kind", "single"},
              {"stem", "“三会一课”中的“一课”指什么？"},
              {"options", {"党课", "团课", "网课"}},
              {"correct", {0}}},
             admin_);
    exam_ = Made(api::Method::kPost, "/api/v1/exams",
                 {{"session_id", exam_session}, {"bank_id", bank_}, {"question_ids", {question_}}},
                 admin_);
    ASSERT_GT(exam_, 0);
    lecturer_ = Made(api::Method::kPost, "/api/v1/lecturers", {{"name", "待删讲师"}}, admin_);
    site_ = Made(
        api::Method::kPost, "/api/v1/sites",
        {{"name", "待删示范点"}, {"kind", "community"}, {"unit_id", street_a_}, {"capacity", 40}},
        admin_);
    ASSERT_GT(lecturer_, 0);
    ASSERT_GT(site_, 0);
  }

  int64_t FirstPersonOf(int64_t unit) {
    auto r = Get("/api/v1/people?page_size=1&unit_id=" + std::to_string(unit), admin_);
    auto items = Body(r)["items"];
    return items.empty() ? 0 : items[0]["id"].get<int64_t>();
  }

  Session admin_;
  std::map<std::string, Session> sessions_;
  std::map<std::string, Principal> principals_;  // every caller but "anonymous"
  int64_t street_a_ = 0, street_b_ = 0, person_x_ = 0, person_y_ = 0;
  int64_t victim_unit_ = 0, victim_person_ = 0, victim_user_ = 0;
  int64_t head_teacher_user_ = 0, class_ = 0, room_ = 0, session_ = 0, enrollment_x_ = 0;
  int64_t leave_x_ = 0, lecturer_ = 0, site_ = 0, bank_ = 0, question_ = 0, exam_ = 0;
};

}  // namespace peixun::test
