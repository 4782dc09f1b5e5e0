// Each role's start page (modules/workbench) through the whole app on the current
// backend, with figures computed by hand from the rows the test writes:
//   a class running today (Beijing dates) with three trainees of 东关街道办事处,
//   丁一 (丁: 2 strokes), 王二 (王: 4) and 赵三 (赵: 9), and a lecture running now;
//   王二 is checked in by hand 5 minutes ago, 赵三 asks for leave two hours from now,
//   钱四 (same street) is nominated and waits for the organizer.
//   So the running lecture shows 1 checked in of 3 expected, missing 丁一 then 赵三
//   (姓氏笔画), and one leave request (赵三's) waits for the head teacher.
#include <algorithm>
#include <map>

#include "app_fixture.h"
#include "core/clock.h"
#include "core/local_time.h"
#include "modules/attendance/checkin_service.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

using nlohmann::json;

class WorkbenchTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = MakeUser("wb_admin", Role::kAdmin, {}, {}, &admin_user_);
    head_ = MakeUser("wb_head", Role::kHeadTeacher, {}, {}, &head_user_);
    other_head_ = MakeUser("wb_head2", Role::kHeadTeacher);
    organizer_ = MakeUser("wb_org", Role::kOrganizer);
    street_ = UnitId(admin_, "东关街道办事处");
    other_street_ = UnitId(admin_, "北园街道办事处");
    ASSERT_GT(street_, 0);
    ASSERT_GT(other_street_, 0);
    liaison_ = MakeUser("wb_liaison", Role::kLiaison, street_);
    other_liaison_ = MakeUser("wb_liaison2", Role::kLiaison, other_street_);
    auto people = store::TransactValue<std::vector<int64_t>>(app().store(), [&](store::Tx& tx) {
      return AddPeopleIn(tx, key_, street_, {"丁一", "王二", "赵三", "钱四"});
    });
    ASSERT_TRUE(people.ok()) << people.error().message_en;
    person_ = *people;
    trainee_ = MakeUser("wb_trainee", Role::kTrainee, {}, person_[0]);

    const int64_t now = NowMillis();
    const int64_t today = core::DaysSinceEpoch(core::LocalDate(now, 480));
    class_ = Made(api::Method::kPost, "/api/v1/classes",
                  {{"name", "工作台测试班"},
                   {"organizer_name", "区委组织部"},
                   {"host_venue", "党校"},
                   {"start_date", core::FormatCivilDate(core::CivilDateFromDays(today - 1))},
                   {"end_date", core::FormatCivilDate(core::CivilDateFromDays(today + 1))},
                   {"capacity", 60}});
    const std::string c = "/api/v1/classes/" + std::to_string(class_);
    Made(api::Method::kPut, c + "/head-teachers", {{"user_ids", {head_user_}}}, 200);
    Made(api::Method::kPost, c + "/status", {{"status", "enrolling"}}, 200);
    Made(api::Method::kPut, c + "/quotas", {{"items", {{{"unit_id", street_}, {"seats", 10}}}}},
         200);
    for (int i = 0; i < 3; ++i) {
      const int64_t e = Made(api::Method::kPost, c + "/enrollments", {{"person_id", person_[i]}});
      Made(api::Method::kPost, "/api/v1/enrollments/" + std::to_string(e) + "/approve",
           json::object(), 200);
    }
    // 钱四 is nominated and waits for the organizer.
    Made(api::Method::kPost, c + "/enrollments", {{"person_id", person_[3]}});
    Made(api::Method::kPost, c + "/status", {{"status", "running"}}, 200);

    auto lecture = store::TransactValue<int64_t>(app().store(), [&](store::Tx& tx) {
      return AddLectureIn(tx, class_, "正在上的课", now - 10 * 60'000, now + 50 * 60'000, now);
    });
    ASSERT_TRUE(lecture.ok()) << lecture.error().message_en;
    lecture_ = *lecture;

    Principal admin;
    admin.role = Role::kAdmin;
    admin.user_id = admin_user_;
    admin.username = "wb_admin";
    attendance::CheckinService checkins(app().store(), key_);
    attendance::CheckinRequest in;
    in.source = attendance::CheckinSource::kManual;
    in.session_id = lecture_;
    in.person_id = person_[1];
    in.at_ms = now - 5 * 60'000;
    in.idempotency_key = "workbench-manual-1";
    in.user_id = admin_user_;
    in.manager = &admin;
    auto checked = checkins.CheckIn(in);
    ASSERT_TRUE(checked.ok()) << checked.error().message_en;

    Made(api::Method::kPost, c + "/leave",
         {{"person_id", person_[2]},
          {"start_ms", now + 2 * 3'600'000},
          {"end_ms", now + 3 * 3'600'000},
          {"reason", "家中有事"}});
  }

  int64_t Made(api::Method method, const std::string& path, const json& body, int status = 201) {
    auto r = Send(method, path, body.dump(), admin_);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    json j = Body(r);
    return j.is_object() && j.contains("id") ? j["id"].get<int64_t>() : 0;
  }

  json Page(const std::string& role, const Session& as) {
    auto r = Get("/api/v1/workbench/" + role, as);
    EXPECT_EQ(r.status, 200) << role << ": " << r.body;
    return Body(r);
  }

  Session admin_, head_, other_head_, organizer_, liaison_, other_liaison_, trainee_;
  int64_t admin_user_ = 0, head_user_ = 0, street_ = 0, other_street_ = 0, class_ = 0, lecture_ = 0;
  std::vector<int64_t> person_;
};

TEST_F(WorkbenchTest, TheHeadTeacherSeesTheRunningSessionWithWhoIsMissing) {
  json page = Page("head-teacher", head_);
  ASSERT_FALSE(page["today"].empty()) << page.dump();
  const json& first = page["today"][0];
  EXPECT_EQ(first["session_id"], lecture_);
  EXPECT_EQ(first["phase"], "running");
  EXPECT_EQ(first["expected"], 3);
  EXPECT_EQ(first["checked_in"], 1);
  EXPECT_EQ(first["excused"], 0);
  ASSERT_EQ(first["missing"].size(), 2u) << first.dump();
  EXPECT_EQ(first["missing"][0]["name"], "丁一");
  EXPECT_EQ(first["missing"][1]["name"], "赵三");
  EXPECT_EQ(first["missing"][1]["unit_name"], "东关街道办事处");

  ASSERT_EQ(page["leave_requests"].size(), 1u) << page.dump();
  EXPECT_EQ(page["leave_requests"][0]["person_name"], "赵三");
  EXPECT_EQ(page["leave_requests"][0]["reason"], "家中有事");

  // Tomorrow is the class's last day: three meals for the three trainees, no buses.
  ASSERT_EQ(page["tomorrow"].size(), 1u);
  EXPECT_TRUE(page["tomorrow"][0]["buses"].empty());
  ASSERT_EQ(page["tomorrow"][0]["meals"].size(), 3u);
  EXPECT_EQ(page["tomorrow"][0]["meals"][1]["meal"], "lunch");
  EXPECT_EQ(page["tomorrow"][0]["meals"][1]["total"], 3);

  // Another head teacher sees nothing of this class.
  json other = Page("head-teacher", other_head_);
  EXPECT_TRUE(other["today"].empty()) << other.dump();
  EXPECT_TRUE(other["leave_requests"].empty());
  EXPECT_TRUE(other["tomorrow"].empty());
}

TEST_F(WorkbenchTest, TheOrganizerSeesStatusesQuotasAndTheNominationWaiting) {
  json page = Page("organizer", organizer_);
  auto count_of = [&](const std::string& status) {
    for (const auto& s : page["by_status"]) {
      if (s["status"] == status) return s["count"].get<int>();
    }
    return -1;
  };
  EXPECT_EQ(count_of("running"), 1);
  EXPECT_EQ(count_of("planning"), 0);
  ASSERT_EQ(page["quotas"].size(), 1u) << page.dump();
  EXPECT_EQ(page["quotas"][0]["unit_name"], "东关街道办事处");
  EXPECT_EQ(page["quotas"][0]["seats"], 10);
  EXPECT_EQ(page["quotas"][0]["used"], 4);  // three approved + 钱四 nominated
  EXPECT_EQ(page["quotas"][0]["approved"], 3);
  ASSERT_EQ(page["nominations"].size(), 1u);
  EXPECT_EQ(page["nominations"][0]["person_name"], "钱四");
  EXPECT_TRUE(page["substitutions"].empty());
  ASSERT_EQ(page["classes"].size(), 1u);
  EXPECT_EQ(page["classes"][0]["approved"], 3);
  EXPECT_TRUE(page["excellent"].empty());

  // The head teacher nominates 王二 as 优秀学员: it waits for the organizer too.
  auto r = Send(api::Method::kPost, "/api/v1/classes/" + std::to_string(class_) + "/excellent",
                json{{"person_id", person_[1]}, {"reason", "全勤，发言积极"}}.dump(), head_);
  ASSERT_LT(r.status, 300) << r.body;
  page = Page("organizer", organizer_);
  ASSERT_EQ(page["excellent"].size(), 1u) << page.dump();
  EXPECT_EQ(page["excellent"][0]["name"], "王二");
}

TEST_F(WorkbenchTest, ALiaisonsSubstitutionWaitsForTheOrganizerWithItsReason) {
  auto added = store::TransactValue<std::vector<int64_t>>(
      app().store(), [&](store::Tx& tx) { return AddPeopleIn(tx, key_, street_, {"孙五"}); });
  ASSERT_TRUE(added.ok()) << added.error().message_en;
  // 丁一's seat goes to 孙五; done by a liaison, the new enrollment awaits approval.
  json list = Body(Get("/api/v1/classes/" + std::to_string(class_) + "/enrollments", admin_));
  int64_t ding = 0;
  for (const auto& e : list["items"]) {
    if (e["person_id"] == person_[0]) ding = e["id"].get<int64_t>();
  }
  ASSERT_GT(ding, 0) << list.dump();
  auto r = Send(api::Method::kPost, "/api/v1/enrollments/" + std::to_string(ding) + "/substitute",
                json{{"person_id", (*added)[0]}, {"reason", "工作调动"}}.dump(), liaison_);
  ASSERT_EQ(r.status, 201) << r.body;

  json page = Page("organizer", organizer_);
  ASSERT_EQ(page["substitutions"].size(), 1u) << page.dump();
  EXPECT_EQ(page["substitutions"][0]["person_name"], "孙五");
  EXPECT_EQ(page["substitutions"][0]["reason"], "工作调动");
  ASSERT_EQ(page["nominations"].size(), 1u);  // 钱四's, as before
  EXPECT_EQ(page["nominations"][0]["person_name"], "钱四");
}

TEST_F(WorkbenchTest, ALiaisonSeesOnlyTheirUnitsPeople) {
  json page = Page("liaison", liaison_);
  EXPECT_EQ(page["unit_name"], "东关街道办事处");
  ASSERT_EQ(page["classes"].size(), 1u) << page.dump();
  EXPECT_EQ(page["classes"][0]["approved"], 3);
  EXPECT_EQ(page["nominations"].size(), 4u);
  ASSERT_EQ(page["attendance"].size(), 3u);
  // The running lecture: 王二 checked in (attended, 0 学时 credited until it ends);
  // 丁一 and 赵三 have no check-in yet, which is pending, never an absence.
  for (const auto& t : page["attendance"]) {
    const bool checked_in = t["name"] == "王二";
    EXPECT_EQ(t["attended"], checked_in ? 1 : 0) << t.dump();
    EXPECT_EQ(t["pending"], checked_in ? 0 : 1) << t.dump();
    EXPECT_EQ(t["absent"], 0) << t.dump();
    EXPECT_EQ(t["programme_hours"], 1.0) << t.dump();
  }

  json other = Page("liaison", other_liaison_);
  EXPECT_TRUE(other["nominations"].empty()) << other.dump();
  EXPECT_TRUE(other["attendance"].empty());
  EXPECT_TRUE(other["classes"].empty());
}

TEST_F(WorkbenchTest, TheAdminSeesUsersTheAuditChainAndTheServer) {
  json page = Page("admin", admin_);
  // Users made by this test: 2 head teachers, admin, organizer, 2 liaisons, trainee.
  EXPECT_EQ(page["users"], 7);
  std::map<std::string, int64_t> by_role;
  for (const auto& r : page["users_by_role"]) by_role[r["role"]] = r["count"].get<int64_t>();
  EXPECT_EQ(by_role["head_teacher"], 2);
  EXPECT_EQ(by_role["liaison"], 2);
  EXPECT_EQ(by_role["trainee"], 1);
  EXPECT_EQ(page["audit"]["ok"], true);
  EXPECT_GT(page["audit"]["entries"].get<int64_t>(), 10);
  EXPECT_EQ(page["audit"]["last_hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(page["server"]["db_kind"],
            app().store().dialect() == store::Dialect::kPostgres ? "postgresql" : "sqlite");
  EXPECT_EQ(page["server"]["version"], PEIXUN_VERSION);
  EXPECT_GE(page["server"]["uptime_s"].get<int64_t>(), 0);
}

TEST_F(WorkbenchTest, EachStartPageIsItsRolesOnly) {
  EXPECT_EQ(Get("/api/v1/workbench/head-teacher", organizer_).status, 403);
  EXPECT_EQ(Get("/api/v1/workbench/organizer", head_).status, 403);
  EXPECT_EQ(Get("/api/v1/workbench/organizer", admin_).status, 200);
  EXPECT_EQ(Get("/api/v1/workbench/liaison", organizer_).status, 403);
  EXPECT_EQ(Get("/api/v1/workbench/admin", organizer_).status, 403);
  for (const char* role : {"head-teacher", "organizer", "liaison", "admin"}) {
    EXPECT_EQ(Get(std::string("/api/v1/workbench/") + role, trainee_).status, 403) << role;
    EXPECT_EQ(Get(std::string("/api/v1/workbench/") + role).status, 401) << role;
  }
}

}  // namespace
}  // namespace peixun::test
