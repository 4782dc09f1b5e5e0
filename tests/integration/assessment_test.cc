// The question bank, exams and attempts (modules/assessment) on SQLite and
// PostgreSQL: bad questions refused, exams only on exam sessions, the server's
// clock deciding the deadline (the test moves it), resume on a second device,
// idempotent saves, manual grading and release, and 200 trainees saving 40
// answers each at once with no answer lost.
#include <atomic>
#include <set>
#include <thread>

#include "app/assessment_source.h"
#include "classes_fixture.h"
#include "io/table_transfer.h"
#include "modules/assessment/assessment_routes.h"
#include "modules/assessment/attempt_service.h"
#include "modules/assessment/exam_monitor.h"
#include "modules/assessment/exam_outcomes.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/completion/completion_service.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

using assessment::QuestionInput;

class AssessmentTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    auto clock = [this] { return now_.load(); };
    bank_ = std::make_unique<assessment::QuestionBankService>(db(), clock);
    exams_ = std::make_unique<assessment::ExamService>(db(), clock);
    attempts_ = std::make_unique<assessment::AttemptService>(db(), clock);
    routes_ = std::make_unique<assessment::AssessmentServices>(db(), clock);
    assessment::RegisterAssessmentRoutes(router_, *routes_);
    klass_ = MakeClass();
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    auto s = AddSession(klass_.id, "exam", "结业考试", "2020-06-05T09:00", "2020-06-05T10:30");
    ASSERT_TRUE(s.ok()) << s.error().message;
    exam_session_ = s->session;
    auto lecture =
        AddSession(klass_.id, "lecture", kSeedLecture, "2020-06-02T08:30", "2020-06-02T10:30");
    ASSERT_TRUE(lecture.ok()) << lecture.error().message;
    lecture_session_ = lecture->session;
    auto admin = MakeUser("exam_admin", Role::kAdmin);
    admin_.user_id = admin.user.id;
    admin_.username = "exam_admin";
    admin_.role = Role::kAdmin;
    auto b = bank_->CreateBank(admin_, "社区书记培训题库", "中共×区委组织部");
    ASSERT_TRUE(b.ok()) << b.error().message;
    bank_id_ = b->id;
    now_ = exam_session_.start_ms + kMinute;
  }
  void TearDown() override {
    routes_.reset();
    attempts_.reset();
    exams_.reset();
    bank_.reset();
    ClassesTest::TearDown();
  }

  // `n` people approved in the class, inserted in one transaction.
  std::vector<int64_t> AddTrainees(int n) {
    std::vector<std::string> names;
    for (int i = 0; i < n; ++i) names.push_back("学员" + std::to_string(next_person_++));
    std::vector<int64_t> ids;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(ids, AddPeopleIn(tx, key_, unit_, names));
      return AddApprovedEnrollmentsIn(tx, klass_.id, unit_, ids);
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return ids;
  }

  static Principal Trainee(int64_t person_id) {
    Principal p;
    p.username = "trainee" + std::to_string(person_id);
    p.role = Role::kTrainee;
    p.person_id = person_id;
    return p;
  }
  static Principal Staff(Role role, int64_t user_id = 0) {
    Principal p;
    p.user_id = user_id;
    p.username = "staff";
    p.role = role;
    return p;
  }

  static QuestionInput Single(const std::string& stem, int correct, const std::string& tag = "") {
    QuestionInput in;
    in.kind = "single";
    in.stem = stem;
    in.options = {"甲", "乙", "丙", "丁"};
    in.correct = {correct};
    in.points = 2;
    if (!tag.empty()) in.tags = {tag};
    return in;
  }

  int64_t AddQuestion(const QuestionInput& in) {
    auto q = bank_->Create(admin_, bank_id_, in);
    EXPECT_TRUE(q.ok()) << (q.ok() ? "" : q.error().code);
    return q.ok() ? q->id : 0;
  }

  // A paper of: single (2 pts, key 1), multiple partial (4 pts, key 0,2), true/false
  // (1 pt, key 对), fill-in (2 pts, "三会一课"), short answer (5 pts).
  std::vector<int64_t> FiveKinds() {
    std::vector<int64_t> ids;
    ids.push_back(AddQuestion(Single("“三会一课”中的“一课”指什么？", 1)));
    QuestionInput m;
    m.kind = "多选题";
    m.stem = "下列属于“两新”组织的是";
    m.options = {"非公有制企业", "机关", "社会组织", "事业单位"};
    m.correct = {0, 2};
    m.credit = "partial";
    m.points = 4;
    ids.push_back(AddQuestion(m));
    QuestionInput tf;
    tf.kind = "判断题";
    tf.stem = "党支部每月相对固定一天开展主题党日。";
    tf.correct = {core::kTrueOption};
    ids.push_back(AddQuestion(tf));
    QuestionInput f;
    f.kind = "fill_in";
    f.stem = "党的组织生活基本制度是____。";
    f.accepted = {"三会一课"};
    f.points = 2;
    ids.push_back(AddQuestion(f));
    QuestionInput s;
    s.kind = "简答题";
    s.stem = "简述社区党组织书记如何做好群众工作。";
    s.rubric = "联系群众、服务群众、依靠群众";
    s.points = 5;
    ids.push_back(AddQuestion(s));
    return ids;
  }

  int64_t MakeExam(const std::vector<int64_t>& ids, int max_attempts = 1, int limit = 60) {
    assessment::ExamInput in;
    in.session_id = exam_session_.id;
    in.bank_id = bank_id_;
    in.question_ids = ids;
    in.max_attempts = max_attempts;
    in.time_limit_minutes = limit;
    auto e = exams_->Create(admin_, in);
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().code + " " + e.error().message);
    return e.ok() ? e->id : 0;
  }

  static std::string Code(const Status& s) { return s ? "" : s.error().code; }
  template <typename T>
  static std::string Code(const Result<T>& r) {
    return r ? "" : r.error().code;
  }

  static core::Response Chose(std::vector<int> o) { return core::Response{std::move(o), {}}; }
  static core::Response Typed(std::string t) { return core::Response{{}, std::move(t)}; }

  std::atomic<int64_t> now_{0};
  std::unique_ptr<assessment::QuestionBankService> bank_;
  std::unique_ptr<assessment::ExamService> exams_;
  std::unique_ptr<assessment::AttemptService> attempts_;
  std::unique_ptr<assessment::AssessmentServices> routes_;
  classes::TrainingClass klass_;
  timetable::ClassSession exam_session_;
  timetable::ClassSession lecture_session_;
  int64_t unit_ = 0;
  int64_t bank_id_ = 0;
  int next_person_ = 1;
  Principal admin_;
};

TEST_F(AssessmentTest, BankRefusesBadQuestionsAndFindsDuplicates) {
  QuestionInput none = Single("没有正确选项的题", 0);
  none.kind = "multiple";
  none.correct = {};
  auto r = bank_->Create(admin_, bank_id_, none);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "assessment.question.no_correct");
  EXPECT_EQ(r.error().field, "correct");
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);

  const int64_t first = AddQuestion(Single("基层党组织的基本任务", 0, "党建基础"));
  // The same stem with full-width letters and extra spaces is a duplicate.
  auto dup = bank_->Create(admin_, bank_id_, Single("基层党组织的 基本任务　", 2));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "assessment.question.duplicate");
  EXPECT_NE(dup.error().message.find(std::to_string(first)), std::string::npos);

  // Nothing half-stored: the bank holds the one good question.
  auto listed = bank_->List(admin_, bank_id_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().tags, std::vector<std::string>{"党建基础"});

  // Organizer and admin manage, a head teacher reads, others are refused.
  EXPECT_TRUE(bank_->Create(Staff(Role::kOrganizer), bank_id_, Single("组织部的题", 3)).ok());
  EXPECT_EQ(Code(bank_->Create(Staff(Role::kHeadTeacher), bank_id_, Single("班主任的题", 3))),
            "assessment.forbidden");
  EXPECT_TRUE(bank_->List(Staff(Role::kHeadTeacher), bank_id_).ok());
  EXPECT_EQ(Code(bank_->List(Staff(Role::kLecturer), bank_id_)), "assessment.forbidden");
  EXPECT_EQ(Code(bank_->Get(Trainee(1), first)), "assessment.forbidden");

  auto archived = bank_->Archive(admin_, first);
  ASSERT_TRUE(archived.ok());
  EXPECT_EQ(bank_->List(admin_, bank_id_, std::string("党建基础"))->size(), 0u);
}

TEST_F(AssessmentTest, ExamOnlyOnAnExamSessionAndRandomDrawByTag) {
  for (int i = 0; i < 6; ++i)
    AddQuestion(Single("沟通艺术第" + std::to_string(i) + "题", 0, "沟通艺术"));
  AddQuestion(Single("其他题", 0, "其他"));

  assessment::ExamInput in;
  in.session_id = lecture_session_.id;
  in.bank_id = bank_id_;
  in.draws = {{"沟通艺术", 4}};
  EXPECT_EQ(Code(exams_->Create(admin_, in)), "assessment.exam.session_kind");

  in.session_id = exam_session_.id;
  in.draws = {{"沟通艺术", 7}};
  auto short_draw = exams_->Create(admin_, in);
  EXPECT_EQ(Code(short_draw), "assessment.exam.draw_short");

  in.draws = {{"沟通艺术", 4}};
  in.points_each = 5;
  EXPECT_EQ(Code(exams_->Create(Staff(Role::kLecturer), in)), "auth.forbidden");
  auto exam = exams_->Create(admin_, in);
  ASSERT_TRUE(exam.ok()) << exam.error().message;
  ASSERT_EQ(exam->paper.size(), 4u);
  std::set<int64_t> distinct;
  for (const auto& q : exam->paper) {
    EXPECT_EQ(q.question.tags, std::vector<std::string>{"沟通艺术"});
    EXPECT_EQ(q.points_centi, 500);
    distinct.insert(q.question.id);
  }
  EXPECT_EQ(distinct.size(), 4u);
  EXPECT_EQ(exam->TotalCenti(), 2000);
  EXPECT_EQ(exam->pass_mark, 60);  // the class rules' default
  EXPECT_EQ(Code(exams_->Create(admin_, in)), "assessment.exam.exists");
}

TEST_F(AssessmentTest, TakeGradeReleaseWithResumeAndEveryRefusal) {
  const std::vector<int64_t> q = FiveKinds();
  const int64_t exam_id = MakeExam(q);
  const std::vector<int64_t> people = AddTrainees(2);
  const Principal alice = Trainee(people[0]);
  const Principal bob = Trainee(people[1]);

  auto started = attempts_->Start(alice, exam_id);
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_EQ(started->deadline_ms, now_ + 60 * kMinute);
  ASSERT_EQ(started->questions.size(), 5u);
  const int64_t attempt = started->attempt_id;

  ASSERT_TRUE(attempts_->SaveAnswer(alice, attempt, q[0], Chose({1}), "k1").ok());
  ASSERT_TRUE(attempts_->SaveAnswer(alice, attempt, q[1], Chose({2}), "k2").ok());  // half
  ASSERT_TRUE(attempts_->SaveAnswer(alice, attempt, q[2], Chose({1}), "k3").ok());
  ASSERT_TRUE(attempts_->SaveAnswer(alice, attempt, q[3], Typed("三会 一课"), "k4").ok());
  ASSERT_TRUE(attempts_->SaveAnswer(alice, attempt, q[4], Typed("密切联系群众"), "k5").ok());
  // A retried key is applied once: the later answer under it does not overwrite.
  auto replay = attempts_->SaveAnswer(alice, attempt, q[0], Chose({3}), "k1");
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->replayed);

  // Bad input.
  const int64_t stranger = AddQuestion(Single("不在试卷上的题", 0));
  EXPECT_EQ(Code(attempts_->SaveAnswer(alice, attempt, stranger, Chose({0}), "k6")),
            "assessment.answer.not_in_attempt");
  EXPECT_EQ(Code(attempts_->SaveAnswer(alice, attempt, q[0], Chose({9}), "k7")),
            "assessment.answer.option_range");
  EXPECT_EQ(Code(attempts_->SaveAnswer(alice, attempt, q[0], Chose({0}), "")),
            "assessment.answer.key");
  // Another trainee can neither read nor write Alice's attempt; a lecturer neither.
  EXPECT_EQ(Code(attempts_->View(bob, attempt)), "assessment.forbidden");
  EXPECT_EQ(Code(attempts_->SaveAnswer(bob, attempt, q[0], Chose({0}), "b1")),
            "assessment.forbidden");
  // Roles the routes refuse get the routes' answer from the services too.
  EXPECT_EQ(Code(attempts_->View(Staff(Role::kLecturer), attempt)), "auth.forbidden");
  EXPECT_EQ(Code(exams_->AnswersToGrade(Staff(Role::kLecturer), exam_id, q[4])), "auth.forbidden");

  // Resume on a second device ten minutes later: same order, answers back, less time.
  now_ += 10 * kMinute;
  auto again = attempts_->Start(alice, exam_id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->attempt_id, attempt);
  EXPECT_EQ(again->remaining_ms, 50 * kMinute);
  // The phone counts down from the server's clock it is given, not its own.
  EXPECT_EQ(again->now_ms, now_);
  EXPECT_EQ(again->deadline_ms - again->now_ms, again->remaining_ms);
  ASSERT_EQ(again->questions.size(), started->questions.size());
  for (size_t i = 0; i < again->questions.size(); ++i) {
    EXPECT_EQ(again->questions[i].question_id, started->questions[i].question_id);
    ASSERT_EQ(again->questions[i].options.size(), started->questions[i].options.size());
    for (size_t o = 0; o < again->questions[i].options.size(); ++o) {
      EXPECT_EQ(again->questions[i].options[o].id, started->questions[i].options[o].id);
    }
    ASSERT_TRUE(again->questions[i].response.has_value()) << i;
  }
  for (const auto& shown : again->questions) {
    if (shown.question_id == q[0]) EXPECT_EQ(shown.response->selected, std::vector<int>{1});
  }

  auto submitted = attempts_->Submit(alice, attempt);
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(submitted->submitted_by, "trainee");
  EXPECT_EQ(Code(attempts_->SaveAnswer(alice, attempt, q[0], Chose({0}), "k8")),
            "assessment.attempt.submitted");
  // One attempt allowed: a second is refused.
  EXPECT_EQ(Code(attempts_->Start(alice, exam_id)), "assessment.attempt.limit");

  // Before release: no score, no key.
  auto hidden = attempts_->MyResult(alice, exam_id);
  ASSERT_TRUE(hidden.ok());
  EXPECT_FALSE(hidden->released);
  EXPECT_FALSE(hidden->score_centi.has_value());
  EXPECT_TRUE(hidden->key.empty());
  EXPECT_FALSE(hidden->attempts.at(0).score_centi.has_value());

  // Grading the short answer: pending until graded. 2 + 2 + 1 + 2 = 7 so far.
  auto results = exams_->Results(admin_, exam_id);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->people.size(), 1u);
  EXPECT_TRUE(results->people[0].pending);
  auto to_grade = exams_->AnswersToGrade(admin_, exam_id, q[4]);
  ASSERT_TRUE(to_grade.ok());
  ASSERT_EQ(to_grade->size(), 1u);
  EXPECT_EQ(to_grade->at(0).text, "密切联系群众");
  EXPECT_EQ(Code(exams_->Grade(admin_, attempt, q[4], 600, "")), "assessment.grade.range");
  ASSERT_TRUE(exams_->Grade(admin_, attempt, q[4], 400, "要点基本齐全").ok());
  results = exams_->Results(admin_, exam_id);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->people[0].score_centi, 1100);
  EXPECT_EQ(results->total_centi, 1400);
  EXPECT_EQ(results->people[0].passed, true);  // 11/14 = 78.6% ≥ 60%

  // A lecturer and a trainee cannot release; the admin (as a head teacher would) can.
  EXPECT_FALSE(exams_->Release(Staff(Role::kLecturer), exam_id).ok());
  ASSERT_TRUE(exams_->Release(admin_, exam_id).ok());
  auto shown = attempts_->MyResult(alice, exam_id);
  ASSERT_TRUE(shown.ok());
  EXPECT_TRUE(shown->released);
  EXPECT_EQ(shown->score_centi, 1100);
  EXPECT_EQ(shown->passed, true);
  ASSERT_EQ(shown->key.size(), 5u);
  EXPECT_EQ(shown->key[1].correct, (std::vector<int>{0, 2}));
  EXPECT_EQ(shown->key[1].score_centi, 200);
  EXPECT_EQ(shown->key[4].comment, "要点基本齐全");
  // Bob took nothing: his result has no score; he reads nothing of Alice's.
  auto bobs = attempts_->MyResult(bob, exam_id);
  ASSERT_TRUE(bobs.ok());
  EXPECT_TRUE(bobs->attempts.empty());
  EXPECT_FALSE(bobs->score_centi.has_value());
}

TEST_F(AssessmentTest, TheServerClockDecidesTheDeadline) {
  const std::vector<int64_t> q = FiveKinds();
  const int64_t exam_id = MakeExam(q, 1, 30);
  const std::vector<int64_t> people = AddTrainees(3);

  auto a = attempts_->Start(Trainee(people[0]), exam_id);
  ASSERT_TRUE(a.ok());
  const int64_t deadline = a->deadline_ms;
  EXPECT_EQ(deadline, now_ + 30 * kMinute);
  now_ = deadline;  // exactly at the deadline still counts
  ASSERT_TRUE(attempts_->SaveAnswer(Trainee(people[0]), a->attempt_id, q[0], Chose({1}), "a").ok());
  now_ = deadline + 1;
  auto late = attempts_->SaveAnswer(Trainee(people[0]), a->attempt_id, q[2], Chose({1}), "b");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "assessment.answer.after_deadline");
  EXPECT_NE(late.error().message.find("服务器时间"), std::string::npos);
  EXPECT_EQ(late.error().kind, ErrorKind::kConflict);
  // The server submitted it as it stood: the answer before the deadline counts.
  auto view = attempts_->View(Trainee(people[0]), a->attempt_id);
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE(view->submitted);
  EXPECT_EQ(view->submitted_by, "server");
  EXPECT_EQ(view->remaining_ms, 0);
  int answered = 0;
  for (const auto& s : view->questions) answered += s.response ? 1 : 0;
  EXPECT_EQ(answered, 1);

  // Starting 10 minutes before the session ends: the deadline is the session's end.
  now_ = exam_session_.end_ms - 10 * kMinute;
  auto capped = attempts_->Start(Trainee(people[1]), exam_id);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->deadline_ms, exam_session_.end_ms);
  // Extra time passes the session's end.
  ASSERT_TRUE(exams_->SetExtraTime(admin_, exam_id, people[2], 20).ok());
  auto extra = attempts_->Start(Trainee(people[2]), exam_id);
  ASSERT_TRUE(extra.ok());
  EXPECT_EQ(extra->deadline_ms, exam_session_.end_ms + 20 * kMinute);
  now_ = exam_session_.end_ms + 5 * kMinute;
  EXPECT_TRUE(
      attempts_->SaveAnswer(Trainee(people[2]), extra->attempt_id, q[0], Chose({1}), "x").ok());
  EXPECT_EQ(
      Code(attempts_->SaveAnswer(Trainee(people[1]), capped->attempt_id, q[0], Chose({1}), "y")),
      "assessment.answer.after_deadline");
  // The timer's sweep submits what is left once its deadline passes.
  now_ = exam_session_.end_ms + 21 * kMinute;
  auto swept = exams_->SubmitExpired();
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 1);
  // After the session no new attempt starts.
  const std::vector<int64_t> latecomer = AddTrainees(1);
  EXPECT_EQ(Code(attempts_->Start(Trainee(latecomer[0]), exam_id)), "assessment.exam.closed");
}

TEST_F(AssessmentTest, TheMonitorShowsWhoStartedWhoSubmittedAndTimeLeft) {
  const std::vector<int64_t> q = FiveKinds();
  const int64_t exam_id = MakeExam(q, 1, 30);
  const std::vector<int64_t> people = AddTrainees(3);
  auto a = attempts_->Start(Trainee(people[0]), exam_id);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(
      attempts_->SaveAnswer(Trainee(people[0]), a->attempt_id, q[0], Chose({1}), "m1").ok());
  ASSERT_TRUE(
      attempts_->SaveAnswer(Trainee(people[0]), a->attempt_id, q[2], Chose({1}), "m2").ok());
  now_ += 5 * kMinute;
  auto b = attempts_->Start(Trainee(people[1]), exam_id);
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(attempts_->Submit(Trainee(people[1]), b->attempt_id).ok());
  now_ += 10 * kMinute;

  auto m = assessment::MonitorExam(db(), admin_, exam_id, now_);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->question_count, 5);
  EXPECT_EQ(m->not_started, 1);
  EXPECT_EQ(m->in_progress, 1);
  EXPECT_EQ(m->submitted, 1);
  ASSERT_EQ(m->people.size(), 3u);
  std::map<int64_t, assessment::MonitorRow> by_person;
  for (const auto& r : m->people) by_person[r.person_id] = r;
  const auto& first = by_person[people[0]];
  EXPECT_EQ(first.status, assessment::MonitorStatus::kInProgress);
  EXPECT_EQ(first.answered, 2);
  EXPECT_EQ(first.remaining_ms, 15 * kMinute);  // 30 minutes, 15 gone by the server clock
  EXPECT_EQ(first.name.rfind("学员", 0), 0u);
  EXPECT_EQ(by_person[people[1]].status, assessment::MonitorStatus::kSubmitted);
  EXPECT_EQ(by_person[people[1]].submitted_by, "trainee");
  EXPECT_EQ(by_person[people[2]].status, assessment::MonitorStatus::kNotStarted);
  EXPECT_FALSE(by_person[people[2]].attempt_id.has_value());

  // Past the deadline the open attempt shows as submitted by the server.
  now_ += 20 * kMinute;
  auto later = assessment::MonitorExam(db(), admin_, exam_id, now_);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->submitted, 2);
  EXPECT_EQ(later->in_progress, 0);
  // A lecturer and a trainee may not watch.
  EXPECT_EQ(Code(assessment::MonitorExam(db(), Staff(Role::kLecturer), exam_id, now_)),
            "classes.forbidden");
  EXPECT_EQ(Code(assessment::MonitorExam(db(), Trainee(people[0]), exam_id, now_)),
            "classes.forbidden");

  // Over HTTP: the documented shape.
  auto admin_user = MakeUser("exam_monitor_admin", Role::kAdmin);
  auto r = Get("/api/v1/exams/" + std::to_string(exam_id) + "/monitor", As(admin_user));
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = Body(r);
  EXPECT_EQ(body["submitted"], 2);
  EXPECT_EQ(body["not_started"], 1);
  ASSERT_EQ(body["people"].size(), 3u);
  EXPECT_TRUE(body["people"][0].contains("remaining_ms"));
  EXPECT_EQ(Get("/api/v1/exams/999999/monitor", As(admin_user)).status, 404);
}

TEST_F(AssessmentTest, TwoHundredTraineesSaveFortyAnswersEachAtOnce) {
  std::vector<int64_t> q;
  for (int i = 0; i < 40; ++i)
    q.push_back(AddQuestion(Single("并发第" + std::to_string(i) + "题", i % 4)));
  const int64_t exam_id = MakeExam(q);
  const std::vector<int64_t> people = AddTrainees(200);
  std::vector<int64_t> attempt_ids(people.size());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (size_t t = 0; t < people.size(); ++t) {
    threads.emplace_back([&, t] {
      const Principal me = Trainee(people[t]);
      auto a = attempts_->Start(me, exam_id);
      if (!a.ok()) {
        ++failures;
        return;
      }
      attempt_ids[t] = a->attempt_id;
      for (int i = 0; i < 40; ++i) {
        // Trainee t answers question i correctly when (t + i) % 3 != 0.
        const int choice = (static_cast<int>(t) + i) % 3 != 0 ? i % 4 : (i + 1) % 4;
        auto s = attempts_->SaveAnswer(me, a->attempt_id, q[i], Chose({choice}),
                                       "t" + std::to_string(t) + "q" + std::to_string(i));
        if (!s.ok()) ++failures;
      }
      if (!attempts_->Submit(me, a->attempt_id).ok()) ++failures;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  auto count = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows r, tx.Query("SELECT COUNT(*) FROM exam_answers"));
    return r[0].Int(0);
  });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 200 * 40);

  auto results = exams_->Results(admin_, exam_id);
  ASSERT_TRUE(results.ok()) << results.error().message;
  ASSERT_EQ(results->people.size(), 200u);
  std::map<int64_t, size_t> index;
  for (size_t t = 0; t < people.size(); ++t) index[people[t]] = t;
  for (const auto& p : results->people) {
    const int t = static_cast<int>(index[p.person_id]);
    int right = 0;
    for (int i = 0; i < 40; ++i) right += (t + i) % 3 != 0 ? 1 : 0;
    EXPECT_EQ(p.score_centi, right * 200) << "trainee " << t;
  }
  // Item statistics over 200 attempts: question i is right for the trainees
  // with (t + i) % 3 != 0, i.e. 133 or 134 of 200.
  ASSERT_EQ(results->questions.size(), 40u);
  for (const auto& s : results->questions) {
    ASSERT_TRUE(s.item.facility.has_value());
    EXPECT_GT(*s.item.facility, 0.66);
    EXPECT_LT(*s.item.facility, 0.68);
    EXPECT_EQ(s.options.counts.size(), 4u);
  }
}

TEST_F(AssessmentTest, OverHttpEveryBadInputGetsItsStatusCodeAndField) {
  auto admin_user = MakeUser("exam_http_admin", Role::kAdmin);
  auto lecturer = MakeUser("exam_http_lecturer", Role::kLecturer);
  const auto admin = As(admin_user);
  const std::string bank = "/api/v1/question-banks/" + std::to_string(bank_id_);

  // A question with no correct option: 422, the field named, nothing stored.
  auto bad = Post(bank + "/questions", admin,
                  {{"kind", "multiple"},
                   {"stem", "无正确选项"},
                   {"options", {"甲", "乙"}},
                   {"correct", json::array()}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(ErrorCode(bad), "assessment.question.no_correct");
  EXPECT_EQ(Body(bad)["error"]["field"], "correct");
  auto good = Post(bank + "/questions", admin,
                   {{"kind", "single"},
                    {"stem", "“一课”指"},
                    {"options", {"党课", "团课"}},
                    {"correct", {0}},
                    {"points", 10},
                    {"tags", {"党建"}}});
  ASSERT_EQ(good.status, 201) << good.body;
  const int64_t q = Body(good)["id"];
  auto listed = Get(bank + "/questions?tag=%E5%85%9A%E5%BB%BA", admin);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Body(listed)["items"].size(), 1u);

  auto exam = Post("/api/v1/exams", admin,
                   {{"session_id", exam_session_.id},
                    {"bank_id", bank_id_},
                    {"question_ids", {q}},
                    {"time_limit_minutes", 30}});
  ASSERT_EQ(exam.status, 201) << exam.body;
  const std::string e = "/api/v1/exams/" + std::to_string(Body(exam)["id"].get<int64_t>());

  const std::vector<int64_t> people = AddTrainees(2);
  const auto x = As(MakeUser("exam_http_x", Role::kTrainee, {}, people[0]));
  const auto y = As(MakeUser("exam_http_y", Role::kTrainee, {}, people[1]));
  auto mine = Get("/api/v1/classes/" + std::to_string(klass_.id) + "/my-exams", x);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Body(mine)["items"][0]["question_count"], 1);
  EXPECT_FALSE(Body(mine)["items"][0].contains("paper"));

  auto started = Post(e + "/attempts", x, json::object());
  ASSERT_EQ(started.status, 200) << started.body;
  const std::string a = "/api/v1/attempts/" + std::to_string(Body(started)["id"].get<int64_t>());
  EXPECT_FALSE(Body(started)["questions"][0].contains("correct"));

  auto save = [&](const json& body, const std::vector<std::pair<std::string, std::string>>& who) {
    return Send(api::Method::kPut, a + "/answers", who, body.dump());
  };
  auto ok = save({{"question_id", q}, {"selected", {0}}, {"idempotency_key", "x-1"}}, x);
  EXPECT_EQ(ok.status, 200) << ok.body;
  auto stranger =
      save({{"question_id", q + 999}, {"selected", {0}}, {"idempotency_key", "x-2"}}, x);
  EXPECT_EQ(stranger.status, 422);
  EXPECT_EQ(ErrorCode(stranger), "assessment.answer.not_in_attempt");
  EXPECT_EQ(Body(stranger)["error"]["field"], "question_id");
  EXPECT_EQ(save({{"question_id", q}, {"selected", {0}}}, x).status, 422);  // no key
  auto batch = Post(a + "/answers/batch", x,
                    {{"answers",
                      {{{"question_id", q}, {"selected", {0}}, {"idempotency_key", "x-b1"}},
                       {{"question_id", q}, {"selected", {0}}, {"idempotency_key", "x-1"}}}}});
  ASSERT_EQ(batch.status, 200) << batch.body;
  EXPECT_EQ(Body(batch)["items"][1]["replayed"], true);
  auto not_array = Post(a + "/answers/batch", x, {{"answers", 3}});
  EXPECT_EQ(not_array.status, 400);
  EXPECT_EQ(ErrorCode(not_array), "request.type");
  // Another trainee: 403 on read and write; a lecturer never reaches raw answers.
  EXPECT_EQ(Get(a, y).status, 403);
  EXPECT_EQ(save({{"question_id", q}, {"selected", {1}}, {"idempotency_key", "y-1"}}, y).status,
            403);
  EXPECT_EQ(Get(e + "/results", As(lecturer)).status, 403);
  EXPECT_EQ(Get(e + "/grading?question_id=" + std::to_string(q), As(lecturer)).status, 403);

  // Before release the trainee sees no score and no key.
  auto before = Get(e + "/my-result", x);
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(Body(before)["score_centi"].is_null());
  EXPECT_TRUE(Body(before)["key"].empty());

  // Past the deadline (server clock): 409 with the reason; then one attempt only.
  now_ += 31 * kMinute;
  auto late = save({{"question_id", q}, {"selected", {1}}, {"idempotency_key", "x-3"}}, x);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(ErrorCode(late), "assessment.answer.after_deadline");
  EXPECT_EQ(Body(late)["error"]["field"], "answer");
  auto second = Post(e + "/attempts", x, json::object());
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(ErrorCode(second), "assessment.attempt.limit");

  ASSERT_EQ(Post(e + "/release", admin, json::object()).status, 200);
  auto after = Get(e + "/my-result", x);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(Body(after)["score_centi"], 1000);
  EXPECT_EQ(Body(after)["passed"], true);
  EXPECT_EQ(Body(after)["key"][0]["correct"], json({0}));
  auto results = Get(e + "/results", admin);
  ASSERT_EQ(results.status, 200) << results.body;
  EXPECT_EQ(Body(results)["people"].size(), 1u);

  // The xlsx export: every approved trainee, the absent one marked, per-question scores.
  auto xlsx = Get(e + "/results/export?format=xlsx", admin);
  ASSERT_EQ(xlsx.status, 200);
  auto table = io::ParseUploadedTable(xlsx.body, "r.xlsx");
  ASSERT_TRUE(table.ok()) << table.error().message;
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& row : table->rows) rows[row[1]] = row;
  ASSERT_TRUE(rows.count("学员1") && rows.count("学员2"));
  EXPECT_EQ(rows["学员1"][3], "10");
  EXPECT_EQ(rows["学员1"][5], "及格");
  EXPECT_EQ(rows["学员1"][7], "10");
  EXPECT_EQ(rows["学员2"][6], "未参加");
  EXPECT_EQ(Get(e + "/results/export", As(lecturer)).status, 403);
}

TEST_F(AssessmentTest, ImportFromGb18030CsvIsAllOrNothingAndExportImportsBack) {
  const auto admin = As(MakeUser("exam_import_admin", Role::kAdmin));
  AddQuestion(Single("题库中已有的题", 0));
  io::Table t;
  t.header = {"题型", "题干", "选项A", "选项B", "选项C", "答案", "分值", "多选计分", "标签"};
  t.rows = {
      {"单选题", "“一课”指", "团课", "党课", "", "B", "2", "", "党建基础、沟通艺术"},
      {"多选题", "属于“两新”组织的有", "非公企业", "机关", "社会组织", "AC", "4", "部分得分", ""},
      {"判断题", "主题党日每月一次。", "", "", "", "对", "1", "", ""},
      {"填空题", "组织生活基本制度是____。", "", "", "", "三会一课|“三会一课”", "2", "", ""},
      {"简答题", "如何做好群众工作？", "", "", "", "联系群众", "6", "", ""},
      {"单选题", "选项不存在的题", "甲", "乙", "", "D", "2", "", ""},  // row 7
      {"单选题", "“一课” 指", "团课", "党课", "", "B", "2", "", ""},   // row 8: dup of 2
      {"单选题", "题库中已有的题", "甲", "乙", "", "A", "2", "", ""},  // row 9: in bank
      {"多选题", "没有正确选项", "甲", "乙", "", "", "2", "", ""},     // row 10
  };
  for (size_t i = 0; i < t.rows.size(); ++i) t.source_rows.push_back(static_cast<int>(i) + 2);
  io::DownloadOptions gb;
  gb.encoding = io::CsvEncoding::kGb18030;
  auto bytes = io::TableToBytes(t, "csv", "q", gb);
  ASSERT_TRUE(bytes.ok());
  const std::string path = "/api/v1/question-banks/" + std::to_string(bank_id_) + "/import";

  auto all_or_nothing = Send(api::Method::kPost, path + "?filename=q.csv", admin, *bytes);
  ASSERT_EQ(all_or_nothing.status, 200) << all_or_nothing.body;
  json report = Body(all_or_nothing);
  EXPECT_EQ(report["imported"], 0);
  EXPECT_EQ(report["committed"], false);
  std::map<int, std::string> by_row;
  for (const auto& e : report["errors"]) by_row[e["row"].get<int>()] = e["code"];
  EXPECT_EQ(by_row[7], "assessment.import.answer");
  EXPECT_EQ(by_row[8], "assessment.import.duplicate_in_file");
  EXPECT_EQ(by_row[9], "assessment.question.duplicate");
  EXPECT_EQ(by_row[10], "assessment.question.no_correct");
  EXPECT_EQ(by_row.size(), 4u);
  EXPECT_EQ(bank_->List(admin_, bank_id_)->size(), 1u);  // nothing half-stored

  auto skipping = Send(api::Method::kPost, path + "?filename=q.csv&skip_bad_rows=1", admin, *bytes);
  ASSERT_EQ(skipping.status, 200);
  EXPECT_EQ(Body(skipping)["imported"], 5);
  auto listed = bank_->List(admin_, bank_id_);
  ASSERT_EQ(listed->size(), 6u);
  const auto& multiple = listed->at(2);
  EXPECT_EQ(multiple.correct, (std::vector<int>{0, 2}));
  EXPECT_EQ(multiple.credit, core::MultipleCredit::kPartial);
  EXPECT_EQ(listed->at(1).tags, (std::vector<std::string>{"党建基础", "沟通艺术"}));
  EXPECT_EQ(listed->at(3).correct, std::vector<int>{core::kTrueOption});
  EXPECT_EQ(listed->at(4).accepted, (std::vector<std::string>{"三会一课", "“三会一课”"}));
  EXPECT_EQ(listed->at(5).rubric, "联系群众");

  // Export as xlsx, import into a new bank: the same six questions.
  auto exported =
      Get("/api/v1/question-banks/" + std::to_string(bank_id_) + "/export?format=xlsx", admin);
  ASSERT_EQ(exported.status, 200);
  auto other = bank_->CreateBank(admin_, "另一题库", "");
  ASSERT_TRUE(other.ok());
  auto back =
      Send(api::Method::kPost,
           "/api/v1/question-banks/" + std::to_string(other->id) + "/import?filename=b.xlsx", admin,
           exported.body);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Body(back)["imported"], 6) << back.body;
  auto copied = bank_->List(admin_, other->id);
  ASSERT_EQ(copied->size(), 6u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(copied->at(i).stem, listed->at(i).stem);
    EXPECT_EQ(copied->at(i).correct, listed->at(i).correct);
    EXPECT_EQ(copied->at(i).accepted, listed->at(i).accepted);
    EXPECT_EQ(copied->at(i).points, listed->at(i).points);
  }
  // The template imports cleanly too (a dry run).
  auto tmpl = Get("/api/v1/question-banks/import-template?format=csv&encoding=gb18030", admin);
  ASSERT_EQ(tmpl.status, 200);
  auto fresh = bank_->CreateBank(admin_, "模板题库", "");
  auto dry = Send(
      api::Method::kPost,
      "/api/v1/question-banks/" + std::to_string(fresh->id) + "/import?filename=t.csv&dry_run=1",
      admin, tmpl.body);
  ASSERT_EQ(dry.status, 200);
  EXPECT_TRUE(Body(dry)["errors"].empty()) << dry.body;
  EXPECT_EQ(Body(dry)["total_rows"], 5);
}

TEST_F(AssessmentTest, AnOfflineQueueIsSavedAsOneBatchAllOrNothing) {
  const std::vector<int64_t> q = FiveKinds();
  const int64_t exam_id = MakeExam(q);
  const Principal me = Trainee(AddTrainees(1)[0]);
  auto a = attempts_->Start(me, exam_id);
  ASSERT_TRUE(a.ok());
  using W = assessment::AttemptService::AnswerWrite;
  // One bad answer (an option that does not exist) refuses the whole queue.
  auto bad = attempts_->SaveAnswers(me, a->attempt_id,
                                    {W{q[0], Chose({1}), "o1"}, W{q[2], Chose({5}), "o2"}});
  EXPECT_EQ(Code(bad), "assessment.answer.option_range");
  auto view = attempts_->View(me, a->attempt_id);
  for (const auto& s : view->questions) EXPECT_FALSE(s.response.has_value());
  // The good queue, sent twice (a retry): applied once, the second all replays.
  const std::vector<W> queue = {W{q[0], Chose({1}), "o1"}, W{q[2], Chose({1}), "o3"},
                                W{q[3], Typed("三会一课"), "o4"}};
  auto first = attempts_->SaveAnswers(me, a->attempt_id, queue);
  ASSERT_TRUE(first.ok());
  auto again = attempts_->SaveAnswers(me, a->attempt_id, queue);
  ASSERT_TRUE(again.ok());
  for (const auto& s : *again) EXPECT_TRUE(s.replayed);
  view = attempts_->View(me, a->attempt_id);
  int answered = 0;
  for (const auto& s : view->questions) answered += s.response ? 1 : 0;
  EXPECT_EQ(answered, 3);
}
}  // namespace
}  // namespace peixun::test

namespace peixun::test {
namespace {

// Completion reads the exam through the source the composition root wires
// (app/assessment_source.h): the counted attempt's score as a percent of the paper,
// for every approved trainee — one who sat no exam is "exam missing", not "no exam".
// Two single-choice questions of 2 points: 甲 answers both right (100), 乙 one (50),
// 丙 starts but never submits, 丁 never starts.
TEST_F(AssessmentTest, CompletionReadsTheCountedScoreOfEveryTrainee) {
  const int64_t q1 = AddQuestion(Single("党的最高理想和最终目标是实现什么？", 1));
  const int64_t q2 = AddQuestion(Single("基层党组织书记的第一责任是什么？", 2));
  const int64_t exam_id = MakeExam({q1, q2});
  const std::vector<int64_t> people = AddTrainees(4);
  auto take = [&](int64_t person, std::vector<int> picks, bool submit) {
    auto a = attempts_->Start(Trainee(person), exam_id);
    ASSERT_TRUE(a.ok()) << a.error().code;
    const int64_t qs[] = {q1, q2};
    for (size_t i = 0; i < picks.size(); ++i) {
      ASSERT_TRUE(attempts_
                      ->SaveAnswer(Trainee(person), a->attempt_id, qs[i], Chose({picks[i]}),
                                   "c" + std::to_string(person) + "-" + std::to_string(i))
                      .ok());
    }
    if (submit) ASSERT_TRUE(attempts_->Submit(Trainee(person), a->attempt_id).ok());
  };
  take(people[0], {1, 2}, true);
  take(people[1], {1, 0}, true);
  take(people[2], {1, 2}, false);

  auto source = app::MakeAssessmentSource();
  auto seen = store::ReadValue<std::map<int64_t, completion::TraineeAssessment>>(
      db(), [&](store::Tx& tx) { return source(tx, klass_.id); });
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  ASSERT_EQ(seen->size(), 4u);
  for (int64_t p : people) {
    EXPECT_TRUE(seen->at(p).class_has_exam);
    EXPECT_EQ(seen->at(p).exam_pass_mark, std::optional<double>(60.0));
  }
  EXPECT_EQ(seen->at(people[0]).exam_score, std::optional<double>(100.0));
  EXPECT_EQ(seen->at(people[1]).exam_score, std::optional<double>(50.0));
  EXPECT_FALSE(seen->at(people[2]).exam_score.has_value());  // never submitted
  EXPECT_FALSE(seen->at(people[3]).exam_score.has_value());  // never started
  // No reflection paper and no evaluation opened in this class.
  EXPECT_EQ(seen->at(people[0]).reflection, core::ReflectionState::kMissing);
  EXPECT_EQ(seen->at(people[0]).evaluations_due, 0);
}

TEST_F(AssessmentTest, CompletionReadsTheExamHeldLastNotTheOneCreatedLast) {
  const int64_t q1 = AddQuestion(Single("党的最高理想和最终目标是实现什么？", 1));
  const int64_t closing = MakeExam({q1});  // 结业考试 on 2020-06-05
  // A 随堂测验 added afterwards on an earlier day.
  auto quiz_session =
      AddSession(klass_.id, "exam", "随堂测验", "2020-06-02T19:30", "2020-06-02T20:00");
  ASSERT_TRUE(quiz_session.ok()) << quiz_session.error().message;
  assessment::ExamInput in;
  in.session_id = quiz_session->session.id;
  in.bank_id = bank_id_;
  in.question_ids = {q1};
  in.time_limit_minutes = 20;
  auto quiz = exams_->Create(admin_, in);
  ASSERT_TRUE(quiz.ok()) << quiz.error().code;
  ASSERT_GT(quiz->id, closing);
  // One trainee takes the quiz and gets full marks; nobody has sat the closing exam.
  const int64_t person = AddTrainees(1)[0];
  now_ = quiz_session->session.start_ms + kMinute;
  auto a = attempts_->Start(Trainee(person), quiz->id);
  ASSERT_TRUE(a.ok()) << a.error().code;
  ASSERT_TRUE(attempts_->SaveAnswer(Trainee(person), a->attempt_id, q1, Chose({1}), "quiz-1").ok());
  ASSERT_TRUE(attempts_->Submit(Trainee(person), a->attempt_id).ok());
  auto outcome = store::ReadValue<assessment::ClassExamOutcome>(
      db(), [&](store::Tx& tx) { return assessment::ClassExamOutcomeIn(tx, klass_.id); });
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_TRUE(outcome->has_exam);
  // The closing exam counts: the quiz's 100 is not this trainee's exam score.
  EXPECT_TRUE(outcome->percent_by_person.empty());
}

// Writers at once (concurrency_test.cc has the others): 20 starts of one trainee's
// exam make one attempt (the unique attempt number; the loser's retry resumes it),
// and 20 saves with one idempotency key store one answer and one key.
TEST_F(AssessmentTest, ConcurrentStartsMakeOneAttemptAndOneKeyStoresOneAnswer) {
  const std::vector<int64_t> q = {AddQuestion(Single("并发开考题", 1))};
  const int64_t exam_id = MakeExam(q);
  const int64_t person = AddTrainees(1).front();
  const Principal me = Trainee(person);
  constexpr int kThreads = 20;
  std::vector<int64_t> attempt_ids(kThreads, 0);
  std::vector<std::string> codes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto a = attempts_->Start(me, exam_id);
      codes[t] = Code(a);
      if (a.ok()) attempt_ids[t] = a->attempt_id;
    });
  }
  for (auto& th : threads) th.join();
  threads.clear();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(codes[t], "") << "thread " << t;
    EXPECT_EQ(attempt_ids[t], attempt_ids[0]) << "thread " << t;
  }
  auto scalar = [&](const std::string& sql) {
    auto v = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(store::Rows r, tx.Query(sql));
      return r[0].Int(0);
    });
    EXPECT_TRUE(v.ok());
    return v.ok() ? *v : -1;
  };
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM exam_attempts"), 1);

  std::atomic<int> fresh{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto s = attempts_->SaveAnswer(me, attempt_ids[0], q[0], Chose({t % 4}), "same-key-0001");
      codes[t] = Code(s);
      if (s.ok() && !s->replayed) fresh.fetch_add(1);
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(codes[t], "") << "thread " << t;
  EXPECT_EQ(fresh.load(), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM exam_answer_keys"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM exam_answers"), 1);
}

}  // namespace
}  // namespace peixun::test
