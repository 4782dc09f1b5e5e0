// `peixun demo` opens on day 2 of the seed class with day 1's history (issue 11,
// item 8), on SQLite and PostgreSQL. The story, by trainee (demo_history.cc), checked
// against what the attendance services compute from the stored scans:
//   - 《基础党务工作者管理沟通艺术》 day 1 09:30–11:30 (2.5 学时): 146 expected; one on
//     approved leave (excused), one absent without leave, one corrected to attended by
//     the head teacher with a reason, five late; so 144 attended, 1 excused, 1 absent.
//   - 《当前我国经济形势及热点分析》 14:30–16:30 (2.5 学时): one on approved leave, one
//     absent, one who left midway (missed the spot check, never checked out).
//   - The featured trainee (the invite link's) had leave for the afternoon lecture:
//     2.5 of their 24 programme 学时 (the day-1 evening quiz is 不计学时) = 5/48,
//     at risk (4 more 学时 of leave would pass 1/7).
//   - The two absent trainees are ineligible (the class allows 0 absences).
//   - One leave, for a session still to come, waits for the head teacher.
#include <algorithm>

#include "app_fixture.h"
#include "core/civil_date.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/auth/user_service.h"
#include "modules/classes/class_service.h"
#include "modules/demo/demo_scenario.h"
#include "modules/records/ledger_service.h"

namespace peixun::test {
namespace {

class DemoScenarioTest : public AppTest {};

TEST_F(DemoScenarioTest, TheSeedClassOpensOnItsSecondDayWithDayOnesHistory) {
  auto scenario = demo::LoadDemoScenario(app().store(), key_);
  ASSERT_TRUE(scenario.ok()) << scenario.error().message_en;
  const int64_t class_id = scenario->seed_class.class_id;
  EXPECT_EQ(scenario->history.late, 5);
  EXPECT_EQ(scenario->history.absent, 2);
  EXPECT_EQ(scenario->history.corrections, 1);
  EXPECT_GE(scenario->history.check_ins, 1000);

  // One sign-in per role; the head teacher heads the class.
  ASSERT_EQ(scenario->logins.users.size(), 3u);
  EXPECT_EQ(scenario->logins.users[0].username, "zuzhibu");
  EXPECT_EQ(scenario->logins.users[1].username, "banzhuren");
  EXPECT_EQ(scenario->logins.users[2].username, "lianluoyuan");
  for (const auto& u : scenario->logins.users) EXPECT_GE(u.password.size(), 12u) << u.username;
  auto heads = store::ReadValue<bool>(app().store(), [&](store::Tx& tx) {
    return classes::ClassService::IsHeadTeacherIn(tx, class_id,
                                                  scenario->logins.head_teacher.user_id);
  });
  ASSERT_TRUE(heads.ok());
  EXPECT_TRUE(*heads);
  EXPECT_EQ(scenario->invite.url.rfind("/invite/", 0), 0u) << scenario->invite.url;
  EXPECT_FALSE(scenario->invite.trainee_name.empty());

  Principal admin;
  admin.role = Role::kAdmin;
  admin.username = "system";
  attendance::AttendanceService attendance(app().store());
  auto cls = attendance.ForClass(admin, class_id);
  ASSERT_TRUE(cls.ok()) << cls.error().message_en;

  // The class began yesterday: the first session is on the day before today's.
  ASSERT_FALSE(cls->sessions.empty());
  const auto& first = cls->sessions.front().ctx.session;
  EXPECT_LT(first.start_ms, NowMillis() - 60'000);

  auto session_titled = [&](const std::string& title) -> const attendance::SessionAttendance* {
    for (const auto& s : cls->sessions) {
      if (s.ctx.session.title == title) return &s;
    }
    return nullptr;
  };
  auto count = [](const attendance::SessionAttendance& s, const std::string& status) {
    return std::count_if(s.rows.begin(), s.rows.end(),
                         [&](const auto& r) { return r.status == status; });
  };
  const auto* am = session_titled("《基础党务工作者管理沟通艺术》");
  ASSERT_NE(am, nullptr);
  EXPECT_EQ(am->rows.size(), 146u);
  EXPECT_EQ(count(*am, "attended"), 144);
  EXPECT_EQ(count(*am, "excused"), 1);
  EXPECT_EQ(count(*am, "absent"), 1);
  EXPECT_EQ(
      std::count_if(am->rows.begin(), am->rows.end(), [](const auto& r) { return r.result.late; }),
      5);
  EXPECT_EQ(
      std::count_if(am->rows.begin(), am->rows.end(), [](const auto& r) { return r.corrected; }),
      1);
  const auto* pm = session_titled("《当前我国经济形势及热点分析》");
  ASSERT_NE(pm, nullptr);
  EXPECT_EQ(count(*pm, "excused"), 1);
  EXPECT_EQ(count(*pm, "absent"), 1);
  EXPECT_EQ(std::count_if(pm->rows.begin(), pm->rows.end(),
                          [](const auto& r) { return r.result.left_midway; }),
            1);

  // The featured trainee: 2.5 of 24 学时 on leave, at risk; the two absent: ineligible.
  int ineligible = 0;
  bool featured_seen = false;
  for (const auto& t : cls->trainees) {
    if (t.verdict.state == core::CompletionVerdict::State::kIneligible) ++ineligible;
    if (t.person_id != scenario->history.featured_trainee) continue;
    featured_seen = true;
    EXPECT_EQ(t.name, scenario->invite.trainee_name);
    EXPECT_EQ(t.verdict.excused_tenths, 25);
    EXPECT_EQ(t.verdict.programme_tenths, 240);
    EXPECT_EQ(t.verdict.state, core::CompletionVerdict::State::kAtRisk);
  }
  EXPECT_TRUE(featured_seen);
  EXPECT_EQ(ineligible, 2);

  attendance::LeaveService leaves(app().store());
  auto pending = leaves.List(admin, class_id, "requested");
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_GT(pending->front().start_ms, NowMillis());
  auto approved = leaves.List(admin, class_id, "approved");
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->size(), 2u);
}

// Item 6 of issue 13: three earlier years of ended classes (last year's edition of
// the seed class among them): completion decided with a few visible failures,
// certificates issued, 优秀学员 approved; the ledger of last year has units that
// meet the target and units below it.
TEST_F(DemoScenarioTest, ThreeEarlierYearsOfEndedClassesGiveTheLedgerHistory) {
  auto scenario = demo::LoadDemoScenario(app().store(), key_);
  ASSERT_TRUE(scenario.ok()) << scenario.error().message_en;
  EXPECT_EQ(scenario->past.classes, 3);
  EXPECT_EQ(scenario->past.excellent, 6);
  EXPECT_EQ(scenario->past.certificates, scenario->past.completed);
  EXPECT_EQ(scenario->past.completed, scenario->past.trainees - 3);
  const int last_year = core::TodayInChina().year - 1;
  auto outcomes = store::ReadValue<std::vector<std::string>>(
      app().store(), [&](store::Tx& tx) -> Result<std::vector<std::string>> {
        PEIXUN_ASSIGN_OR_RETURN(
            store::Rows rows,
            tx.Query("SELECT d.outcome || ':' || d.reasons_json FROM completion_decisions d "
                     "JOIN training_classes c ON c.id = d.class_id WHERE c.name = ? AND "
                     "d.outcome <> 'completed' ORDER BY d.outcome",
                     {store::Text("×区" + std::to_string(last_year) +
                                  "年社区和“两新”党组织书记培训班")}));
        std::vector<std::string> out;
        for (const auto& r : rows.rows) out.push_back(r.Str(0));
        return out;
      });
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 3u);
  EXPECT_EQ((*outcomes)[0].rfind("dismissed:", 0), 0u) << (*outcomes)[0];
  const std::string failed = (*outcomes)[1] + (*outcomes)[2];
  EXPECT_NE(failed.find("completion.absences"), std::string::npos) << failed;
  EXPECT_NE(failed.find("completion.exam"), std::string::npos) << failed;

  Principal admin;
  admin.role = Role::kAdmin;
  admin.username = "system";
  records::LedgerService ledger(app().store(), key_);
  auto district = ledger.District(admin, last_year);
  ASSERT_TRUE(district.ok()) << district.error().code;
  int met = 0, below = 0;
  for (const auto& u : district->units) {
    if (u.compliance_percent == 100) ++met;
    if (u.below > 0) ++below;
  }
  EXPECT_GT(met, 0);
  EXPECT_GT(below, 0);
}

}  // namespace
}  // namespace peixun::test
