// Course evaluation (教学评估) on a real database: questionnaires per lecture and
// per class, answers through the API and the service, the anonymity threshold on
// every route, lecturers only after the class ends, the reminder list (names
// only), the bad inputs of issue 12, and the proof that no stored column or join
// links an answer to the trainee who gave it.
#include <algorithm>
#include <set>

#include "core/name_collation.h"
#include "enrollment_fixture.h"
#include "modules/evaluation/evaluation_service.h"
#include "modules/settings/settings.h"
#include "modules/timetable/lecturer_service.h"
#include "modules/timetable/session_service.h"

namespace peixun::test {
namespace {

using evaluation::AnswerInput;
using evaluation::EvaluationService;
using nlohmann::json;

class EvaluationTest : public TrainingTest {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    class_id_ = MakeClass(40);
    QuotaForDistrict(class_id_, 40);
    trainees_ = DemoTrainees(12);
    EnrollApproved(class_id_, trainees_);
    timetable::LecturerService lecturers(app().store());
    lecturer_session_ = MakeUser("wangming", Role::kLecturer, {}, {}, &lecturer_user_);
    wang_ = lecturers.Create({"王明", "教授", "×大学", "", "", lecturer_user_})->id;
    li_ = lecturers.Create({"李华", "副教授", "×大学", "", "", std::nullopt})->id;
    lecture_a_ = AddSession("lecture", "基础党务工作者管理沟通艺术", "2020-06-02T08:30",
                            "2020-06-02T11:30", wang_);
    lecture_b_ =
        AddSession("lecture", "新时代基层党建", "2020-06-02T14:00", "2020-06-02T17:00", wang_);
    lecture_c_ = AddSession("lecture", "社区治理", "2020-06-03T08:30", "2020-06-03T11:30", li_);
    discussion_ = AddSession("discussion", "分组讨论", "2020-06-03T14:00", "2020-06-03T17:00", {});
    service_ = std::make_unique<EvaluationService>(app().store());
  }
  void TearDown() override {
    service_.reset();
    TrainingTest::TearDown();
  }

  int64_t AddSession(const std::string& kind, const std::string& title, const std::string& start,
                     const std::string& end, std::optional<int64_t> lecturer) {
    timetable::SessionService sessions(app().store());
    timetable::SessionFields f;
    f.kind = kind;
    f.title = title;
    f.start = start;
    f.end = end;
    f.set_lecturer = true;
    f.lecturer_id = lecturer;
    auto s = sessions.Create(class_id_, f, true);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message_en);
    return s.ok() ? s->session.id : 0;
  }

  std::string ClassPath(const std::string& rest = "") const {
    return "/api/v1/classes/" + std::to_string(class_id_) + "/evaluations" + rest;
  }
  static std::string QPath(int64_t q, const std::string& rest) {
    return "/api/v1/evaluations/" + std::to_string(q) + rest;
  }

  int64_t Open(std::optional<int64_t> session) {
    json body = json::object();
    if (session) body["session_id"] = *session;
    auto r = Post(ClassPath(), body, admin_);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).value("id", int64_t{0});
  }

  static Principal TraineePrincipal(const people::Person& p) {
    Principal who;
    who.role = Role::kTrainee;
    who.person_id = p.id;
    who.username = "t" + std::to_string(p.id);
    return who;
  }

  void Answer(int64_t q, const people::Person& p, std::array<int, 4> scores,
              const std::string& comment = "") {
    auto st = service_->Submit(TraineePrincipal(p), q, AnswerInput{scores, comment});
    ASSERT_TRUE(st.ok()) << p.name << ": " << st.error().message_en;
  }

  // The column names of `table`, as the database describes it.
  std::set<std::string> Columns(const std::string& table) {
    std::set<std::string> out;
    Status st = app().store().Read([&](store::Tx& tx) -> Status {
      auto rows = tx.dialect() == store::Dialect::kSqlite
                      ? tx.Query("SELECT name FROM pragma_table_info(?)", {store::Text(table)})
                      : tx.Query(
                            "SELECT column_name FROM information_schema.columns "
                            "WHERE table_schema = current_schema() AND table_name = ?",
                            {store::Text(table)});
      if (!rows) return std::move(rows).error();
      for (const auto& r : *rows) out.insert(r.Str(0));
      return Ok();
    });
    EXPECT_TRUE(st.ok()) << st.error().message_en;
    return out;
  }

  int64_t class_id_ = 0;
  std::vector<people::Person> trainees_;
  Session lecturer_session_;
  int64_t lecturer_user_ = 0, wang_ = 0, li_ = 0;
  int64_t lecture_a_ = 0, lecture_b_ = 0, lecture_c_ = 0, discussion_ = 0;
  std::unique_ptr<EvaluationService> service_;
};

TEST_F(EvaluationTest, NoSliceUnderFiveAnswersThenMeansDistributionAndSatisfaction) {
  const int64_t q = Open(lecture_a_);
  // Four answers: the slice shows its count and nothing else.
  Answer(q, trainees_[0], {5, 5, 4, 3}, "讲得好");
  Answer(q, trainees_[1], {4, 4, 4, 4});
  Answer(q, trainees_[2], {3, 5, 5, 2}, "案例多一些");
  Answer(q, trainees_[3], {2, 4, 5, 1});
  json hidden = Body(Get(QPath(q, "/results"), admin_));
  EXPECT_EQ(hidden["result"]["responses"], 4);
  EXPECT_EQ(hidden["result"]["threshold"], 5);
  EXPECT_EQ(hidden["result"]["visible"], false);
  EXPECT_FALSE(hidden["result"].contains("items"));
  EXPECT_FALSE(hidden["result"].contains("comments"));
  json class_view = Body(Get(ClassPath("/results"), admin_));
  EXPECT_EQ(class_view["questionnaires"][0]["result"]["visible"], false);
  EXPECT_EQ(class_view["lecturers"][0]["result"]["visible"], false);

  // The fifth answer comes through the API, as a trainee's phone sends it.
  Session fifth = MakeUser("trainee5", Role::kTrainee, {}, trainees_[4].id);
  auto sent = Post(QPath(q, "/answers"),
                   {{"content", 5},
                    {"relevance", 3},
                    {"delivery", 5},
                    {"materials", 5},
                    {"comment", "很受启发"}},
                   fifth);
  ASSERT_EQ(sent.status, 201) << sent.body;

  json shown = Body(Get(QPath(q, "/results"), admin_));
  ASSERT_EQ(shown["result"]["visible"], true) << shown.dump();
  EXPECT_EQ(shown["result"]["responses"], 5);
  // content: 5 4 3 2 5 → mean 19/5 = 3.8, satisfied 5,4,5 = 0.6.
  const json& content = shown["result"]["items"][0];
  EXPECT_EQ(content["key"], "content");
  EXPECT_DOUBLE_EQ(content["tally"]["mean"].get<double>(), 3.8);
  EXPECT_DOUBLE_EQ(content["tally"]["satisfaction"].get<double>(), 0.6);
  EXPECT_EQ(content["tally"]["distribution"],
            (json{{"1", 0}, {"2", 1}, {"3", 1}, {"4", 1}, {"5", 2}}));
  // materials: 3 4 2 1 5 → 15/5 = 3.0, satisfied 4,5 = 0.4.
  EXPECT_DOUBLE_EQ(shown["result"]["items"][3]["tally"]["mean"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(shown["result"]["items"][3]["tally"]["satisfaction"].get<double>(), 0.4);
  // All 20 scores: 17 + 16 + 15 + 12 + 18 = 78 → 3.9; 4s and 5s: 3 + 4 + 2 + 2 + 3 = 14 of 20.
  EXPECT_DOUBLE_EQ(shown["result"]["overall"]["mean"].get<double>(), 3.9);
  EXPECT_DOUBLE_EQ(shown["result"]["overall"]["satisfaction"].get<double>(), 0.7);
  // Comments by text, never by arrival; empty ones left out.
  std::vector<std::string> comments = shown["result"]["comments"];
  EXPECT_EQ(comments.size(), 3u);
  EXPECT_TRUE(std::is_sorted(comments.begin(), comments.end()));
  EXPECT_EQ(Body(Get(ClassPath("/results"), admin_))["lecturers"][0]["result"]["visible"], true);

  // Configured lower, the threshold stops at 3: two answers stay hidden.
  EvaluationService lenient(app().store(), {1});
  EXPECT_EQ(*lenient.Threshold(), 3);
  EXPECT_EQ(*service_->Threshold(), 5);
  const int64_t qc = Open(lecture_c_);
  Answer(qc, trainees_[0], {5, 5, 5, 5});
  Answer(qc, trainees_[1], {4, 4, 4, 4});
  EXPECT_FALSE(lenient.Results(AdminPrincipal(), qc)->result.visible);
  Answer(qc, trainees_[2], {3, 3, 3, 3});
  EXPECT_TRUE(lenient.Results(AdminPrincipal(), qc)->result.visible);
  EXPECT_FALSE(service_->Results(AdminPrincipal(), qc)->result.visible);

  // The installation-wide setting: 7 hides lecture A's five answers from every
  // route; 1 (or garbage) never goes below 3 or the default.
  auto set = [&](const std::string& value) {
    ASSERT_TRUE(app()
                    .store()
                    .Transact([&](store::Tx& tx) {
                      return settings::SetIn(tx, evaluation::kAnonymityThresholdSetting, value);
                    })
                    .ok());
  };
  set("7");
  EXPECT_EQ(*service_->Threshold(), 7);
  json strict = Body(Get(QPath(q, "/results"), admin_));
  EXPECT_EQ(strict["result"]["visible"], false);
  EXPECT_EQ(strict["result"]["threshold"], 7);
  EXPECT_EQ(Body(Get(ClassPath("/results"), admin_))["lecturers"][0]["result"]["visible"], false);
  set("1");
  EXPECT_EQ(*service_->Threshold(), 3);
  EXPECT_EQ(Body(Get(QPath(qc, "/results"), admin_))["result"]["visible"], true);
  set("-9");
  EXPECT_EQ(*service_->Threshold(), 5);
  set("abc");
  EXPECT_EQ(*service_->Threshold(), 5);
}

TEST_F(EvaluationTest, LecturersSeeTheirOwnLecturesOnlyAfterTheClassEnds) {
  const int64_t qa = Open(lecture_a_);
  const int64_t qb = Open(lecture_b_);
  const int64_t qc = Open(lecture_c_);
  const int64_t whole = Open(std::nullopt);
  for (size_t i = 0; i < 6; ++i) Answer(qa, trainees_[i], {4, 4, 4, 4});
  for (size_t i = 0; i < 3; ++i) Answer(qb, trainees_[i], {1, 1, 1, 1});
  for (size_t i = 0; i < 6; ++i) Answer(qc, trainees_[i], {5, 5, 5, 5});

  auto early = Get(QPath(qa, "/results"), lecturer_session_);
  EXPECT_EQ(early.status, 403);
  EXPECT_EQ(ErrorCode(early), "evaluation.results.not_yet");
  json mine_early =
      Body(Get("/api/v1/lecturers/" + std::to_string(wang_) + "/evaluations", lecturer_session_));
  EXPECT_TRUE(mine_early["lectures"].empty()) << mine_early.dump();

  SetStatus(class_id_, classes::ClassStatus::kRunning);
  SetStatus(class_id_, classes::ClassStatus::kFinished);
  auto after = Get(QPath(qa, "/results"), lecturer_session_);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(Body(after)["result"]["visible"], true);
  // Lecture B has 3 answers: hidden to its own lecturer too.
  EXPECT_EQ(Body(Get(QPath(qb, "/results"), lecturer_session_))["result"]["visible"], false);
  // Another lecturer's lecture and the class questionnaire are not theirs.
  EXPECT_EQ(ErrorCode(Get(QPath(qc, "/results"), lecturer_session_)), "evaluation.forbidden");
  EXPECT_EQ(Get(QPath(whole, "/results"), lecturer_session_).status, 403);
  EXPECT_EQ(
      Get("/api/v1/lecturers/" + std::to_string(li_) + "/evaluations", lecturer_session_).status,
      403);

  // Their lectures across classes: the merged slice takes the visible lecture only
  // (6 answers of mean 4), never B's hidden 3, which subtraction would reveal.
  json mine =
      Body(Get("/api/v1/lecturers/" + std::to_string(wang_) + "/evaluations", lecturer_session_));
  ASSERT_EQ(mine["lectures"].size(), 2u) << mine.dump();
  EXPECT_EQ(mine["result"]["responses"], 6);
  EXPECT_DOUBLE_EQ(mine["result"]["overall"]["mean"].get<double>(), 4.0);
  json per_class = Body(Get(ClassPath("/results"), admin_));
  for (const auto& l : per_class["lecturers"]) {
    if (l["lecturer_id"] == wang_) {
      EXPECT_EQ(l["result"]["responses"], 6);
    }
  }
  // Trainees and logistics never read results.
  Session t = MakeUser("trainee_r", Role::kTrainee, {}, trainees_[0].id);
  EXPECT_EQ(Get(QPath(qa, "/results"), t).status, 403);
  EXPECT_EQ(Get(ClassPath("/results"), t).status, 403);
}

TEST_F(EvaluationTest, BadInputIsRefusedWithItsFieldAndNothingStored) {
  const int64_t q = Open(lecture_a_);
  // Only a lecture, of this class, and once.
  auto discussion = Post(ClassPath(), {{"session_id", discussion_}}, admin_);
  EXPECT_EQ(discussion.status, 422);
  EXPECT_EQ(ErrorCode(discussion), "evaluation.session.kind");
  EXPECT_EQ(Body(discussion)["error"]["field"], "session_id");
  auto again = Post(ClassPath(), {{"session_id", lecture_a_}}, admin_);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrorCode(again), "evaluation.exists");

  Session t = MakeUser("trainee_bad", Role::kTrainee, {}, trainees_[0].id);
  const json good = {{"content", 5}, {"relevance", 4}, {"delivery", 4}, {"materials", 3}};
  // A score outside 1-5 names its item.
  for (const auto& [field, value] : std::vector<std::pair<std::string, int>>{
           {"content", 6}, {"delivery", 0}, {"materials", -3}}) {
    json body = good;
    body[field] = value;
    auto r = Post(QPath(q, "/answers"), body, t);
    EXPECT_EQ(r.status, 422) << field;
    EXPECT_EQ(ErrorCode(r), "evaluation.answer.score");
    EXPECT_EQ(Body(r)["error"]["field"], field);
    EXPECT_FALSE(Body(r)["error"]["message"].get<std::string>().empty());
  }
  json fractional = good;
  fractional["relevance"] = 4.5;
  auto frac = Post(QPath(q, "/answers"), fractional, t);
  EXPECT_EQ(frac.status / 100, 4);
  EXPECT_EQ(Body(frac)["error"]["field"], "relevance");
  json missing = good;
  missing.erase("materials");
  EXPECT_EQ(Body(Post(QPath(q, "/answers"), missing, t))["error"]["field"], "materials");
  EXPECT_EQ(service_->Results(AdminPrincipal(), q)->result.responses, 0);
  EXPECT_EQ(Body(Get(QPath(q, "/pending"), admin_))["count"], 12);

  // Answering twice: the second is refused and nothing changes.
  ASSERT_EQ(Post(QPath(q, "/answers"), good, t).status, 201);
  auto twice = Post(QPath(q, "/answers"), good, t);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ErrorCode(twice), "evaluation.answer.already");
  EXPECT_EQ(Body(twice)["error"]["field"], "questionnaire_id");
  EXPECT_EQ(service_->Results(AdminPrincipal(), q)->result.responses, 1);

  // A trainee of no class of theirs, a closed questionnaire.
  const people::Person outsider = DemoTrainees(13).back();
  auto stranger = service_->Submit(TraineePrincipal(outsider), q, AnswerInput{{5, 5, 5, 5}, ""});
  EXPECT_EQ(stranger.error().code, "evaluation.forbidden");
  ASSERT_EQ(Post(QPath(q, "/close"), json::object(), admin_).status, 200);
  auto closed = service_->Submit(TraineePrincipal(trainees_[1]), q, AnswerInput{{5, 5, 5, 5}, ""});
  EXPECT_EQ(closed.error().code, "evaluation.closed");
}

TEST_F(EvaluationTest, ReminderListsNamesOnlyAndTraineesSeeWhetherTheyAnswered) {
  const int64_t q = Open(std::nullopt);
  Answer(q, trainees_[0], {5, 5, 5, 5}, "秘密的意见");
  Answer(q, trainees_[1], {1, 1, 1, 1});
  auto r = Get(QPath(q, "/pending"), admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  json p = Body(r);
  EXPECT_EQ(p["count"], 10);
  EXPECT_EQ(p["responses"], 2);
  EXPECT_EQ(p["expected"], 12);
  std::vector<std::string> names = p["names"];
  std::vector<std::string> keys;
  for (const auto& n : names) keys.push_back(core::StrokeSortKey(n));
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::count(names.begin(), names.end(), trainees_[0].name), 0);
  EXPECT_EQ(r.body.find("秘密"), std::string::npos);  // never what anyone answered
  EXPECT_EQ(r.body.find("person_id"), std::string::npos);

  Session t = MakeUser("trainee_list", Role::kTrainee, {}, trainees_[0].id);
  json list = Body(Get(ClassPath(), t));
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0]["kind"], "class");
  EXPECT_EQ(list[0]["answered"], true);
  Session other = MakeUser("trainee_list2", Role::kTrainee, {}, trainees_[5].id);
  EXPECT_EQ(Body(Get(ClassPath(), other))[0]["answered"], false);
  EXPECT_EQ(Get(QPath(q, "/pending"), other).status, 403);
}

// GET /evaluations/{id}: the phone page opened by a link learns the questionnaire
// and whether this trainee answered it; nobody else of the class's outsiders does.
TEST_F(EvaluationTest, OneQuestionnaireTellsATraineeWhetherTheyAnswered) {
  const int64_t q = Open(lecture_a_);
  Session t = MakeUser("trainee_one", Role::kTrainee, {}, trainees_[2].id);
  auto before = Get(QPath(q, ""), t);
  ASSERT_EQ(before.status, 200) << before.body;
  json b = Body(before);
  EXPECT_EQ(b["id"], q);
  EXPECT_EQ(b["kind"], "lecture");
  EXPECT_EQ(b["lecturer_name"], "王明");
  EXPECT_EQ(b["open"], true);
  EXPECT_EQ(b["answered"], false);
  EXPECT_EQ(b["responses"], 0);

  Answer(q, trainees_[2], {4, 4, 5, 5});
  json after = Body(Get(QPath(q, ""), t));
  EXPECT_EQ(after["answered"], true);
  EXPECT_EQ(after["responses"], 1);
  // Another trainee of the class has not answered; the managers see no "answered".
  Session other = MakeUser("trainee_one2", Role::kTrainee, {}, trainees_[3].id);
  EXPECT_EQ(Body(Get(QPath(q, ""), other))["answered"], false);
  json staff = Body(Get(QPath(q, ""), admin_));
  EXPECT_FALSE(staff.contains("answered"));
  EXPECT_EQ(staff["expected"], 12);

  // A trainee not in the class, the lecturer, an unknown id.
  auto outsiders = DemoTrainees(14);
  Session stranger = MakeUser("trainee_out", Role::kTrainee, {}, outsiders.back().id);
  EXPECT_EQ(Get(QPath(q, ""), stranger).status, 403);
  EXPECT_EQ(Get(QPath(q, ""), lecturer_session_).status, 403);
  auto missing = Get(QPath(987654, ""), admin_);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Body(missing)["error"]["code"], "evaluation.not_found");
}

// The anonymity proof of issue 12 #4, on whichever database the run uses.
TEST_F(EvaluationTest, NoColumnOrJoinLinksAnAnswerToAPerson) {
  // 1. The schema: answers carry no person and no time; the mark carries no
  //    answer and no time; the only shared column is the questionnaire.
  const std::set<std::string> answers = Columns("evaluation_answers");
  const std::set<std::string> marks = Columns("evaluation_responders");
  EXPECT_EQ(answers, (std::set<std::string>{"id", "questionnaire_id", "content", "relevance",
                                            "delivery", "materials", "comment"}));
  EXPECT_EQ(marks, (std::set<std::string>{"questionnaire_id", "person_id"}));
  std::vector<std::string> shared;
  std::set_intersection(answers.begin(), answers.end(), marks.begin(), marks.end(),
                        std::back_inserter(shared));
  EXPECT_EQ(shared, std::vector<std::string>{"questionnaire_id"});

  // 2. Twelve answers in sequence, identical but for a label that records the
  //    order of arrival (the test's own knowledge, which nothing else may recover).
  const int64_t q = Open(lecture_a_);
  std::vector<std::string> arrival;
  for (size_t i = 0; i < trainees_.size(); ++i) {
    const std::string label = (i < 10 ? "c0" : "c") + std::to_string(i);
    arrival.push_back(label);
    Answer(q, trainees_[i], {4, 4, 4, 4}, label);
  }

  const bool sqlite = app().store().dialect() == store::Dialect::kSqlite;
  std::vector<std::string> physical, by_id, ids;
  std::vector<std::string> xmins, ctids;
  int64_t join_rows = 0;
  Status st = app().store().Read([&](store::Tx& tx) -> Status {
    // Storage order (no ORDER BY) and key order.
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query(sqlite ? "SELECT comment, id FROM evaluation_answers"
                                            : "SELECT comment, id, xmin::text, ctid::text "
                                              "FROM evaluation_answers"));
    for (const auto& r : rows) {
      physical.push_back(r.Str(0));
      ids.push_back(r.Str(1));
      if (!sqlite) {
        xmins.push_back(r.Str(2));
        ctids.push_back(r.Str(3));
      }
    }
    PEIXUN_ASSIGN_OR_RETURN(store::Rows sorted,
                            tx.Query("SELECT comment FROM evaluation_answers ORDER BY id"));
    for (const auto& r : sorted) by_id.push_back(r.Str(0));
    // The only join there is: every answer with every responder.
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows joined,
        tx.Query("SELECT COUNT(*) FROM evaluation_answers a JOIN evaluation_responders r "
                 "ON a.questionnaire_id = r.questionnaire_id"));
    join_rows = joined[0].Int(0);
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().message_en;
  ASSERT_EQ(physical.size(), 12u);
  EXPECT_NE(physical, arrival) << "storage order reveals arrival";
  EXPECT_NE(by_id, arrival) << "key order reveals arrival";
  EXPECT_EQ(join_rows, 144);  // 12 × 12: the join pairs each answer with everyone
  // Keys: 128 random bits (22 base64url characters), all distinct.
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 12u);
  for (const auto& id : ids) EXPECT_EQ(id.size(), 22u) << id;

  Status hidden_columns = app().store().Read([&](store::Tx& tx) -> Status {
    if (sqlite) {
      // WITHOUT ROWID: there is no insertion-ordered rowid to read.
      EXPECT_FALSE(tx.Query("SELECT rowid FROM evaluation_answers").ok());
      EXPECT_FALSE(tx.Query("SELECT rowid FROM evaluation_responders").ok());
    }
    return Ok();
  });
  EXPECT_TRUE(hidden_columns.ok());
  if (!sqlite) {
    // Every live answer row was written by the last submission's transaction, and
    // the heap holds them in key order, not in arrival order.
    EXPECT_EQ(std::set<std::string>(xmins.begin(), xmins.end()).size(), 1u);
    std::vector<std::pair<std::pair<long, long>, std::string>> heap;
    for (size_t i = 0; i < ctids.size(); ++i) {
      long page = 0, item = 0;
      std::sscanf(ctids[i].c_str(), "(%ld,%ld)", &page, &item);
      heap.push_back({{page, item}, physical[i]});
    }
    std::sort(heap.begin(), heap.end());
    std::vector<std::string> heap_order;
    for (const auto& h : heap) heap_order.push_back(h.second);
    EXPECT_NE(heap_order, arrival) << "ctid order reveals arrival";
    EXPECT_EQ(heap_order, by_id);
  }

  // 3. Answering leaves no trace in the audit log (it names actor and time).
  auto audited = store::ReadValue<int64_t>(app().store(), [](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'evaluation.%' "
                 "AND action <> 'evaluation.open' AND action <> 'evaluation.close'"));
    return rows[0].Int(0);
  });
  ASSERT_TRUE(audited.ok());
  EXPECT_EQ(*audited, 0);
}

}  // namespace
}  // namespace peixun::test
