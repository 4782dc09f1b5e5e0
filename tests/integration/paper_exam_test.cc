// Paper exams (modules/assessment/paper_import.h) on SQLite and PostgreSQL: the
// template lists the class's trainees in stroke order; a sheet with bad rows
// (GB18030 csv) is refused whole with each error naming its row and column; a good
// sheet (xlsx) stores the scores, which the exam's results, the results PDF and
// completion (app/assessment_source.h) then read as the attempts' results; a second
// import replaces them and 缺考 removes one.
#include <atomic>

#include "app/assessment_source.h"
#include "classes_fixture.h"
#include "io/table_transfer.h"
#include "modules/assessment/assessment_routes.h"
#include "modules/assessment/attempt_service.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/paper_import.h"
#include "modules/assessment/question_bank_service.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

class PaperExamTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    auto clock = [this] { return now_.load(); };
    routes_ = std::make_unique<assessment::AssessmentServices>(db(), clock);
    assessment::RegisterAssessmentRoutes(router_, *routes_);
    klass_ = MakeClass();
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    auto s = AddSession(klass_.id, "exam", "结业考试", "2020-06-05T09:00", "2020-06-05T10:30");
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto admin = MakeUser("paper_admin", Role::kAdmin);
    admin_.user_id = admin.user.id;
    admin_.username = "paper_admin";
    admin_.role = Role::kAdmin;
    headers_ = As(admin);
    auto bank = routes_->bank->CreateBank(admin_, "题库", "");
    ASSERT_TRUE(bank.ok());
    std::vector<int64_t> ids;
    for (const char* stem : {"第一题", "第二题"}) {
      assessment::QuestionInput in;
      in.kind = "single";
      in.stem = stem;
      in.options = {"甲", "乙"};
      in.correct = {0};
      in.points = 50;  // the paper's total is 100
      auto q = routes_->bank->Create(admin_, bank->id, in);
      ASSERT_TRUE(q.ok());
      ids.push_back(q->id);
    }
    assessment::ExamInput exam;
    exam.session_id = s->session.id;
    exam.bank_id = bank->id;
    exam.question_ids = ids;
    auto e = routes_->exams->Create(admin_, exam);
    ASSERT_TRUE(e.ok()) << e.error().code;
    exam_id_ = e->id;
    questions_ = ids;
    now_ = s->session.start_ms + 60'000;
    // 王明 twice (two people, one name), and the names that must survive.
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(
          people_, AddPeopleIn(tx, key_, unit_, {"买买提·艾力", "刘䶮", "王明", "王明", "张三"}));
      return AddApprovedEnrollmentsIn(tx, klass_.id, unit_, people_);
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  }
  void TearDown() override {
    routes_.reset();
    ClassesTest::TearDown();
  }

  static Principal Trainee(int64_t person_id) {
    Principal p;
    p.username = "t" + std::to_string(person_id);
    p.role = Role::kTrainee;
    p.person_id = person_id;
    return p;
  }

  std::string Path(const std::string& tail) {
    return "/api/v1/exams/" + std::to_string(exam_id_) + tail;
  }

  std::map<int64_t, double> CompletionScores() {
    auto source = app::MakeAssessmentSource();
    auto seen = store::ReadValue<std::map<int64_t, completion::TraineeAssessment>>(
        db(), [&](store::Tx& tx) { return source(tx, klass_.id); });
    EXPECT_TRUE(seen.ok());
    std::map<int64_t, double> out;
    if (!seen.ok()) return out;
    for (const auto& [person, a] : *seen) {
      if (a.exam_score) out[person] = *a.exam_score;
    }
    return out;
  }

  io::Table Sheet(std::vector<std::vector<std::string>> rows) {
    io::Table t;
    t.header = {"序号", "人员编号", "姓名", "单位", "得分"};
    t.rows = std::move(rows);
    for (size_t i = 0; i < t.rows.size(); ++i) t.source_rows.push_back(static_cast<int>(i) + 2);
    return t;
  }
  std::string Id(int i) { return std::to_string(people_[i]); }

  std::atomic<int64_t> now_{0};
  std::unique_ptr<assessment::AssessmentServices> routes_;
  classes::TrainingClass klass_;
  int64_t unit_ = 0;
  int64_t exam_id_ = 0;
  std::vector<int64_t> questions_;
  std::vector<int64_t> people_;  // 买买提·艾力, 刘䶮, 王明, 王明, 张三
  Principal admin_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

TEST_F(PaperExamTest, TemplateListsTheTraineesInStrokeOrderAndImportsBackCleanly) {
  auto tmpl = Get(Path("/paper-scores/template?format=xlsx"), headers_);
  ASSERT_EQ(tmpl.status, 200) << tmpl.body;
  auto table = io::ParseUploadedTable(tmpl.body, "t.xlsx");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, (std::vector<std::string>{"序号", "人员编号", "姓名", "单位", "得分"}));
  ASSERT_EQ(table->rows.size(), 5u);
  std::vector<std::string> names;
  for (const auto& r : table->rows) names.push_back(r[2]);
  // 王 (4 strokes) before 刘 and 买 (6) before 张 (7).
  EXPECT_EQ(names[0], "王明");
  EXPECT_EQ(names[1], "王明");
  EXPECT_EQ(names[4], "张三");
  EXPECT_NE(std::find(names.begin(), names.end(), "买买提·艾力"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "刘䶮"), names.end());
  // Filled in with person ids (the two 王明 told apart), it imports as it is.
  for (size_t i = 0; i < table->rows.size(); ++i) table->rows[i][4] = std::to_string(60 + i);
  auto filled = io::TableToBytes(*table, "xlsx", "s");
  ASSERT_TRUE(filled.ok());
  auto r =
      Send(api::Method::kPost, Path("/paper-scores/import?filename=s.xlsx"), headers_, *filled);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["imported"], 5) << r.body;
  EXPECT_EQ(CompletionScores().size(), 5u);

  // Class staff only: a liaison is refused the template, a head teacher of another
  // class too (by the service).
  EXPECT_EQ(
      Get(Path("/paper-scores/template"), As(MakeUser("paper_liaison", Role::kLiaison, unit_)))
          .status,
      403);
  EXPECT_EQ(
      Get(Path("/paper-scores/template"), As(MakeUser("paper_head", Role::kHeadTeacher))).status,
      403);
}

TEST_F(PaperExamTest, BadRowsAreRefusedWholeThenGoodScoresCountAsTheResult) {
  // One trainee took the exam online before the paper sheet came in.
  auto online = routes_->attempts->Start(Trainee(people_[4]), exam_id_);
  ASSERT_TRUE(online.ok()) << online.error().code;
  ASSERT_TRUE(routes_->attempts
                  ->SaveAnswer(Trainee(people_[4]), online->attempt_id, questions_[0],
                               core::Response{{0}, {}}, "k1")
                  .ok());
  ASSERT_TRUE(routes_->attempts->Submit(Trainee(people_[4]), online->attempt_id).ok());

  const io::Table bad = Sheet({
      {"1", "", "买买提·艾力", "", "85.5"},  // row 2: fine
      {"2", "", "李四", "", "70"},           // row 3: nobody of that name
      {"3", Id(1), "刘䶮", "", "120"},       // row 4: above the total
      {"4", Id(2), "王明", "", "8.555"},     // row 5: three decimals
      {"5", "", "王明", "", "60"},           // row 6: two 王明, no id
      {"6", "", "买买提·艾力", "", "90"},    // row 7: already on row 2
      {"7", Id(4), "张三", "", "75"},        // row 8: took it online
      {"8", Id(3), "刘䶮", "", "75"},        // row 9: id of 王明, name 刘䶮
      {"9", "99999999", "王明", "", "75"},   // row 10: not a trainee
      {"10", Id(3), "王明", "", "不及格"},   // row 11: not a number
  });
  io::DownloadOptions gb;
  gb.encoding = io::CsvEncoding::kGb18030;
  auto bytes = io::TableToBytes(bad, "csv", "s", gb);
  ASSERT_TRUE(bytes.ok());
  auto refused =
      Send(api::Method::kPost, Path("/paper-scores/import?filename=s.csv"), headers_, *bytes);
  ASSERT_EQ(refused.status, 200) << refused.body;
  json report = Body(refused);
  EXPECT_EQ(report["imported"], 0);
  EXPECT_EQ(report["committed"], false);
  std::map<int, std::pair<std::string, std::string>> by_row;  // row -> (code, column)
  for (const auto& e : report["errors"]) {
    by_row[e["row"].get<int>()] = {e["code"].get<std::string>(), e["column"].get<std::string>()};
  }
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(by_row[3], (P{"assessment.paper.name", "姓名"}));
  EXPECT_EQ(by_row[4], (P{"assessment.paper.score", "得分"}));
  EXPECT_EQ(by_row[5], (P{"assessment.paper.score", "得分"}));
  EXPECT_EQ(by_row[6], (P{"assessment.paper.name", "姓名"}));
  EXPECT_EQ(by_row[7], (P{"assessment.paper.duplicate", "姓名"}));
  EXPECT_EQ(by_row[8], (P{"assessment.paper.online", "姓名"}));
  EXPECT_EQ(by_row[9], (P{"assessment.paper.name", "姓名"}));
  EXPECT_EQ(by_row[10], (P{"assessment.paper.person", "人员编号"}));
  EXPECT_EQ(by_row[11], (P{"assessment.paper.score", "得分"}));
  EXPECT_EQ(by_row.size(), 9u) << refused.body;
  // Nothing half-stored: only the online trainee has a score.
  EXPECT_EQ(CompletionScores(), (std::map<int64_t, double>{{people_[4], 50.0}}));

  // A sheet without 得分 is refused as a whole.
  io::Table no_score;
  no_score.header = {"姓名", "单位"};
  no_score.rows = {{"刘䶮", ""}};
  no_score.source_rows = {2};
  auto columns = Send(api::Method::kPost, Path("/paper-scores/import?filename=c.csv"), headers_,
                      *io::TableToBytes(no_score, "csv", "c"));
  EXPECT_EQ(columns.status, 422);
  EXPECT_EQ(ErrorCode(columns), "assessment.import.columns");

  // The good sheet, as xlsx: full-width digits are read as digits.
  const io::Table good = Sheet({
      {"1", "", "买买提·艾力", "", "85.5"},
      {"2", "", "刘䶮", "", "缺考"},
      {"3", Id(2), "王明", "", "５９"},
      {"4", Id(3), "王明", "", "100"},
  });
  auto ok = Send(api::Method::kPost, Path("/paper-scores/import?filename=s.xlsx"), headers_,
                 *io::TableToBytes(good, "xlsx", "s"));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["imported"], 4) << ok.body;
  EXPECT_TRUE(Body(ok)["errors"].empty());
  EXPECT_EQ(CompletionScores(),
            (std::map<int64_t, double>{
                {people_[0], 85.5}, {people_[2], 59.0}, {people_[3], 100.0}, {people_[4], 50.0}}));
  // The exam's results read them, passed by the class's pass mark (60).
  auto results = routes_->exams->Results(admin_, exam_id_);
  ASSERT_TRUE(results.ok());
  std::map<int64_t, const assessment::PersonResult*> by_person;
  for (const auto& p : results->people) by_person[p.person_id] = &p;
  ASSERT_TRUE(by_person.count(people_[0]));
  EXPECT_EQ(by_person[people_[0]]->score_centi, std::optional<int>(8550));
  EXPECT_EQ(by_person[people_[0]]->passed, std::optional<bool>(true));
  EXPECT_EQ(by_person[people_[2]]->passed, std::optional<bool>(false));
  EXPECT_FALSE(by_person.count(people_[1]));  // 缺考: no attempt
  // Only the online attempt feeds the item statistics.
  EXPECT_EQ(results->test.attempts, 1);
  // An imported score is not graded by hand: it changes by importing again.
  ASSERT_TRUE(by_person[people_[0]]->attempt_id.has_value());
  EXPECT_EQ(routes_->exams->Grade(admin_, *by_person[people_[0]]->attempt_id, questions_[0], 0, "")
                .error()
                .code,
            "assessment.grade.paper");
  // A trainee scored on paper cannot then start the exam online.
  EXPECT_EQ(routes_->attempts->Start(Trainee(people_[0]), exam_id_).error().code,
            "assessment.attempt.limit");

  // The results PDF names everyone, the imported score and 纸质.
  auto pdf = Get(Path("/results.pdf"), headers_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  std::string text;
  for (char ch : PdfText(pdf.body)) {
    if (ch != ' ' && ch != '\n') text += ch;  // headings are letter-spaced
  }
  for (const char* needle :
       {"买买提·艾力", "刘䶮", "王明", "张三", "85.50", "纸质", "未参加", "试题分析", "不及格"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  }

  // Importing again replaces: 买买提·艾力 now 90, the second 王明 缺考.
  const io::Table again = Sheet({
      {"1", "", "买买提·艾力", "", "90"},
      {"2", Id(3), "王明", "", "缺考"},
  });
  auto replaced = Send(api::Method::kPost, Path("/paper-scores/import?filename=a.csv"), headers_,
                       *io::TableToBytes(again, "csv", "a"));
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(CompletionScores(), (std::map<int64_t, double>{
                                    {people_[0], 90.0}, {people_[2], 59.0}, {people_[4], 50.0}}));
}

TEST(PaperPoints, ParsesUpToTwoDecimalsOnly) {
  EXPECT_EQ(assessment::ParsePoints("85"), std::optional<int>(8500));
  EXPECT_EQ(assessment::ParsePoints("85.5"), std::optional<int>(8550));
  EXPECT_EQ(assessment::ParsePoints("85.25"), std::optional<int>(8525));
  EXPECT_EQ(assessment::ParsePoints(" 0 "), std::optional<int>(0));
  EXPECT_FALSE(assessment::ParsePoints("8.555"));
  EXPECT_FALSE(assessment::ParsePoints("-1"));
  EXPECT_FALSE(assessment::ParsePoints("."));
  EXPECT_FALSE(assessment::ParsePoints(""));
  EXPECT_FALSE(assessment::ParsePoints("1e2"));
}

}  // namespace
}  // namespace peixun::test
