// The class summary report (培训总结, app/class_summary.h) on SQLite and PostgreSQL:
// refused before the completion decision, then as PDF (read back with pdftotext)
// and as .docx (read back by a second, independent reader: python3's zipfile and
// xml.etree, which parse the package and the WordprocessingML) with the names in
// stroke order, the attendance, exam and evaluation figures, the anonymity
// threshold respected, the 结业 and 优秀学员 lists, 学时 totals and the charts.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/assessment_source.h"
#include "app/class_summary.h"
#include "app/summary_routes.h"
#include "classes_fixture.h"
#include "io/table_transfer.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/paper_import.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/attendance/attendance_service.h"
#include "modules/completion/completion_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/evaluation/evaluation_service.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

namespace fs = std::filesystem;

std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[8192];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

std::string Squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\f' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

// Reads a .docx without peixun's code: the package parts, the text of every w:t,
// the tables and the pictures (each relationship target present and a PNG).
constexpr char kDocxReader[] = R"(import sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
A = '{http://schemas.openxmlformats.org/drawingml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = set(z.namelist())
for part in ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml',
             'word/_rels/document.xml.rels', 'docProps/core.xml']:
    assert part in names, part
    ET.fromstring(z.read(part))
ct = z.read('[Content_Types].xml').decode()
assert 'wordprocessingml.document.main+xml' in ct
doc = ET.fromstring(z.read('word/document.xml'))
rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('word/_rels/document.xml.rels'))}
pics = 0
for blip in doc.iter(A + 'blip'):
    target = 'word/' + rels[blip.get(R + 'embed')]
    assert z.read(target)[:8] == b'\x89PNG\r\n\x1a\n', target
    pics += 1
tables = doc.findall('.//' + W + 'tbl')
print('TABLES', len(tables))
print('PICTURES', pics)
print('HEADINGS', sum(1 for p in doc.iter(W + 'pStyle') if p.get(W + 'val') == 'Heading1'))
for p in doc.iter(W + 'p'):
    text = ''.join(t.text or '' for t in p.iter(W + 't'))
    if text:
        print('P', text)
)";

class SummaryReportTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    auto clock = [this] { return now_; };
    service_ = std::make_shared<app::ClassSummaryService>(db(), clock);
    app::RegisterSummaryRoutes(router_, service_);
    classes::ClassInput in = SeedClassInput();
    in.rules = {{"reflection_required", false}};
    auto c = classes_->Create(in);
    ASSERT_TRUE(c.ok()) << c.error().message;
    klass_ = *c;
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    for (int i = 0; i < 3; ++i) {
      auto s = AddSession(klass_.id, "lecture",
                          i == 0   ? "基础党务工作者管理沟通艺术"
                          : i == 1 ? "当前我国经济形势及热点分析"
                                   : "社区治理创新",
                          "2020-06-0" + std::to_string(2 + i) + "T08:30",
                          "2020-06-0" + std::to_string(2 + i) + "T11:30");
      ASSERT_TRUE(s.ok()) << s.error().message;
      sessions_.push_back(s->session.id);
    }
    auto exam = AddSession(klass_.id, "exam", "结业考试", "2020-06-05T09:00", "2020-06-05T10:30");
    ASSERT_TRUE(exam.ok());
    sessions_.push_back(exam->session.id);
    admin_user_ = MakeUser("summary_admin", Role::kAdmin);
    admin_.user_id = admin_user_.user.id;
    admin_.username = "summary_admin";
    admin_.role = Role::kAdmin;
    names_ = {"王小明", "买买提·艾力", "刘䶮", "李四", "张三", "赵敏", "孙立", "周红"};
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(ids_, AddPeopleIn(tx, key_, unit_, names_));
      return AddApprovedEnrollmentsIn(tx, klass_.id, unit_, ids_);
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    enrollment::EnrollmentService enrollment(db());
    auto quotas = enrollment.SetQuotas(admin_, klass_.id, {{unit_, 10}});
    ASSERT_TRUE(quotas.ok()) << quotas.error().message;
    now_ = exam->session.end_ms + 3600'000;  // after the class
  }
  void TearDown() override {
    service_.reset();
    ClassesTest::TearDown();
  }

  // Every trainee attends every session, except 李四 (absent from the first
  // lecture: not completed) and 张三 (late to the second).
  void Attend() {
    attendance::AttendanceService att(db(), [this] { return now_; });
    for (size_t s = 0; s < sessions_.size(); ++s) {
      for (size_t t = 0; t < ids_.size(); ++t) {
        attendance::CorrectionInput c;
        c.person_id = ids_[t];
        c.status =
            t == 3 && s == 0 ? core::AttendanceStatus::kAbsent : core::AttendanceStatus::kAttended;
        c.late = t == 4 && s == 1;
        c.reason = "班主任核实";
        auto r = att.Correct(admin_, sessions_[s], c);
        ASSERT_TRUE(r.ok()) << r.error().code;
      }
    }
  }

  // The closing exam on paper: scores 95, 85.5, 78, 59 (李四 fails), 66, 88, 91, 72.
  void Exam() {
    assessment::QuestionBankService bank(db(), [this] { return now_; });
    auto b = bank.CreateBank(admin_, "题库", "");
    ASSERT_TRUE(b.ok());
    assessment::QuestionInput q;
    q.kind = "single";
    q.stem = "“三会一课”中的“一课”指什么？";
    q.options = {"团课", "党课"};
    q.correct = {1};
    q.points = 100;
    auto made = bank.Create(admin_, b->id, q);
    ASSERT_TRUE(made.ok());
    assessment::ExamService exams(db(), [this] { return now_; });
    assessment::ExamInput e;
    e.session_id = sessions_.back();
    e.bank_id = b->id;
    e.question_ids = {made->id};
    auto exam = exams.Create(admin_, e);
    ASSERT_TRUE(exam.ok()) << exam.error().code;
    io::Table t;
    t.header = {"人员编号", "姓名", "得分"};
    const char* scores[] = {"95", "85.5", "78", "59", "66", "88", "91", "72"};
    for (size_t i = 0; i < ids_.size(); ++i) {
      t.rows.push_back({std::to_string(ids_[i]), names_[i], scores[i]});
      t.source_rows.push_back(static_cast<int>(i) + 2);
    }
    auto report = assessment::ImportPaperScores(db(), admin_, exam->id, t, {}, now_);
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->imported, 8) << (report->errors.empty() ? "" : report->errors[0].error.code);
  }

  // The first lecture: 6 answers (shown); the second: 3 (under the threshold).
  void Evaluate() {
    evaluation::EvaluationService evaluations(db());
    auto first = evaluations.Open(admin_, klass_.id, sessions_[0]);
    ASSERT_TRUE(first.ok()) << first.error().code;
    auto second = evaluations.Open(admin_, klass_.id, sessions_[1]);
    ASSERT_TRUE(second.ok()) << second.error().code;
    for (size_t i = 0; i < 6; ++i) {
      ASSERT_TRUE(evaluations.Submit(Trainee(i), first->id, {{5, 4, 5, i % 2 ? 4 : 5}, ""}).ok());
    }
    for (size_t i = 0; i < 3; ++i) {
      ASSERT_TRUE(evaluations.Submit(Trainee(i), second->id, {{2, 2, 2, 2}, ""}).ok());
    }
  }

  Principal Trainee(size_t i) {
    Principal p;
    p.username = "t" + std::to_string(i);
    p.role = Role::kTrainee;
    p.person_id = ids_[i];
    return p;
  }

  void FinishAndDecide() {
    for (auto to : {classes::ClassStatus::kEnrolling, classes::ClassStatus::kRunning,
                    classes::ClassStatus::kFinished}) {
      auto moved = classes_->ChangeStatus(klass_.id, to);
      ASSERT_TRUE(moved.ok()) << moved.error().message;
    }
    completion::CompletionService completion(db(), [this] { return now_; });
    completion.SetAssessmentSource(app::MakeAssessmentSource());
    auto decided = completion.Decide(admin_, klass_.id);
    ASSERT_TRUE(decided.ok()) << decided.error().code;
    ASSERT_TRUE(completion.SetSettings(admin_, klass_.id, {false, 20}).ok());  // 1 of 8
    ASSERT_TRUE(completion.Nominate(admin_, klass_.id, ids_[0], "表现突出").ok());
    auto approved = completion.Approve(admin_, klass_.id, ids_[0]);
    ASSERT_TRUE(approved.ok()) << approved.error().code;
  }

  std::string Path(const std::string& ext) {
    return "/api/v1/classes/" + std::to_string(klass_.id) + "/summary." + ext;
  }

  int64_t now_ = 0;
  std::shared_ptr<app::ClassSummaryService> service_;
  classes::TrainingClass klass_;
  int64_t unit_ = 0;
  std::vector<int64_t> sessions_;
  std::vector<std::string> names_;
  std::vector<int64_t> ids_;
  auth::CreatedUser admin_user_;
  Principal admin_;
};

TEST_F(SummaryReportTest, RefusedBeforeTheDecisionThenPdfAndDocxReadBackIndependently) {
  Attend();
  Exam();
  Evaluate();
  const auto admin = As(admin_user_);
  auto early = Get(Path("pdf"), admin);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(ErrorCode(early), "summary.not_decided");
  FinishAndDecide();

  // Access: a head teacher of no class is refused by the service; a trainee by the route.
  auto other_head = MakeUser("summary_other_head", Role::kHeadTeacher);
  EXPECT_EQ(Get(Path("pdf"), As(other_head)).status, 403);
  EXPECT_EQ(Get(Path("docx"), As(MakeUser("summary_liaison", Role::kLiaison, unit_))).status, 403);
  EXPECT_EQ(Get("/api/v1/classes/987654/summary.pdf", admin).status, 404);

  auto pdf = Get(Path("pdf"), admin);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  const std::string text = Squeeze(PdfText(pdf.body));
  for (const char* needle :
       {"培训总结", "一、基本情况", "参训学员8名，结业7名，未结业1名", "买买提·艾力", "刘䶮",
        "优秀学员（1名）：王小明", "东关街道幸福社区", "总出勤率96.9%", "迟到1人次", "有成绩8人",
        "及格7人", "答卷少于5份的问卷只显示份数", "（本班1份问卷）", "4.62",
        "基础党务工作者管理沟通艺术", "李四", "缺勤1次", "学时统计"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  }
  // The second lecture's 3 answers (all 2) are under the threshold: no mean of it.
  EXPECT_EQ(text.find("2.00"), std::string::npos) << text;
  // Names in stroke order in the 结业 list: 王 (4) before 刘 (6) before 张 (7) and 赵 (9).
  const size_t list = text.find("结业学员（7名");
  ASSERT_NE(list, std::string::npos) << text;
  const std::string completed = text.substr(list, 300);
  EXPECT_LT(completed.find("王小明"), completed.find("刘䶮")) << completed;
  EXPECT_LT(completed.find("刘䶮"), completed.find("张三")) << completed;
  EXPECT_LT(completed.find("张三"), completed.find("赵敏")) << completed;

  auto docx = Get(Path("docx"), admin);
  ASSERT_EQ(docx.status, 200) << docx.body;
  // PEIXUN_KEEP_SUMMARY=DIR keeps both files, to look at them.
  if (const char* keep = std::getenv("PEIXUN_KEEP_SUMMARY")) {
    std::ofstream(fs::path(keep) / "summary.pdf", std::ios::binary) << pdf.body;
    std::ofstream(fs::path(keep) / "summary.docx", std::ios::binary) << docx.body;
  }
  const fs::path dir = fs::temp_directory_path() / ("peixun-summary-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "s.docx", std::ios::binary) << docx.body;
  std::ofstream(dir / "read.py") << kDocxReader;
  const std::string read = Shell("/usr/bin/python3 '" + (dir / "read.py").string() + "' '" +
                                 (dir / "s.docx").string() + "' 2>&1; echo EXIT $?");
  fs::remove_all(dir);
  EXPECT_NE(read.find("EXIT 0"), std::string::npos) << read;
  EXPECT_NE(read.find("PICTURES 3"), std::string::npos) << read;  // sessions, bands, lectures
  EXPECT_NE(read.find("HEADINGS 8"), std::string::npos) << read;
  EXPECT_EQ(read.find("TABLES 0\n"), std::string::npos) << read;
  for (const char* needle : {"P "
                             "×区2020年",
                             "买买提·艾力", "刘䶮", "优秀学员（1 名）：王小明",
                             "不足 5 份，不予显示", "4.62", "总出勤率 96.9%"}) {
    EXPECT_NE(read.find(needle), std::string::npos) << needle << "\n" << read;
  }
}

}  // namespace
}  // namespace peixun::test
