// The timetable on a real database: registries, sessions in the class's local
// time, 学时, conflicts refused (409) or accepted on purpose, the printables and
// the calendar feed, and who may do what through the routes.
#include <gtest/gtest.h>

#include "classes_fixture.h"
#include "core/local_time.h"
#include "modules/timetable/timetable_exports.h"
#include "modules/timetable/timetable_json.h"

namespace peixun::test {
namespace {

class TimetableTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    cls_ = MakeClass();
    hall_ = MakeRoom(cls_.id, "第一教室", 3, 4);
    small_ = MakeRoom(cls_.id, "第二讨论室");
    wang_ = MakeLecturer("王明", "教授");
  }

  std::string ClassPath() const { return "/api/v1/classes/" + std::to_string(cls_.id); }

  classes::TrainingClass cls_;
  int64_t hall_ = 0;
  int64_t small_ = 0;
  int64_t wang_ = 0;
};

TEST_F(TimetableTest, RegistriesAndRooms) {
  auto l = lecturers_->Get(wang_);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->organization, "×大学马克思主义学院");
  auto not_lecturer = MakeUser("zuzhibu", Role::kOrganizer);
  timetable::LecturerInput linked{"李华", "", "", "", "", not_lecturer.user.id};
  EXPECT_EQ(lecturers_->Create(linked).error().code, "timetable.lecturer.user_role");

  timetable::SiteInput site;
  site.name = "×科技公司党支部";
  site.kind = "非公企业";
  site.capacity = 40;
  auto s = sites_->Create(site);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->kind, timetable::SiteKind::kEnterprise);
  site.kind = "school";
  EXPECT_EQ(sites_->Create(site).error().code, "timetable.site.kind");
  site.kind = "social_org";
  site.capacity = 0;
  EXPECT_EQ(sites_->Create(site).error().code, "timetable.capacity.range");

  auto hall = rooms_->Get(hall_);
  EXPECT_EQ(hall->capacity, 12) << "3 rows × 4 seats";
  EXPECT_EQ(rooms_->Create(cls_.id, {"第一教室", 10, {}, {}}).error().code,
            "timetable.room.duplicate");
  EXPECT_EQ(rooms_->Create(cls_.id, {"第三教室", 10, 3, {}}).error().code, "timetable.room.grid");
  EXPECT_EQ(rooms_->ListForClass(cls_.id)->size(), 2u);

  ASSERT_TRUE(AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-02T09:00", "2020-06-02T11:30",
                         hall_, wang_)
                  .ok());
  EXPECT_EQ(lecturers_->Delete(wang_).error().code, "timetable.lecturer.in_use");
  EXPECT_EQ(rooms_->Delete(hall_).error().code, "timetable.room.in_use");
  EXPECT_TRUE(rooms_->Delete(small_).ok());
}

TEST_F(TimetableTest, LocalTimesAndCreditHours) {
  auto w = AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-02T08:30", "2020-06-02T11:30",
                      hall_, wang_);
  ASSERT_TRUE(w.ok()) << w.error().message;
  const auto& s = w->session;
  EXPECT_EQ(s.start_ms, 1591057800000) << "08:30 Beijing time is 00:30 UTC";
  EXPECT_EQ(s.credit_tenths, 40) << "180 min / 45 = 4 学时";
  EXPECT_FALSE(s.explicit_tenths.has_value());
  EXPECT_EQ(s.room_name, "第一教室");
  EXPECT_EQ(s.lecturer_name, "王明");
  const auto j = timetable::SessionToJson(s);
  EXPECT_EQ(j["start"], "2020-06-02T08:30");
  EXPECT_EQ(j["end"], "2020-06-02T11:30");
  EXPECT_EQ(j["start_ms"], 1591057800000);
  EXPECT_EQ(j["hours"], 4.0);
  EXPECT_EQ(j["kind_label"], "专题讲座");

  timetable::SessionFields f;
  f.kind = "discussion";
  f.title = "分组讨论";
  f.start = "2020-06-02T14:00";
  f.end = "2020-06-02T15:40";  // 100 min: 2.2 → 2 at half rounding
  auto d = sessions_->Create(cls_.id, f, false);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->session.credit_tenths, 20);
  f.start = "2020-06-03T14:00";
  f.end = "2020-06-03T15:40";
  f.set_hours = true;
  f.hours_tenths = 25;
  auto explicit_hours = sessions_->Create(cls_.id, f, false);
  ASSERT_TRUE(explicit_hours.ok());
  EXPECT_EQ(explicit_hours->session.credit_tenths, 25);

  // Rules of the class decide: 50 minutes per 学时, no rounding.
  classes::ClassPatch patch;
  patch.rules = nlohmann::json{{"minutes_per_credit_hour", 50}, {"credit_rounding", "none"}};
  ASSERT_TRUE(classes_->Update(cls_.id, patch).ok());
  EXPECT_EQ(sessions_->Get(d->session.id)->credit_tenths, 20);
  EXPECT_EQ(sessions_->Get(s.id)->credit_tenths, 36);

  auto bad = AddSession(cls_.id, "lecture", "倒着的课", "2020-06-02T11:30", "2020-06-02T08:30");
  EXPECT_EQ(bad.error().code, "timetable.session.time_order");
  auto bad_kind = AddSession(cls_.id, "party", "联欢", "2020-06-02T19:00", "2020-06-02T20:00");
  EXPECT_EQ(bad_kind.error().code, "timetable.session.kind");
  auto bad_time = AddSession(cls_.id, "lecture", "x", "6月2日 8:30", "2020-06-02T20:00");
  EXPECT_EQ(bad_time.error().code, "timetable.time.format");
}

TEST_F(TimetableTest, RoomConflictIsRefusedUnlessAccepted) {
  ASSERT_TRUE(AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-02T08:30", "2020-06-02T11:30",
                         hall_, wang_)
                  .ok());
  auto clash = AddSession(cls_.id, "lecture", "当前我国经济形势及热点分析", "2020-06-02T10:00",
                          "2020-06-02T12:00", hall_);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, "timetable.conflict");
  EXPECT_EQ(clash.error().kind, ErrorKind::kConflict);
  EXPECT_NE(clash.error().message.find(kSeedLecture), std::string::npos) << clash.error().message;
  EXPECT_EQ(sessions_->ListForClass(cls_.id)->size(), 1u) << "nothing stored";

  auto kept = AddSession(cls_.id, "lecture", "当前我国经济形势及热点分析", "2020-06-02T10:00",
                         "2020-06-02T12:00", hall_, std::nullopt, /*accept=*/true);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  ASSERT_FALSE(kept->accepted_conflicts.empty());
  bool room_clash = false;
  for (const auto& c : kept->accepted_conflicts) {
    room_clash |= c.kind == core::SessionConflictKind::kRoomDoubleBooked;
  }
  EXPECT_TRUE(room_clash);
  auto listed = sessions_->Conflicts(cls_.id);
  ASSERT_TRUE(listed.ok());
  EXPECT_FALSE(listed->empty());

  // Back-to-back is fine: sessions are half-open.
  EXPECT_TRUE(
      AddSession(cls_.id, "discussion", "讨论", "2020-06-02T12:00", "2020-06-02T13:00", hall_)
          .ok());
}

TEST_F(TimetableTest, LecturerDoubleBookedInThisAndAnotherClass) {
  ASSERT_TRUE(AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-03T08:30", "2020-06-03T11:30",
                         hall_, wang_)
                  .ok());
  timetable::SessionFields f;
  f.kind = "lecture";
  f.title = "准确把握新时代内涵";
  f.start = "2020-06-03T09:00";
  f.end = "2020-06-03T10:00";
  f.set_room = true;
  f.room_id = small_;
  f.set_lecturer = true;
  f.lecturer_id = wang_;
  f.group_ids = std::vector<int64_t>{};
  auto same_class = sessions_->Create(cls_.id, f, false);
  ASSERT_FALSE(same_class.ok());
  EXPECT_EQ(same_class.error().code, "timetable.conflict");

  auto other = MakeClass("×区2020年机关党务干部培训班");
  const int64_t other_room = MakeRoom(other.id, "报告厅");
  f.room_id = other_room;
  auto other_class = sessions_->Create(other.id, f, false);
  ASSERT_FALSE(other_class.ok());
  EXPECT_EQ(other_class.error().code, "timetable.conflict");
  EXPECT_NE(other_class.error().message.find("王明"), std::string::npos)
      << other_class.error().message;
  EXPECT_NE(other_class.error().message.find(kSeedClassName), std::string::npos);
  f.start = "2020-06-03T13:00";
  f.end = "2020-06-03T14:00";
  EXPECT_TRUE(sessions_->Create(other.id, f, false).ok());
}

TEST_F(TimetableTest, OutsideTheClassDatesIsAConflict) {
  auto late =
      AddSession(cls_.id, "exam", "结业考试", "2020-06-06T09:00", "2020-06-06T10:00", hall_);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "timetable.conflict");
  auto early =
      AddSession(cls_.id, "ceremony", "开班仪式", "2020-06-01T23:30", "2020-06-02T00:30", hall_);
  EXPECT_FALSE(early.ok());
  EXPECT_TRUE(
      AddSession(cls_.id, "exam", "结业考试", "2020-06-05T22:00", "2020-06-05T23:59", hall_).ok());
}

TEST_F(TimetableTest, GroupsMeetInParallelButNotWithTheWholeClass) {
  timetable::SessionFields f;
  f.kind = "discussion";
  f.title = "第一组讨论";
  f.start = "2020-06-04T14:00";
  f.end = "2020-06-04T16:00";
  f.set_room = true;
  f.room_id = hall_;
  f.group_ids = std::vector<int64_t>{1};
  ASSERT_TRUE(sessions_->Create(cls_.id, f, false).ok());
  f.title = "第二组讨论";
  f.room_id = small_;
  f.group_ids = std::vector<int64_t>{2};
  ASSERT_TRUE(sessions_->Create(cls_.id, f, false).ok());
  auto whole = AddSession(cls_.id, "self_study", "自学", "2020-06-04T15:00", "2020-06-04T17:00");
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.error().code, "timetable.conflict");
}

TEST_F(TimetableTest, SiteOverCapacityUsesTheEnrolledCount) {
  trainee_count_[cls_.id] = 60;
  const int64_t community = MakeSite("幸福社区党建示范点", "community", 30);
  const int64_t company = MakeSite("×科技公司党建示范点", "enterprise", 30);
  timetable::SessionFields f;
  f.kind = "onsite";
  f.title = "现场教学";
  f.start = "2020-06-03T14:00";
  f.end = "2020-06-03T17:00";
  f.site_ids = std::vector<int64_t>{community};
  auto one_site = sessions_->Create(cls_.id, f, false);
  ASSERT_FALSE(one_site.ok());
  EXPECT_EQ(one_site.error().code, "timetable.conflict");
  f.site_ids = std::vector<int64_t>{community, company};
  auto split = sessions_->Create(cls_.id, f, false);
  ASSERT_TRUE(split.ok()) << split.error().message;
  EXPECT_EQ(split->session.sites.size(), 2u);
  EXPECT_EQ(timetable::SessionPlace(split->session), "幸福社区党建示范点、×科技公司党建示范点");

  f.set_room = true;
  f.room_id = hall_;
  auto both = sessions_->Create(cls_.id, f, false);
  EXPECT_EQ(both.error().code, "timetable.session.place");
}

TEST_F(TimetableTest, TimetablePdfAndXlsx) {
  auto admin = As(MakeUser("root", Role::kAdmin));
  ASSERT_TRUE(
      AddSession(cls_.id, "ceremony", "开班仪式", "2020-06-02T08:30", "2020-06-02T09:00", hall_)
          .ok());
  ASSERT_TRUE(AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-02T09:10", "2020-06-02T11:40",
                         hall_, wang_)
                  .ok());
  ASSERT_TRUE(AddSession(cls_.id, "lecture", "当前我国经济形势及热点分析", "2020-06-03T08:30",
                         "2020-06-03T11:30", hall_)
                  .ok());
  auto pdf = Get(ClassPath() + "/timetable.pdf", admin);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  ASSERT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  const std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find("《基础党务工作者管理沟通艺术》"), std::string::npos) << text;
  EXPECT_NE(text.find("6月2日"), std::string::npos) << text;
  EXPECT_NE(text.find("星期"), std::string::npos) << text;
  EXPECT_NE(text.find("×大学干部培训中心"), std::string::npos) << text;

  auto xlsx = Get(ClassPath() + "/timetable.xlsx", admin);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
  auto table = timetable::TimetableTableOf(
      timetable::TimetableDocOf(*classes_->Get(cls_.id), *sessions_->ListForClass(cls_.id)));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[1][0], "6月2日（星期二）");
  EXPECT_EQ(table.rows[1][1], "09:10—11:40");
  EXPECT_EQ(table.rows[1][2], "《基础党务工作者管理沟通艺术》");
  EXPECT_EQ(table.rows[1][4], "王明 教授");
  EXPECT_EQ(table.rows[1][6], "3");
}

TEST_F(TimetableTest, CalendarFeedOfATrainee) {
  const int64_t person = MakePerson("张三");
  auto trainee = As(MakeUser("xueyuan", Role::kTrainee, std::nullopt, person));
  const int64_t other_person = MakePerson("李四");
  ASSERT_TRUE(AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-02T09:00", "2020-06-02T11:30",
                         hall_, wang_)
                  .ok());
  timetable::SessionFields f;
  f.kind = "discussion";
  f.title = "第一组讨论,交流;心得";
  f.start = "2020-06-04T14:00";
  f.end = "2020-06-04T16:00";
  f.set_room = true;
  f.room_id = hall_;
  f.group_ids = std::vector<int64_t>{1};
  ASSERT_TRUE(sessions_->Create(cls_.id, f, false).ok());
  f.title = "第二组讨论";
  f.room_id = small_;
  f.group_ids = std::vector<int64_t>{2};
  ASSERT_TRUE(sessions_->Create(cls_.id, f, false).ok());
  groups_[{cls_.id, person}] = {1};

  const std::string path = ClassPath() + "/calendar.ics";
  EXPECT_EQ(Get(path, trainee).status, 403) << "not enrolled yet";
  enrolled_[person] = {cls_.id};
  auto ics = Get(path + "?person_id=" + std::to_string(person), trainee);
  ASSERT_EQ(ics.status, 200) << ics.body;
  EXPECT_EQ(ics.content_type, "text/calendar; charset=utf-8");
  const std::string& body = ics.body;
  EXPECT_EQ(body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  size_t events = 0;
  for (size_t p = body.find("BEGIN:VEVENT"); p != std::string::npos;
       p = body.find("BEGIN:VEVENT", p + 1)) {
    ++events;
  }
  EXPECT_EQ(events, 2u) << body;
  EXPECT_NE(body.find("DTSTART:20200602T010000Z\r\n"), std::string::npos) << body;
  EXPECT_NE(body.find("第一组讨论\\,交流\\;心得"), std::string::npos) << body;
  EXPECT_EQ(body.find("第二组讨论"), std::string::npos);
  for (size_t p = 0; (p = body.find('\n', p)) != std::string::npos; ++p) {
    ASSERT_GT(p, 0u);
    EXPECT_EQ(body[p - 1], '\r');
  }
  EXPECT_EQ(Get(path, trainee).status, 200) << "defaults to the caller";
  auto foreign = Get(path + "?person_id=" + std::to_string(other_person), trainee);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(ErrorCode(foreign), "timetable.calendar.forbidden");

  auto organizer = As(MakeUser("zuzhibu", Role::kOrganizer));
  auto all = Get(path, organizer);
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("第二组讨论"), std::string::npos);
}

TEST_F(TimetableTest, SignInSheetAndSeatingInStrokeOrder) {
  auto ht_user = MakeUser("banzhuren", Role::kHeadTeacher);
  ASSERT_TRUE(classes_->SetHeadTeachers(cls_.id, {ht_user.user.id}).ok());
  auto ht = As(ht_user);
  sheet_rows_[cls_.id] = {
      {3, "欧阳修", "幸福社区"}, {1, "张三", "光明社区"}, {2, "王芳", "×科技公司"}};
  auto lecture = AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-02T09:00",
                            "2020-06-02T11:30", hall_, wang_);
  ASSERT_TRUE(lecture.ok());
  const std::string session_path = "/api/v1/sessions/" + std::to_string(lecture->session.id);

  auto sheet = Get(session_path + "/sign-in-sheet.pdf", ht);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  ASSERT_EQ(sheet.body.rfind("%PDF", 0), 0u);
  const std::string text = PdfText(sheet.body);
  const size_t wang = text.find("王芳"), zhang = text.find("张三"), ouyang = text.find("欧阳修");
  ASSERT_NE(wang, std::string::npos) << text;
  ASSERT_NE(zhang, std::string::npos);
  ASSERT_NE(ouyang, std::string::npos);
  EXPECT_LT(wang, zhang) << "王 (4 strokes) before 张 (7)";
  EXPECT_LT(zhang, ouyang) << "张 (7) before 欧 (8)";

  auto seating = Get(session_path + "/seating.pdf", ht);
  ASSERT_EQ(seating.status, 200) << seating.body;
  ASSERT_EQ(seating.body.rfind("%PDF", 0), 0u);
  EXPECT_NE(PdfText(seating.body).find("王芳"), std::string::npos);

  auto no_room = AddSession(cls_.id, "self_study", "自学", "2020-06-02T19:00", "2020-06-02T21:00");
  ASSERT_TRUE(no_room.ok());
  auto refused =
      Get("/api/v1/sessions/" + std::to_string(no_room->session.id) + "/seating.pdf", ht);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(ErrorCode(refused), "timetable.seating.no_room");

  const int64_t person = MakePerson("赵六");
  enrolled_[person] = {cls_.id};
  auto trainee = As(MakeUser("xueyuan", Role::kTrainee, std::nullopt, person));
  EXPECT_EQ(Get(session_path + "/sign-in-sheet.pdf", trainee).status, 403);
}

TEST_F(TimetableTest, SessionRoutes) {
  auto ht_user = MakeUser("banzhuren", Role::kHeadTeacher);
  ASSERT_TRUE(classes_->SetHeadTeachers(cls_.id, {ht_user.user.id}).ok());
  auto ht = As(ht_user);
  const json lecture = {{"kind", "lecture"},
                        {"title", kSeedLecture},
                        {"start", "2020-06-02T09:00"},
                        {"end", "2020-06-02T11:30"},
                        {"room_id", hall_},
                        {"lecturer_id", wang_},
                        {"hours", 3}};
  auto created = Post(ClassPath() + "/sessions", ht, lecture);
  ASSERT_EQ(created.status, 201) << created.body;
  const json s = Body(created);
  EXPECT_EQ(s["start"], "2020-06-02T09:00");
  EXPECT_EQ(s["start_ms"], 1591059600000);
  EXPECT_EQ(s["hours"], 3.0);
  EXPECT_EQ(s["hours_explicit"], true);
  EXPECT_EQ(s["conflicts"], json::array());
  const std::string session_path = "/api/v1/sessions/" + std::to_string(s["id"].get<int64_t>());

  json clash = lecture;
  clash["title"] = "当前我国经济形势及热点分析";
  clash["hours"] = "2.5";
  auto refused = Post(ClassPath() + "/sessions", ht, clash);
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(ErrorCode(refused), "timetable.conflict");
  EXPECT_NE(Body(refused)["error"]["message"].get<std::string>().find(kSeedLecture),
            std::string::npos);
  clash["accept_conflicts"] = true;
  auto accepted = Post(ClassPath() + "/sessions", ht, clash);
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_FALSE(Body(accepted)["conflicts"].empty());
  EXPECT_EQ(Body(accepted)["hours"], 2.5);
  auto conflicts = Get(ClassPath() + "/timetable/conflicts", ht);
  ASSERT_EQ(conflicts.status, 200);
  const json items = Body(conflicts)["items"];
  ASSERT_FALSE(items.empty());
  bool has_room = false, has_lecturer = false;
  for (const auto& c : items) {
    has_room |=
        c["code"] == core::SessionConflictCode(core::SessionConflictKind::kRoomDoubleBooked);
    has_lecturer |=
        c["code"] == core::SessionConflictCode(core::SessionConflictKind::kLecturerDoubleBooked);
  }
  EXPECT_TRUE(has_room && has_lecturer) << items.dump();

  auto moved =
      Patch(session_path, ht, {{"start", "2020-06-03T09:00"}, {"end", "2020-06-03T11:30"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Body(moved)["title"], kSeedLecture);
  EXPECT_EQ(Body(moved)["room_id"], hall_);
  EXPECT_TRUE(Body(Get(ClassPath() + "/timetable/conflicts", ht))["items"].empty());

  auto list = Body(Get(ClassPath() + "/sessions", ht))["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["title"], "当前我国经济形势及热点分析") << "time order";

  json with_unknown = lecture;
  with_unknown["colour"] = "red";
  EXPECT_EQ(Post(ClassPath() + "/sessions", ht, with_unknown).status, 400);
  json bad_hours = lecture;
  bad_hours["hours"] = 2.25;
  EXPECT_EQ(Post(ClassPath() + "/sessions", ht, bad_hours).status, 422);

  EXPECT_EQ(Send(api::Method::kDelete, session_path, ht).status, 204);
  EXPECT_EQ(Get(session_path, ht).status, 404);
}

TEST_F(TimetableTest, RouteAccess) {
  auto other = MakeClass("×区2020年机关党务干部培训班");
  auto ht_user = MakeUser("banzhuren", Role::kHeadTeacher);
  ASSERT_TRUE(classes_->SetHeadTeachers(other.id, {ht_user.user.id}).ok());
  auto other_ht = As(ht_user);
  const json body = {{"kind", "lecture"},
                     {"title", kSeedLecture},
                     {"start", "2020-06-02T09:00"},
                     {"end", "2020-06-02T11:30"}};
  auto foreign = Post(ClassPath() + "/sessions", other_ht, body);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(ErrorCode(foreign), "classes.forbidden");
  EXPECT_EQ(Post(ClassPath() + "/rooms", other_ht, {{"name", "x"}, {"capacity", 5}}).status, 403);
  EXPECT_EQ(Get(ClassPath() + "/sessions", other_ht).status, 403);

  const int64_t person = MakePerson("张三");
  enrolled_[person] = {cls_.id};
  auto trainee = As(MakeUser("xueyuan", Role::kTrainee, std::nullopt, person));
  EXPECT_EQ(Get(ClassPath() + "/sessions", trainee).status, 200);
  EXPECT_EQ(Post(ClassPath() + "/sessions", trainee, body).status, 403);
  EXPECT_EQ(Post("/api/v1/lecturers", trainee, {{"name", "x"}}).status, 403);
  EXPECT_EQ(Get("/api/v1/lecturers", trainee).status, 403);

  auto logistics = As(MakeUser("houqin", Role::kLogistics));
  EXPECT_EQ(Get(ClassPath() + "/sessions", logistics).status, 200);
  EXPECT_EQ(Get(ClassPath() + "/timetable.xlsx", logistics).status, 200);
  EXPECT_EQ(Post(ClassPath() + "/sessions", logistics, body).status, 403);

  auto organizer = As(MakeUser("zuzhibu", Role::kOrganizer));
  auto site = Post("/api/v1/sites", organizer,
                   {{"name", "幸福社区党建示范点"}, {"kind", "community"}, {"capacity", 50}});
  ASSERT_EQ(site.status, 201) << site.body;
  EXPECT_EQ(Body(site)["kind_label"], "社区");
  auto lecturer_user = MakeUser("jiangshi", Role::kLecturer);
  auto l = Post("/api/v1/lecturers", organizer,
                {{"name", "李红"}, {"title", "副教授"}, {"user_id", lecturer_user.user.id}});
  ASSERT_EQ(l.status, 201) << l.body;
  auto patched = Patch("/api/v1/lecturers/" + std::to_string(Body(l)["id"].get<int64_t>()),
                       organizer, {{"title", "教授"}});
  ASSERT_EQ(patched.status, 200);
  EXPECT_EQ(Body(patched)["name"], "李红");
  EXPECT_EQ(Body(patched)["title"], "教授");

  json mine = body;
  mine["lecturer_id"] = Body(l)["id"];
  ASSERT_EQ(Post(ClassPath() + "/sessions", organizer, mine).status, 201);
  auto lecturer = As(lecturer_user);
  auto own = Get("/api/v1/me/sessions", lecturer);
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(Body(own)["items"].size(), 1u);
  EXPECT_EQ(Body(own)["items"][0]["lecturer_name"], "李红");
  EXPECT_EQ(Get("/api/v1/me/sessions", organizer).status, 403);
  EXPECT_EQ(Patch("/api/v1/sessions/" + std::to_string(Body(own)["items"][0]["id"].get<int64_t>()),
                  lecturer, {{"title", "x"}})
                .status,
            403);
}

TEST_F(TimetableTest, ArchivedClassTimetableIsReadOnly) {
  auto s =
      AddSession(cls_.id, "lecture", kSeedLecture, "2020-06-02T09:00", "2020-06-02T11:30", hall_);
  ASSERT_TRUE(s.ok());
  for (auto st : {classes::ClassStatus::kEnrolling, classes::ClassStatus::kRunning,
                  classes::ClassStatus::kFinished, classes::ClassStatus::kArchived}) {
    ASSERT_TRUE(classes_->ChangeStatus(cls_.id, st).ok());
  }
  timetable::SessionFields f;
  f.title = "改名";
  EXPECT_EQ(sessions_->Update(s->session.id, f, false).error().code, "classes.archived");
  EXPECT_EQ(sessions_->Delete(s->session.id).error().code, "classes.archived");
  EXPECT_TRUE(sessions_->ListForClass(cls_.id).ok());
}

}  // namespace
}  // namespace peixun::test
