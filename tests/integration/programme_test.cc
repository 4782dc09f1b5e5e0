// A trainee's programme on the seed class (issue 9, items 9 and 10), on SQLite and
// PostgreSQL: the timetable's totals are one trainee's 学时, and every per-trainee
// figure — leave share, completion, the trainee's own page, the leave tab, the summary
// report — divides by that trainee's programme (whole-class sessions plus their own
// group's), sessions still to come included and never read as absences.
//
// The seed class (modules/demo/demo_class.cc), 学时 from duration (45 min = 1, down to
// a half): day 1 开班仪式 08:30–09:20 (1), two lectures 09:30–11:30 and 14:30–16:30
// (2.5 each) and each group's discussion 16:40–17:40 (1) — 7 per trainee, 14 summed
// over the eight parallel discussions; day 2 two on-site visits (4 each) — 8; day 3 two
// lectures (2.5, 1) and each group's discussion 14:30–16:30 (2.5) — 6 (23.5 summed);
// day 4 the exam (2) and the closing ceremony (1) — 3. One trainee: 24 学时; summed:
// 48.5.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "app_fixture.h"
#include "core/local_time.h"
#include "modules/attendance/attendance_json.h"
#include "modules/attendance/attendance_reports.h"
#include "modules/attendance/attendance_routes.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/checkin_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/attendance/session_context.h"
#include "modules/demo/demo_class.h"
#include "modules/groups/groups_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::test {
namespace {

using nlohmann::json;

constexpr int64_t kMinute = 60'000;

class ProgrammeTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    auto seed = demo::LoadDemoClass(app().store(), key_);
    ASSERT_TRUE(seed.ok()) << seed.error().message_en;
    class_id_ = seed->class_id;
    admin_ = MakeUser("hours_admin", Role::kAdmin, std::nullopt, std::nullopt, &admin_user_);
    admin_principal_.user_id = admin_user_;
    admin_principal_.username = "hours_admin";
    admin_principal_.role = Role::kAdmin;
    services_ = std::make_unique<attendance::AttendanceServices>(app().store(), key_,
                                                                 [this] { return now_; });
    auto sessions = timetable::SessionService(app().store()).ListForClass(class_id_);
    ASSERT_TRUE(sessions.ok());
    sessions_ = *sessions;
    std::sort(sessions_.begin(), sessions_.end(),
              [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
    auto groups = store::ReadValue<groups::ClassGroups>(
        app().store(), [&](store::Tx& tx) { return groups::GroupsService::LoadIn(tx, class_id_); });
    ASSERT_TRUE(groups.ok());
    ASSERT_EQ(groups->groups.size(), 8u);
    for (const auto& g : groups->groups) {
      ASSERT_FALSE(g.members.empty()) << g.name;
      // One concrete trainee per group: the first on its list (姓氏笔画).
      trainees_.push_back({g.number, g.id, g.members.front().person_id, g.members.front().name});
    }
  }
  void TearDown() override {
    services_.reset();
    AppTest::TearDown();
  }

  // The session titled `title` (for a group discussion: the one of `group_id`).
  const timetable::ClassSession& SessionNamed(const std::string& title,
                                              std::optional<int64_t> group_id = {}) {
    for (const auto& s : sessions_) {
      if (s.title.find(title) == std::string::npos) continue;
      if (group_id && s.group_ids != std::vector<int64_t>{*group_id}) continue;
      return s;
    }
    ADD_FAILURE() << "no session " << title;
    return sessions_.front();
  }

  // "开班仪式暨培训动员 06-02 08:30", as completion reasons name a session.
  static std::string Label(const timetable::ClassSession& s) {
    return s.title + " " +
           core::FormatLocalDateTime(s.start_ms, s.utc_offset_minutes, ' ').substr(5);
  }

  void Scan(int64_t person, const timetable::ClassSession& s, core::CheckinDirection dir,
            int64_t at) {
    attendance::CheckinRequest r;
    r.source = attendance::CheckinSource::kManual;
    r.session_id = s.id;
    r.direction = dir;
    r.person_id = person;
    r.at_ms = at;
    r.user_id = admin_user_;
    r.idempotency_key = "programme-" + std::to_string(person) + "-" + std::to_string(s.id) +
                        (dir == core::CheckinDirection::kIn ? "-in" : "-out");
    auto done = services_->checkins->CheckIn(r);
    ASSERT_TRUE(done.ok()) << done.error().code << " " << done.error().message;
  }

  void ApprovedLeave(int64_t person, std::vector<int64_t> session_ids) {
    attendance::LeaveInput in;
    in.person_id = person;
    in.session_ids = std::move(session_ids);
    in.reason = "单位临时工作";
    auto req = services_->leave->Request(admin_principal_, class_id_, in);
    ASSERT_TRUE(req.ok()) << req.error().code;
    auto ok = services_->leave->Approve(admin_principal_, req->id, "同意");
    ASSERT_TRUE(ok.ok()) << ok.error().code;
  }

  // The text of a PDF as pdftotext (poppler-utils) reads it.
  static std::string PdfText(const std::string& pdf) {
    char name[] = "/tmp/peixun-programme-XXXXXX";
    const int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(write(fd, pdf.data(), pdf.size()), static_cast<ssize_t>(pdf.size()));
    close(fd);
    std::string text;
    FILE* pipe = popen(("pdftotext -enc UTF-8 '" + std::string(name) + "' -").c_str(), "r");
    char buf[4096];
    size_t n = 0;
    while (pipe && (n = fread(buf, 1, sizeof buf, pipe)) > 0) text.append(buf, n);
    if (pipe) pclose(pipe);
    std::remove(name);
    return text;
  }

  static const json* TraineeJson(const json& summary, int64_t person) {
    for (const auto& t : summary["trainees"]) {
      if (t["person_id"] == person) return &t;
    }
    return nullptr;
  }

  struct Trainee {
    int group_number;
    int64_t group_id;
    int64_t person_id;
    std::string name;
  };

  int64_t class_id_ = 0;
  int64_t admin_user_ = 0;
  Session admin_;
  Principal admin_principal_;
  std::unique_ptr<attendance::AttendanceServices> services_;
  std::vector<timetable::ClassSession> sessions_;  // by start
  std::vector<Trainee> trainees_;                  // by group number
  int64_t now_ = 0;
};

TEST_F(ProgrammeTest, TheTimetableTotalsAreOneTraineesProgramme) {
  auto r = Get("/api/v1/classes/" + std::to_string(class_id_) + "/sessions", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = Body(r);
  double summed = 0;
  for (const auto& s : body["items"]) summed += s["hours"].get<double>();
  EXPECT_DOUBLE_EQ(summed, 48.5);  // the rows, parallel discussions and all
  ASSERT_TRUE(body.contains("programme")) << r.body.substr(0, 300);
  const json& p = body["programme"];
  EXPECT_EQ(p["min_hours"], 24.0);
  EXPECT_EQ(p["max_hours"], 24.0);
  ASSERT_EQ(p["by_group"].size(), 8u);
  for (const auto& g : p["by_group"]) EXPECT_EQ(g["hours"], 24.0) << g.dump();
  ASSERT_EQ(p["by_day"].size(), 4u);
  const double per_day[] = {7, 8, 6, 3};
  for (size_t d = 0; d < 4; ++d) {
    EXPECT_EQ(p["by_day"][d]["min_hours"], per_day[d]) << d;
    EXPECT_EQ(p["by_day"][d]["max_hours"], per_day[d]) << d;
  }
  EXPECT_EQ(p["by_day"][0]["date"], core::FormatLocalDate(sessions_.front().start_ms, 480));

  // The printed 日程表 says the same.
  auto pdf = Get("/api/v1/classes/" + std::to_string(class_id_) + "/timetable.pdf", admin_);
  ASSERT_EQ(pdf.status, 200);
  const std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find("每名学员合计 24 学时"), std::string::npos) << text;
  EXPECT_EQ(text.find("48.5"), std::string::npos) << text;
}

// Day 1 at 12:30: the opening and the morning lecture are over, everything else is to
// come. One trainee of each group; each checked in (and out) of the morning sessions,
// except group 1's, who missed the opening. Approved leave, hand-computed per trainee
// (programme 24 学时 = 240 tenths for every group):
//   group 1  none                                      0    0/1    0 %   ineligible (absent)
//   group 2  day-1 afternoon lecture (2.5)           2.5   5/48  10.4 %  at risk
//   group 3  own day-1 discussion (1)                  1   1/24   4.2 %  at risk
//   group 4  own day-1 + own day-3 discussions       3.5   7/48  14.6 %  ineligible (> 1/7)
//   group 5  day-2 morning on-site visit (4)           4    1/6  16.7 %  ineligible (> 1/7)
//   group 6  day-3 lecture 08:30 (2.5)               2.5   5/48  10.4 %  at risk
//   group 7  the exam (2)                              2   1/12   8.3 %  at risk
//   group 8  day-3 lecture 10:40 (1) + closing (1)     2   1/12   8.3 %  at risk
// "At risk": leave taken and one more leave as long as the longest session to come (the
// 4-学时 visit) would pass 1/7. Summed over the class (48.5) the shares were 0, 5/97,
// 2/97, 7/97, 8/97, 5/97, 4/97, 4/97 — groups 4 and 5 within the 条例's limit.
TEST_F(ProgrammeTest, LeaveShareAndCompletionUseEachTraineesOwnProgramme) {
  const auto& opening = SessionNamed("开班仪式");
  const auto& morning = SessionNamed("基础党务工作者管理沟通艺术");
  const auto& afternoon = SessionNamed("当前我国经济形势");
  const auto& visit = SessionNamed("现场教学：社区党建示范点");
  const auto& lecture_d3 = SessionNamed("准确把握新时代内涵");
  const auto& short_d3 = SessionNamed("基层党组织书记履职能力提升");
  const auto& exam = SessionNamed("结业考试");
  const auto& closing = SessionNamed("结业仪式");
  now_ = opening.start_ms - 10 * kMinute;
  for (const Trainee& t : trainees_) {
    if (t.group_number != 1) Scan(t.person_id, opening, core::CheckinDirection::kIn, now_);
  }
  now_ = morning.start_ms;
  for (const Trainee& t : trainees_) {
    Scan(t.person_id, morning, core::CheckinDirection::kIn, now_);
  }
  now_ = morning.end_ms;
  for (const Trainee& t : trainees_) {
    Scan(t.person_id, morning, core::CheckinDirection::kOut, now_);
  }
  now_ = opening.start_ms + 4 * 60 * kMinute;  // 12:30
  auto own = [&](int g, const std::string& title) {
    return SessionNamed(title, trainees_[g - 1].group_id).id;
  };
  ApprovedLeave(trainees_[1].person_id, {afternoon.id});
  ApprovedLeave(trainees_[2].person_id, {own(3, "认认真真学")});
  ApprovedLeave(trainees_[3].person_id, {own(4, "认认真真学"), own(4, "学以致用")});
  ApprovedLeave(trainees_[4].person_id, {visit.id});
  ApprovedLeave(trainees_[5].person_id, {lecture_d3.id});
  ApprovedLeave(trainees_[6].person_id, {exam.id});
  ApprovedLeave(trainees_[7].person_id, {short_d3.id, closing.id});

  struct Expected {
    double leave_hours;
    std::string share;
    std::string state;
    double credited;
  };
  const std::map<int, Expected> expected = {
      {1, {0, "0/1", "ineligible", 2.5}}, {2, {2.5, "5/48", "at_risk", 3.5}},
      {3, {1, "1/24", "at_risk", 3.5}},   {4, {3.5, "7/48", "ineligible", 3.5}},
      {5, {4, "1/6", "ineligible", 3.5}}, {6, {2.5, "5/48", "at_risk", 3.5}},
      {7, {2, "1/12", "at_risk", 3.5}},   {8, {2, "1/12", "at_risk", 3.5}},
  };

  // The leave tab and the summary (GET …/attendance/summary): every trainee.
  auto all = services_->attendance->ForClass(admin_principal_, class_id_);
  ASSERT_TRUE(all.ok()) << all.error().code;
  const json summary = attendance::ClassSummaryJson(*all, "zh-CN");
  for (const Trainee& t : trainees_) {
    SCOPED_TRACE("group " + std::to_string(t.group_number) + " " + t.name);
    const Expected& e = expected.at(t.group_number);
    const json* j = TraineeJson(summary, t.person_id);
    ASSERT_NE(j, nullptr);
    EXPECT_EQ((*j)["programme_hours"], 24.0);
    EXPECT_EQ((*j)["excused_hours"], e.leave_hours);
    EXPECT_EQ((*j)["leave_share"], e.share);
    EXPECT_EQ((*j)["state"], e.state);
    EXPECT_EQ((*j)["credited_hours"], e.credited);
    EXPECT_EQ((*j)["absences"], t.group_number == 1 ? 1 : 0);  // sessions to come: none

    // The trainee's own page (GET /me/attendance) computes the same for them alone.
    auto mine = services_->attendance->ForTrainee(admin_principal_, class_id_, t.person_id);
    ASSERT_TRUE(mine.ok());
    const json own_summary = attendance::ClassSummaryJson(*mine, "zh-CN");
    ASSERT_EQ(own_summary["trainees"].size(), 1u);
    EXPECT_EQ(own_summary["trainees"][0]["leave_share"], e.share);
    EXPECT_EQ(own_summary["trainees"][0]["programme_hours"], 24.0);
    EXPECT_EQ(own_summary["trainees"][0]["state"], e.state);
    // Their rows: the programme's 12 sessions (the evening quiz, 0 学时, among them),
    // none of another group's.
    size_t rows = 0;
    for (const auto& s : mine->sessions) rows += s.rows.size();
    EXPECT_EQ(rows, 12u);
  }
  const json* g4 = TraineeJson(summary, trainees_[3].person_id);
  ASSERT_NE(g4, nullptr);
  ASSERT_EQ((*g4)["reasons"].size(), 1u) << g4->dump();
  EXPECT_EQ((*g4)["reasons"][0]["code"], "completion.leave_share");
  EXPECT_EQ((*g4)["reasons"][0]["message"],
            "请假 3.5 学时，占应修 24 学时的 7/48，超过 1/7（应退学）");

  // The summary report (考勤汇总 PDF) prints the same shares, none over the class's sum.
  auto pdf = attendance::AttendanceSummaryPdf(*services_->attendance, admin_principal_, class_id_);
  ASSERT_TRUE(pdf.ok());
  const std::string text = PdfText(*pdf);
  for (const char* share : {"5/48", "1/24", "7/48", "1/6", "1/12"}) {
    EXPECT_NE(text.find(share), std::string::npos) << share << "\n" << text;
  }
  for (const char* share : {"5/97", "2/97", "7/97", "8/97", "4/97"}) {
    EXPECT_EQ(text.find(share), std::string::npos) << share;
  }
}

// Item 10: sessions still to come and running read as pending, never as absences; the
// trainee who is already ineligible is told which session decided it.
TEST_F(ProgrammeTest, PendingSessionsExplainThemselvesAndIneligibilityNamesItsSession) {
  const auto& opening = SessionNamed("开班仪式");
  const auto& afternoon = SessionNamed("当前我国经济形势");
  const auto& morning = SessionNamed("基础党务工作者管理沟通艺术");
  const Trainee& t = trainees_[0];
  // Day 1: the opening missed, the morning lecture attended; now 12:30.
  now_ = morning.start_ms;
  Scan(t.person_id, morning, core::CheckinDirection::kIn, now_);
  now_ = morning.end_ms;
  Scan(t.person_id, morning, core::CheckinDirection::kOut, now_);
  now_ = afternoon.start_ms - 2 * 60 * kMinute;
  auto mine = services_->attendance->ForTrainee(admin_principal_, class_id_, t.person_id);
  ASSERT_TRUE(mine.ok());
  std::map<int64_t, const attendance::AttendanceRow*> rows;
  for (const auto& s : mine->sessions) {
    for (const auto& r : s.rows) rows[s.ctx.session.id] = &r;
  }
  ASSERT_EQ(rows.size(), 12u);  // with the evening quiz (0 学时)
  EXPECT_EQ(rows.at(opening.id)->status, "absent");
  EXPECT_EQ(rows.at(opening.id)->result.explanation_zh, "缺勤：未签到");
  const json later = attendance::AttendanceRowJson(*rows.at(afternoon.id), 480, "zh-CN");
  EXPECT_EQ(later["status"], "pending");
  EXPECT_EQ(later["status_label"], "未结束");
  EXPECT_EQ(later["explanation"], "未开始");
  EXPECT_EQ(later["reason_code"], "attendance.pending.not_started");
  const json later_en = attendance::AttendanceRowJson(*rows.at(afternoon.id), 480, "en");
  EXPECT_EQ(later_en["status_label"], "pending");
  EXPECT_EQ(later_en["explanation"], "not started");
  for (const auto& s : sessions_) {
    if (s.start_ms > now_ && rows.count(s.id)) {
      EXPECT_EQ(rows.at(s.id)->status, "pending") << s.title;
      EXPECT_EQ(rows.at(s.id)->result.explanation_zh, "未开始") << s.title;
    }
  }
  const json summary = attendance::ClassSummaryJson(*mine, "zh-CN");
  ASSERT_EQ(summary["trainees"].size(), 1u);
  EXPECT_EQ(summary["trainees"][0]["state"], "ineligible");
  EXPECT_EQ(summary["trainees"][0]["absences"], 1);
  ASSERT_EQ(summary["trainees"][0]["reasons"].size(), 1u);
  EXPECT_EQ(summary["trainees"][0]["reasons"][0]["message"],
            "缺勤 1 次（" + Label(opening) + "），超过上限 0 次");
  const json summary_en = attendance::ClassSummaryJson(*mine, "en");
  ASSERT_EQ(summary_en["trainees"][0]["reasons"].size(), 1u);
  EXPECT_EQ(summary_en["trainees"][0]["reasons"][0]["message"],
            "1 absence (" + Label(opening) + "), more than the limit of 0");

  // Ten minutes into the afternoon lecture: running, not checked in yet.
  now_ = afternoon.start_ms + 10 * kMinute;
  auto running = services_->attendance->ForSession(admin_principal_, afternoon.id);
  ASSERT_TRUE(running.ok());
  for (const auto& r : running->rows) {
    if (r.person_id != t.person_id) continue;
    EXPECT_EQ(r.status, "pending");
    EXPECT_EQ(r.result.explanation_zh, "进行中，尚未签到");
    EXPECT_EQ(r.result.explanation_en, "in progress, not checked in yet");
  }
  // Once it has ended, no check-in is an absence.
  now_ = afternoon.end_ms + kMinute;
  auto over = services_->attendance->ForSession(admin_principal_, afternoon.id);
  ASSERT_TRUE(over.ok());
  for (const auto& r : over->rows) {
    if (r.person_id == t.person_id) {
      EXPECT_EQ(r.status, "absent");
      EXPECT_EQ(r.result.explanation_zh, "缺勤：未签到");
    }
  }
}

}  // namespace
}  // namespace peixun::test
