// Training classes on a real database: the seed class, its lifecycle, no edits
// once archived, copying last year's class, head teachers, who sees what, and
// the routes behind the dispatcher.
#include <gtest/gtest.h>

#include "classes_fixture.h"
#include "core/local_time.h"
#include "modules/audit/audit_query.h"
#include "modules/classes/class_access.h"
#include "modules/classes/classes_json.h"

namespace peixun::test {
namespace {

using classes::ClassStatus;

TEST_F(ClassesTest, CreatesTheSeedClass) {
  classes::TrainingClass c = MakeClass();
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.name, kSeedClassName);
  EXPECT_EQ(c.host_venue, "×大学干部培训中心");
  EXPECT_EQ(c.Days(), 4);
  EXPECT_EQ(c.status, ClassStatus::kPlanning);
  EXPECT_EQ(c.time_zone, "Asia/Shanghai");
  EXPECT_EQ(c.utc_offset_minutes, 480);
  EXPECT_EQ(c.rules, classes::ClassRules{});
  EXPECT_TRUE(c.head_teacher_ids.empty());

  auto secret = store::ReadValue<std::string>(
      db(), [&](store::Tx& tx) { return classes::ClassService::CheckinSecretIn(tx, key_, c.id); });
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->size(), 44u) << "32 bytes in base64";
  const std::string json_text = classes::ClassToJson(c).dump();
  EXPECT_EQ(json_text.find(*secret), std::string::npos);
  EXPECT_EQ(json_text.find("secret"), std::string::npos);

  auto other = MakeClass("第二期培训班");
  auto other_secret = store::ReadValue<std::string>(db(), [&](store::Tx& tx) {
    return classes::ClassService::CheckinSecretIn(tx, key_, other.id);
  });
  EXPECT_NE(*secret, *other_secret);

  audit::AuditQuery q;
  q.action_prefix = "classes.create";
  q.entity_id = c.id;
  auto entries = audit::ListEntries(db(), q);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->items.size(), 1u);
  ASSERT_TRUE(entries->items[0].after_json.has_value());
  EXPECT_EQ(entries->items[0].after_json->find(*secret), std::string::npos);
  EXPECT_NE(entries->items[0].after_json->find("×大学干部培训中心"), std::string::npos);
}

TEST_F(ClassesTest, ValidatesItsFields) {
  auto expect_error = [&](classes::ClassInput in, const std::string& code,
                          const std::string& field) {
    auto c = classes_->Create(in);
    ASSERT_FALSE(c.ok()) << code;
    EXPECT_EQ(c.error().code, code);
    EXPECT_EQ(c.error().field, field);
  };
  auto in = SeedClassInput();
  in.end_date = "2020-06-01";
  expect_error(in, "classes.dates.order", "end_date");
  in = SeedClassInput();
  in.start_date = "2020-02-30";
  expect_error(in, "classes.start_date", "start_date");
  in = SeedClassInput();
  in.time_zone = "Europe/Berlin";
  expect_error(in, "classes.time_zone", "time_zone");
  in = SeedClassInput();
  in.capacity = 0;
  expect_error(in, "classes.capacity", "capacity");
  in = SeedClassInput();
  in.host_venue = "  ";
  expect_error(in, "classes.host_venue.required", "host_venue");
  in = SeedClassInput();
  in.rules = {{"late_grace_minutes", -5}};
  expect_error(in, "classes.rules.range", "rules.late_grace_minutes");

  in = SeedClassInput();
  in.time_zone = "Asia/Urumqi";
  in.rules = {{"late_grace_minutes", 10}};
  auto urumqi = classes_->Create(in);
  ASSERT_TRUE(urumqi.ok());
  EXPECT_EQ(urumqi->utc_offset_minutes, 360);
  EXPECT_EQ(urumqi->rules.late_grace_minutes, 10);
  EXPECT_EQ(urumqi->rules.discipline_limit, 3);
}

TEST_F(ClassesTest, LifecycleTransitions) {
  auto c = MakeClass();
  auto skip = classes_->ChangeStatus(c.id, ClassStatus::kRunning);
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().code, "classes.status.transition");
  for (ClassStatus s : {ClassStatus::kEnrolling, ClassStatus::kPlanning, ClassStatus::kEnrolling,
                        ClassStatus::kRunning, ClassStatus::kFinished, ClassStatus::kRunning,
                        ClassStatus::kFinished, ClassStatus::kArchived}) {
    auto changed = classes_->ChangeStatus(c.id, s);
    ASSERT_TRUE(changed.ok()) << classes::ClassStatusCode(s);
    EXPECT_EQ(changed->status, s);
  }
  auto back = classes_->ChangeStatus(c.id, ClassStatus::kFinished);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().kind, ErrorKind::kConflict);
  auto missing = classes_->ChangeStatus(c.id + 100, ClassStatus::kEnrolling);
  EXPECT_EQ(missing.error().code, "classes.not_found");
}

TEST_F(ClassesTest, NoEditsWhenArchived) {
  auto c = MakeClass();
  const int64_t room = MakeRoom(c.id, "第一教室");
  for (ClassStatus s : {ClassStatus::kEnrolling, ClassStatus::kRunning, ClassStatus::kFinished,
                        ClassStatus::kArchived}) {
    ASSERT_TRUE(classes_->ChangeStatus(c.id, s).ok());
  }
  classes::ClassPatch patch;
  patch.name = "改名";
  auto updated = classes_->Update(c.id, patch);
  ASSERT_FALSE(updated.ok());
  EXPECT_EQ(updated.error().code, "classes.archived");
  EXPECT_EQ(classes_->SetHeadTeachers(c.id, {}).error().code, "classes.archived");
  auto session = AddSession(c.id, "lecture", kSeedLecture, "2020-06-02T08:30", "2020-06-02T11:30");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().code, "classes.archived");
  EXPECT_EQ(rooms_->Create(c.id, {"第二教室", 50, {}, {}}).error().code, "classes.archived");
  EXPECT_EQ(rooms_->Delete(room).error().code, "classes.archived");
  // Still readable, and copyable as a template.
  EXPECT_TRUE(classes_->Get(c.id).ok());
  EXPECT_TRUE(classes_->Copy(c.id, {"×区2021年社区和“两新”党组织书记培训班", "2021-06-08"}).ok());
}

TEST_F(ClassesTest, UpdateChangesOnlyGivenFieldsAndMergesRules) {
  auto c = MakeClass();
  classes::ClassPatch patch;
  patch.capacity = 100;
  patch.rules = nlohmann::json{{"late_grace_minutes", 10}, {"exam_pass_mark", 70}};
  auto updated = classes_->Update(c.id, patch);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->capacity, 100);
  EXPECT_EQ(updated->name, kSeedClassName);
  EXPECT_EQ(updated->rules.late_grace_minutes, 10);
  EXPECT_EQ(updated->rules.exam_pass_mark, 70);
  classes::ClassPatch reset;
  reset.rules = nlohmann::json{{"late_grace_minutes", nullptr}};
  auto again = classes_->Update(c.id, reset);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rules.late_grace_minutes, 5);
  EXPECT_EQ(again->rules.exam_pass_mark, 70);
  classes::ClassPatch bad;
  bad.end_date = "2020-05-01";
  EXPECT_EQ(classes_->Update(c.id, bad).error().code, "classes.dates.order");
}

TEST_F(ClassesTest, CopyShiftsDatesAndTakesRoomsAndSessions) {
  auto c = MakeClass();
  classes::ClassPatch patch;
  patch.rules = nlohmann::json{{"discipline_limit", 2}};
  ASSERT_TRUE(classes_->Update(c.id, patch).ok());
  const int64_t hall = MakeRoom(c.id, "第一教室", 10, 12);
  const int64_t lecturer = MakeLecturer("王明");
  const int64_t site = MakeSite("幸福社区党建示范点", "community", 200);
  ASSERT_TRUE(
      AddSession(c.id, "ceremony", "开班仪式", "2020-06-02T08:30", "2020-06-02T09:00", hall).ok());
  ASSERT_TRUE(AddSession(c.id, "lecture", kSeedLecture, "2020-06-02T09:10", "2020-06-02T11:30",
                         hall, lecturer)
                  .ok());
  timetable::SessionFields visit;
  visit.kind = "onsite";
  visit.title = "社区党建示范点现场教学";
  visit.start = "2020-06-03T14:00";
  visit.end = "2020-06-03T17:00";
  visit.site_ids = std::vector<int64_t>{site};
  visit.group_ids = std::vector<int64_t>{1};
  ASSERT_TRUE(sessions_->Create(c.id, visit, false).ok());

  auto copy = classes_->Copy(c.id, {"×区2021年社区和“两新”党组织书记培训班", "2021-06-08"});
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  EXPECT_EQ(core::FormatCivilDate(copy->start_date), "2021-06-08");
  EXPECT_EQ(core::FormatCivilDate(copy->end_date), "2021-06-11");
  EXPECT_EQ(copy->status, ClassStatus::kPlanning);
  EXPECT_EQ(copy->copied_from, c.id);
  EXPECT_EQ(copy->rules.discipline_limit, 2);
  EXPECT_EQ(copy->host_venue, c.host_venue);

  auto rooms = rooms_->ListForClass(copy->id);
  ASSERT_TRUE(rooms.ok());
  ASSERT_EQ(rooms->size(), 1u);
  EXPECT_EQ((*rooms)[0].name, "第一教室");
  EXPECT_NE((*rooms)[0].id, hall);
  EXPECT_EQ((*rooms)[0].seat_rows, 10);

  auto before = sessions_->ListForClass(c.id);
  auto after = sessions_->ListForClass(copy->id);
  ASSERT_TRUE(before.ok() && after.ok());
  ASSERT_EQ(after->size(), 3u);
  const int64_t shift_days = 371;  // 2020-06-02 → 2021-06-08
  for (size_t i = 0; i < after->size(); ++i) {
    const auto& old_s = (*before)[i];
    const auto& new_s = (*after)[i];
    EXPECT_EQ(new_s.title, old_s.title);
    EXPECT_EQ(new_s.start_ms - old_s.start_ms, shift_days * 86'400'000);
    EXPECT_EQ(new_s.end_ms - old_s.end_ms, shift_days * 86'400'000);
    EXPECT_EQ(new_s.lecturer_id, old_s.lecturer_id);
    EXPECT_EQ(new_s.SiteIds(), old_s.SiteIds());
    EXPECT_TRUE(new_s.group_ids.empty()) << "groups belong to the old class";
  }
  EXPECT_EQ((*after)[0].room_id, (*rooms)[0].id);
  EXPECT_EQ(core::FormatLocalDateTime((*after)[1].start_ms, 480), "2021-06-08T09:10");

  auto bad = classes_->Copy(c.id, {"", "2021-06-08"});
  EXPECT_EQ(bad.error().code, "classes.name.required");
}

TEST_F(ClassesTest, HeadTeachersMustHaveTheRole) {
  auto c = MakeClass();
  auto ht = MakeUser("banzhuren", Role::kHeadTeacher);
  auto lecturer = MakeUser("jiangshi", Role::kLecturer);
  auto set = classes_->SetHeadTeachers(c.id, {ht.user.id, ht.user.id});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->head_teacher_ids, std::vector<int64_t>{ht.user.id});
  auto wrong = classes_->SetHeadTeachers(c.id, {lecturer.user.id});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "classes.head_teacher.role");
  EXPECT_EQ(classes_->SetHeadTeachers(c.id, {999999}).error().code, "auth.user.not_found");
  EXPECT_EQ(classes_->Get(c.id)->head_teacher_ids, std::vector<int64_t>{ht.user.id});
}

TEST_F(ClassesTest, ListForShowsEachRoleItsClasses) {
  auto a = MakeClass("甲班");
  auto b = MakeClass("乙班", "2020-09-15", "2020-09-19");
  auto ht = MakeUser("banzhuren", Role::kHeadTeacher);
  ASSERT_TRUE(classes_->SetHeadTeachers(b.id, {ht.user.id}).ok());
  const int64_t person = MakePerson("张三");
  auto trainee = MakeUser("xueyuan", Role::kTrainee, std::nullopt, person);
  enrolled_[person] = {a.id};

  auto admin = MakeUser("root", Role::kAdmin);
  auto admin_page = classes_->ListFor(auth::PrincipalOf(admin.user), {});
  ASSERT_TRUE(admin_page.ok());
  EXPECT_EQ(admin_page->total, 2);
  EXPECT_EQ(admin_page->items[0].id, b.id) << "latest start first";

  auto ht_page = classes_->ListFor(auth::PrincipalOf(ht.user), {});
  ASSERT_EQ(ht_page->items.size(), 1u);
  EXPECT_EQ(ht_page->items[0].id, b.id);
  auto trainee_page = classes_->ListFor(auth::PrincipalOf(trainee.user), {});
  ASSERT_EQ(trainee_page->items.size(), 1u);
  EXPECT_EQ(trainee_page->items[0].id, a.id);

  classes::ClassQuery q;
  q.search = "乙";
  EXPECT_EQ(classes_->List(q)->total, 1);
  q.search = "";
  q.status = ClassStatus::kRunning;
  EXPECT_EQ(classes_->List(q)->total, 0);
}

TEST_F(ClassesTest, ClassAccessByRole) {
  auto mine = MakeClass("甲班");
  auto other = MakeClass("乙班");
  auto ht = MakeUser("banzhuren", Role::kHeadTeacher);
  ASSERT_TRUE(classes_->SetHeadTeachers(mine.id, {ht.user.id}).ok());
  auto check = [&](const auth::User& u, int64_t id, classes::ClassNeed need) {
    return classes::CheckClassAccess(db(), auth::PrincipalOf(u), id, need,
                                     class_hooks_.enrolled_class_ids);
  };
  using classes::ClassNeed;
  EXPECT_TRUE(check(ht.user, mine.id, ClassNeed::kManage).ok());
  EXPECT_EQ(check(ht.user, other.id, ClassNeed::kRead).error().code, "classes.forbidden");
  for (Role role : {Role::kLiaison, Role::kLecturer, Role::kLogistics}) {
    auto u = MakeUser(
        std::string("u_") + std::string(RoleCode(role)), role,
        role == Role::kLiaison ? std::optional<int64_t>(MakeUnit("街道", {})) : std::nullopt);
    EXPECT_TRUE(check(u.user, other.id, ClassNeed::kRead).ok());
    EXPECT_EQ(check(u.user, other.id, ClassNeed::kManage).error().kind, ErrorKind::kForbidden);
  }
  const int64_t person = MakePerson("李四");
  auto trainee = MakeUser("xueyuan", Role::kTrainee, std::nullopt, person);
  EXPECT_EQ(check(trainee.user, mine.id, ClassNeed::kRead).error().kind, ErrorKind::kForbidden);
  enrolled_[person] = {mine.id};
  EXPECT_TRUE(check(trainee.user, mine.id, ClassNeed::kRead).ok());
  EXPECT_FALSE(check(trainee.user, mine.id, ClassNeed::kManage).ok());
  EXPECT_EQ(check(ht.user, 987654, ClassNeed::kRead).error().code, "classes.not_found");
}

// ---- routes ----------------------------------------------------------------------------------

TEST_F(ClassesTest, RoutesCreateReadAndChange) {
  auto organizer = As(MakeUser("zuzhibu", Role::kOrganizer));
  nlohmann::json body = {{"name", kSeedClassName},
                         {"organizer_name", "中共×区委组织部"},
                         {"host_venue", "×大学干部培训中心"},
                         {"start_date", "2020-06-02"},
                         {"end_date", "2020-06-05"},
                         {"capacity", 120},
                         {"rules", {{"late_grace_minutes", 10}}}};
  auto created = Post("/api/v1/classes", organizer, body);
  ASSERT_EQ(created.status, 201) << created.body;
  const json c = Body(created);
  EXPECT_EQ(c["status"], "planning");
  EXPECT_EQ(c["days"], 4);
  EXPECT_EQ(c["time_zone"], "Asia/Shanghai");
  EXPECT_EQ(c["rules"]["late_grace_minutes"], 10);
  EXPECT_EQ(c["rules"]["leave_share_denominator"], 7);
  EXPECT_EQ(c["next_statuses"], json::array({"enrolling"}));
  EXPECT_FALSE(c.contains("checkin_secret"));
  const std::string path = "/api/v1/classes/" + std::to_string(c["id"].get<int64_t>());

  json bad_body = body;
  bad_body["rules"] = {{"qr_period", 5}};
  auto bad_rules = Post("/api/v1/classes", organizer, bad_body);
  EXPECT_EQ(bad_rules.status, 422);
  EXPECT_EQ(ErrorCode(bad_rules), "classes.rules.unknown");
  EXPECT_EQ(Body(bad_rules)["error"]["field"], "rules.qr_period");

  auto got = Get(path, organizer);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Body(got)["name"], kSeedClassName);

  auto patched = Patch(path, organizer, {{"capacity", 100}, {"rules", {{"exam_pass_mark", 80}}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Body(patched)["capacity"], 100);
  EXPECT_EQ(Body(patched)["rules"]["late_grace_minutes"], 10);
  EXPECT_EQ(Body(patched)["rules"]["exam_pass_mark"], 80);

  auto skip = Post(path + "/status", organizer, {{"status", "running"}});
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(ErrorCode(skip), "classes.status.transition");
  auto unknown = Post(path + "/status", organizer, {{"status", "done"}});
  EXPECT_EQ(unknown.status, 422);
  auto ok = Post(path + "/status", organizer, {{"status", "enrolling"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["status_label"], "报名中");

  auto copied =
      Post(path + "/copy", organizer,
           {{"name", "×区2021年社区和“两新”党组织书记培训班"}, {"start_date", "2021-06-08"}});
  ASSERT_EQ(copied.status, 201) << copied.body;
  EXPECT_EQ(Body(copied)["end_date"], "2021-06-11");
  EXPECT_EQ(Body(copied)["copied_from"], c["id"]);

  auto list = Get("/api/v1/classes?page_size=1&sort=start", organizer);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Body(list)["total"], 2);
  EXPECT_EQ(Body(list)["items"].size(), 1u);
  EXPECT_EQ(Body(list)["items"][0]["id"], c["id"]);

  auto ht = MakeUser("banzhuren", Role::kHeadTeacher);
  auto set = Send(api::Method::kPut, path + "/head-teachers", organizer,
                  json{{"user_ids", {ht.user.id}}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Body(set)["head_teacher_ids"], json::array({ht.user.id}));
  auto bad =
      Send(api::Method::kPut, path + "/head-teachers", organizer, json{{"user_ids", {"x"}}}.dump());
  EXPECT_EQ(bad.status, 400);
}

TEST_F(ClassesTest, RoutesCheckRoleAndScope) {
  auto mine = MakeClass("甲班");
  auto other = MakeClass("乙班");
  auto ht_user = MakeUser("banzhuren", Role::kHeadTeacher);
  ASSERT_TRUE(classes_->SetHeadTeachers(mine.id, {ht_user.user.id}).ok());
  auto ht = As(ht_user);
  const int64_t person = MakePerson("王五");
  auto trainee = As(MakeUser("xueyuan", Role::kTrainee, std::nullopt, person));
  enrolled_[person] = {mine.id};
  auto liaison = As(MakeUser("lianluoyuan", Role::kLiaison, MakeUnit("某街道", {})));
  const std::string mine_path = "/api/v1/classes/" + std::to_string(mine.id);
  const std::string other_path = "/api/v1/classes/" + std::to_string(other.id);

  EXPECT_EQ(Get(mine_path, ht).status, 200);
  EXPECT_EQ(Patch(mine_path, ht, {{"description", "班主任改的"}}).status, 200);
  auto foreign = Get(other_path, ht);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(ErrorCode(foreign), "classes.forbidden");
  EXPECT_EQ(Patch(other_path, ht, {{"description", "x"}}).status, 403);
  EXPECT_EQ(Post(mine_path + "/copy", ht, {{"name", "x"}, {"start_date", "2021-01-01"}}).status,
            403);
  auto ht_list = Body(Get("/api/v1/classes", ht));
  ASSERT_EQ(ht_list["items"].size(), 1u);
  EXPECT_EQ(ht_list["items"][0]["id"], mine.id);

  EXPECT_EQ(Get(mine_path, trainee).status, 200);
  EXPECT_EQ(Get(other_path, trainee).status, 403);
  EXPECT_EQ(Patch(mine_path, trainee, {{"description", "x"}}).status, 403);
  EXPECT_EQ(Post("/api/v1/classes", trainee, {{"name", "x"}}).status, 403);
  EXPECT_EQ(Post(mine_path + "/status", trainee, {{"status", "enrolling"}}).status, 403);
  EXPECT_EQ(Body(Get("/api/v1/classes", trainee))["total"], 1);

  EXPECT_EQ(Get(other_path, liaison).status, 200);
  EXPECT_EQ(Patch(other_path, liaison, {{"description", "x"}}).status, 403);
  EXPECT_EQ(Get("/api/v1/classes/999999", liaison).status, 404);
  EXPECT_EQ(Get(mine_path, {}).status, 401);
}

TEST_F(ClassesTest, RealSessionCookieNeedsCsrfForWrites) {
  auto organizer = MakeUser("zuzhibu", Role::kOrganizer);
  auto login =
      Post("/api/v1/auth/login", {}, {{"username", "zuzhibu"}, {"password", organizer.password}});
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie;
  for (const auto& [k, v] : login.headers) {
    if (k == "Set-Cookie" && v.rfind("peixun_session=", 0) == 0) cookie = v.substr(0, v.find(';'));
  }
  const std::string csrf = Body(login)["csrf_token"];
  auto c = MakeClass();
  const std::string path = "/api/v1/classes/" + std::to_string(c.id) + "/status";
  auto no_csrf = Post(path, {{"cookie", cookie}}, {{"status", "enrolling"}});
  EXPECT_EQ(no_csrf.status, 403);
  auto with_csrf =
      Post(path, {{"cookie", cookie}, {"x-csrf-token", csrf}}, {{"status", "enrolling"}});
  EXPECT_EQ(with_csrf.status, 200) << with_csrf.body;
}

}  // namespace
}  // namespace peixun::test
