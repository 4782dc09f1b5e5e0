// The training record (培训档案) and the hours ledger (学时台账) on SQLite and
// PostgreSQL: a person's classes with credited 学时, completion, certificate serial;
// outside hours refused without a proof (judged by its bytes), counted only once
// approved; the ledger's sums equal the credited session hours across classes (by
// hand for one person); a future year refused; the yearly export; who may see what —
// through the services and the HTTP routes.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "classes_fixture.h"
#include "io/table_transfer.h"
#include "modules/attendance/attendance_routes.h"
#include "modules/attendance/attendance_service.h"
#include "modules/certificates/certificate_service.h"
#include "modules/certificates/certificates_routes.h"
#include "modules/completion/completion_service.h"
#include "modules/privacy/privacy_service.h"
#include "modules/records/ledger_service.h"
#include "modules/records/outside_import_routes.h"
#include "modules/records/record_service.h"
#include "modules/records/records_routes.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

// 2025-01-15 12:00 in China.
constexpr int64_t kJan2025 = 1'736'913'600'000;
constexpr char kPdfProof[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

std::string B64(const std::string& s) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -6;
  for (unsigned char c : s) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(t[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(t[((val << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

class RecordsTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    now_ = kJan2025;
    auto clock = [this] { return now_; };
    att_ = std::make_unique<attendance::AttendanceServices>(db(), key_, clock);
    completion_ = std::make_shared<completion::CompletionService>(db(), clock);
    certs_ = std::make_shared<certificates::CertificateService>(db(), clock);
    records_ = std::make_shared<records::RecordService>(db(), clock);
    ledger_ = std::make_shared<records::LedgerService>(db(), key_, clock);
    records::RegisterRecordsRoutes(router_, records_, ledger_);
    records::RegisterOutsideImportRoutes(router_, db(), key_, clock);
    certificates::RegisterCertificatesRoutes(router_, certs_);
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    other_unit_ = MakeUnit("西关街道和平社区", std::nullopt);
    wang_ = MakePerson("王小明", unit_, "社区党委书记", "乡科级", "2001-07-01");
    li_ = MakePerson("李四", unit_, "党务干事", "乡科级", "");
    zhao_ = MakePerson("赵六", other_unit_, "", "", "");
    admin_ = MakeUser("records_admin", Role::kAdmin);
    admin_p_.user_id = admin_.user.id;
    admin_p_.username = "records_admin";
    admin_p_.role = Role::kAdmin;
  }
  void TearDown() override {
    certs_.reset();
    att_.reset();
    completion_.reset();
    records_.reset();
    ledger_.reset();
    ClassesTest::TearDown();
  }

  int64_t MakePerson(const std::string& name, int64_t unit, const std::string& position,
                     const std::string& rank, const std::string& party) {
    people::PersonInput in;
    in.name = name;
    in.gender = "男";
    in.unit_id = unit;
    in.position = position;
    in.rank = rank;
    in.party_join_date = party;
    auto p = people_->Create(in);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().code);
    return p.ok() ? p->id : 0;
  }

  struct Held {
    classes::TrainingClass klass;
    std::vector<int64_t> sessions;
    std::vector<int> tenths;
    int64_t last_end = 0;
  };

  // A class on `day` with sessions of the given local times, trainees approved.
  Held HoldClass(const std::string& name, const std::string& day,
                 const std::vector<std::pair<std::string, std::string>>& times,
                 const std::vector<int64_t>& trainees) {
    Held h;
    h.klass = MakeClass(name, day, day);
    for (const auto& [from, to] : times) {
      auto s = AddSession(h.klass.id, "lecture", name + from, day + "T" + from, day + "T" + to);
      EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
      if (!s.ok()) continue;
      h.sessions.push_back(s->session.id);
      h.tenths.push_back(s->session.credit_tenths);
      h.last_end = std::max(h.last_end, s->session.end_ms);
    }
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      return AddApprovedEnrollmentsIn(tx, h.klass.id, unit_, trainees);
    });
    EXPECT_TRUE(st.ok()) << st.error().message;
    return h;
  }

  void Mark(int64_t session, int64_t person, core::AttendanceStatus status) {
    attendance::CorrectionInput c;
    c.person_id = person;
    c.status = status;
    c.reason = "班主任核实";
    auto r = att_->attendance->Correct(admin_p_, session, c);
    ASSERT_TRUE(r.ok()) << r.error().code;
  }

  void MoveTo(int64_t class_id, std::vector<classes::ClassStatus> steps) {
    for (auto to : steps) {
      auto moved = classes_->ChangeStatus(class_id, to);
      ASSERT_TRUE(moved.ok()) << moved.error().message;
    }
  }

  records::OutsideInput Outside(int64_t person, const std::string& proof) {
    records::OutsideInput in;
    in.person_id = person;
    in.kind = "online";
    in.title = "网络学院专题学习";
    in.provider = "×省干部网络学院";
    in.start_date = "2024-09-01";
    in.end_date = "2024-09-30";
    in.hours = "12.5";
    in.proof_name = "学习证明.pdf";
    in.proof = proof;
    return in;
  }

  const records::LedgerLine* LineOf(const records::UnitLedger& l, int64_t person) {
    for (const auto& line : l.lines) {
      if (line.person.id == person) return &line;
    }
    return nullptr;
  }

  int64_t now_ = 0;
  std::unique_ptr<attendance::AttendanceServices> att_;
  std::shared_ptr<completion::CompletionService> completion_;
  std::shared_ptr<certificates::CertificateService> certs_;
  std::shared_ptr<records::RecordService> records_;
  std::shared_ptr<records::LedgerService> ledger_;
  int64_t unit_ = 0;
  int64_t other_unit_ = 0;
  int64_t wang_ = 0;
  int64_t li_ = 0;
  int64_t zhao_ = 0;
  auth::CreatedUser admin_;
  Principal admin_p_;
};

// Two classes in 2024 (one decided, one still running) and one in 2023: the ledger
// of 2024 for 王小明 is, by hand, 2.5 + 2.5 + 1 (class A, all attended) + 2.5 (class
// B, one of two attended) = 8.5 学时, and equals the sum of the credited sessions.
TEST_F(RecordsTest, LedgerSumsEqualCreditedSessionHoursAcrossClasses) {
  using core::AttendanceStatus;
  Held a = HoldClass("2024年社区书记示范培训班", "2024-06-03",
                     {{"08:30", "10:30"}, {"14:30", "16:30"}, {"16:40", "17:25"}}, {wang_, li_});
  Held b = HoldClass("2024年基层党务专题培训班", "2024-11-12",
                     {{"08:30", "10:30"}, {"14:30", "16:30"}}, {wang_});
  Held old = HoldClass("2023年社区书记示范培训班", "2023-06-05", {{"08:30", "10:30"}}, {wang_});
  ASSERT_EQ(a.tenths, (std::vector<int>{25, 25, 10}));
  ASSERT_EQ(b.tenths, (std::vector<int>{25, 25}));
  for (int64_t s : a.sessions) Mark(s, wang_, AttendanceStatus::kAttended);
  Mark(a.sessions[0], li_, AttendanceStatus::kAttended);
  Mark(a.sessions[1], li_, AttendanceStatus::kAbsent);
  Mark(a.sessions[2], li_, AttendanceStatus::kAttended);
  Mark(b.sessions[0], wang_, AttendanceStatus::kAttended);
  Mark(b.sessions[1], wang_, AttendanceStatus::kAbsent);
  Mark(old.sessions[0], wang_, AttendanceStatus::kAttended);
  using CS = classes::ClassStatus;
  MoveTo(a.klass.id, {CS::kEnrolling, CS::kRunning, CS::kFinished});
  MoveTo(b.klass.id, {CS::kEnrolling, CS::kRunning});
  MoveTo(old.klass.id, {CS::kEnrolling, CS::kRunning, CS::kFinished});
  auto decided = completion_->Decide(admin_p_, a.klass.id);
  ASSERT_TRUE(decided.ok()) << decided.error().code;
  // No assessment source here: the head teacher confirms 王小明 completed, and the
  // certificate is issued.
  ASSERT_TRUE(
      completion_->Override(admin_p_, a.klass.id, wang_, "completed", "考试已线下核实").ok());
  auto cert = certs_->Issue(admin_p_, a.klass.id, wang_);
  ASSERT_TRUE(cert.ok()) << cert.error().code;

  auto ledger = ledger_->ForUnit(admin_p_, unit_, 2024);
  ASSERT_TRUE(ledger.ok()) << ledger.error().code;
  const records::LedgerLine* wang = LineOf(*ledger, wang_);
  ASSERT_NE(wang, nullptr);
  EXPECT_EQ(wang->verdict.year_tenths, 85);
  EXPECT_EQ(wang->verdict.year_tenths, a.tenths[0] + a.tenths[1] + a.tenths[2] + b.tenths[0]);
  // 2020..2024: 2023's class (2.5) and 2024.
  EXPECT_EQ(wang->trend_tenths, (std::vector<int>{0, 0, 0, 25, 85}));
  const records::LedgerLine* li = LineOf(*ledger, li_);
  ASSERT_NE(li, nullptr);
  EXPECT_EQ(li->verdict.year_tenths, 35);
  // Both are 乡科级 (90 学时); 王小明 is also a party member (32) and a community's
  // party secretary (56): the largest shortfall is 90 − 8.5.
  EXPECT_TRUE(wang->verdict.below);
  EXPECT_EQ(wang->verdict.shortfall_tenths, 900 - 85);
  EXPECT_EQ(wang->verdict.checks.size(), 3u);
  EXPECT_EQ(li->verdict.checks.size(), 1u);
  EXPECT_EQ(ledger->people, 2);
  EXPECT_EQ(ledger->below, 2);
  // Below first, the largest shortfall first: 李四 (90 − 3.5) before 王小明.
  EXPECT_EQ(ledger->lines[0].person.id, li_);

  // The record: classes newest first, with outcome, serial and credited hours.
  auto rec = records_->Record(admin_p_, wang_);
  ASSERT_TRUE(rec.ok()) << rec.error().code;
  ASSERT_EQ(rec->classes.size(), 3u);
  EXPECT_EQ(rec->classes[0].class_id, b.klass.id);
  EXPECT_EQ(rec->classes[0].outcome, "");
  EXPECT_EQ(rec->classes[0].credited_tenths, 25);
  EXPECT_EQ(rec->classes[1].class_id, a.klass.id);
  EXPECT_EQ(rec->classes[1].outcome, "completed");
  EXPECT_EQ(rec->classes[1].credited_tenths, 60);
  EXPECT_EQ(rec->classes[1].certificate_serial, cert->serial);
  EXPECT_EQ(rec->classes[2].credited_tenths, 25);
  EXPECT_TRUE(rec->profile.party_member);
  EXPECT_TRUE(rec->profile.grassroots_secretary);
  ASSERT_EQ(rec->years.size(), 5u);
  EXPECT_EQ(rec->years[0].year, 2025);
  EXPECT_EQ(rec->years[1].year_tenths, 85);

  // Outside hours count once approved.
  auto entry = records_->AddOutside(admin_p_, Outside(wang_, kPdfProof));
  ASSERT_TRUE(entry.ok()) << entry.error().code;
  EXPECT_EQ(entry->status, "pending");
  EXPECT_EQ(LineOf(*ledger_->ForUnit(admin_p_, unit_, 2024), wang_)->verdict.year_tenths, 85);
  ASSERT_TRUE(records_->DecideOutside(admin_p_, entry->id, true, "").ok());
  EXPECT_EQ(LineOf(*ledger_->ForUnit(admin_p_, unit_, 2024), wang_)->verdict.year_tenths, 210);
  auto again = records_->DecideOutside(admin_p_, entry->id, false, "重复");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "records.outside.status");

  // The yearly export: one row per class with hours, and the outside study.
  auto table = ledger_->YearExport(admin_p_, 2024, /*full_ids=*/false);
  ASSERT_TRUE(table.ok()) << table.error().code;
  int wang_rows = 0;
  double sum = 0;
  bool serial_seen = false;
  for (const auto& row : table->rows) {
    if (row[1] != "王小明") continue;
    ++wang_rows;
    sum += std::stod(row[10]);
    if (row[11] == cert->serial) serial_seen = true;
  }
  EXPECT_EQ(wang_rows, 3);
  EXPECT_DOUBLE_EQ(sum, 21.0);
  EXPECT_TRUE(serial_seen);

  // The district view: 幸福社区 below, 和平社区's one person has no target.
  auto district = ledger_->District(admin_p_, 2024);
  ASSERT_TRUE(district.ok());
  ASSERT_EQ(district->units.size(), 2u);
  EXPECT_EQ(district->units[0].unit_id, unit_);
  EXPECT_EQ(district->units[0].compliance_percent, 0);
  EXPECT_EQ(district->units[1].compliance_percent, -1);
}

TEST_F(RecordsTest, OutsideHoursNeedAProofJudgedByItsBytes) {
  auto none = records_->AddOutside(admin_p_, Outside(wang_, ""));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "records.outside.proof");
  EXPECT_EQ(none.error().field, "proof");
  // A text file named .pdf is not a PDF.
  auto fake = records_->AddOutside(admin_p_, Outside(wang_, "这不是证明"));
  ASSERT_FALSE(fake.ok());
  EXPECT_EQ(fake.error().field, "proof");
  auto png =
      records_->AddOutside(admin_p_, Outside(wang_, std::string("\x89PNG\r\n\x1a\n....", 12)));
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->proof_kind, "png");
  auto future = Outside(wang_, kPdfProof);
  future.end_date = "2025-02-01";
  EXPECT_EQ(records_->AddOutside(admin_p_, future).error().field, "end_date");
  auto days = Outside(wang_, kPdfProof);
  days.hours = "";
  days.days = 2;
  days.half_days = 1;
  auto by_days = records_->AddOutside(admin_p_, days);
  ASSERT_TRUE(by_days.ok());
  EXPECT_EQ(by_days->tenths, 200);  // 2 × 8 + 4

  // Over HTTP: 422 with the field, then 201.
  auto admin = As(admin_);
  json body = {{"title", "外单位培训"},    {"start_date", "2024-05-01"},
               {"end_date", "2024-05-02"}, {"hours", "16"},
               {"kind", "class"},          {"provider", "×市委党校"}};
  auto r = Post("/api/v1/people/" + std::to_string(li_) + "/outside-hours", admin, body);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "records.outside.proof");
  EXPECT_EQ(Body(r)["error"]["field"], "proof");
  body["proof_base64"] = B64(kPdfProof);
  r = Post("/api/v1/people/" + std::to_string(li_) + "/outside-hours", admin, body);
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = Body(r)["id"];
  auto proof = Get("/api/v1/records/outside-hours/" + std::to_string(id) + "/proof", admin);
  EXPECT_EQ(proof.status, 200);
  EXPECT_EQ(proof.body, kPdfProof);
  r = Post("/api/v1/records/outside-hours/" + std::to_string(id) + "/reject", admin,
           json::object());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "records.outside.reason");
  r = Post("/api/v1/records/outside-hours/" + std::to_string(id) + "/approve", admin,
           json::object());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["status"], "approved");
}

TEST_F(RecordsTest, FutureYearAndScopes) {
  auto admin = As(admin_);
  auto r = Get("/api/v1/ledger?year=2026", admin);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "records.year.future");
  EXPECT_EQ(Body(r)["error"]["field"], "year");
  EXPECT_EQ(Get("/api/v1/ledger?year=abc", admin).status, 422);
  // Without ?year: this year (2025 by the test's clock).
  r = Get("/api/v1/ledger", admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["year"], 2025);
  EXPECT_EQ(Get("/api/v1/ledger/export.xlsx?year=2026", admin).status, 422);
  r = Get("/api/v1/ledger?year=2025&unit_id=" + std::to_string(unit_), admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["people"], 2);
  r = Get("/api/v1/ledger.xlsx?year=2024", admin);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  r = Get("/api/v1/ledger.pdf?year=2024&unit_id=" + std::to_string(unit_), admin);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(PdfText(r.body).find("学时台账"), std::string::npos);

  // A liaison sees their unit only; a trainee their own record only.
  auto liaison = MakeUser("records_liaison", Role::kLiaison, unit_);
  auto as_liaison = As(liaison);
  EXPECT_EQ(Get("/api/v1/ledger?year=2024", as_liaison).status, 200);
  r = Get("/api/v1/ledger?year=2024&unit_id=" + std::to_string(other_unit_), as_liaison);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Get("/api/v1/people/" + std::to_string(zhao_) + "/record", as_liaison).status, 404);
  EXPECT_EQ(Get("/api/v1/ledger/district?year=2024", as_liaison).status, 403);
  auto trainee = MakeUser("records_trainee", Role::kTrainee, std::nullopt, wang_);
  auto as_trainee = As(trainee);
  r = Get("/api/v1/me/record", as_trainee);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["person"]["name"], "王小明");
  EXPECT_EQ(Get("/api/v1/people/" + std::to_string(li_) + "/record", as_trainee).status, 404);
  EXPECT_EQ(Get("/api/v1/ledger?year=2024", as_trainee).status, 403);

  // Targets: configurable, validated, audited.
  r = Send(api::Method::kPut, "/api/v1/records/targets", admin,
           json{{"hours_per_day", 6}, {"carry_over", true}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["hours_per_day"], 6.0);
  EXPECT_EQ(Body(r)["township_year_hours"], 90.0);
  r = Send(api::Method::kPut, "/api/v1/records/targets", admin, json{{"colour", 1}}.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(Body(r)["error"]["field"], "colour");
}

// ---- bulk import of outside hours (outside_import.h) ---------------------------------

const std::vector<std::string> kImportHeader = {"人员编号", "身份证号", "姓名",     "类别",
                                                "培训名称", "主办单位", "开始日期", "结束日期",
                                                "学时",     "天数",     "证明编号"};

io::Table ImportTable(const std::vector<std::vector<std::string>>& rows) {
  io::Table t;
  t.header = kImportHeader;
  for (const auto& r : rows) {
    t.rows.push_back(r);
    t.source_rows.push_back(static_cast<int>(t.rows.size()) + 1);
  }
  return t;
}

std::string Bytes(const io::Table& t, const std::string& format,
                  io::CsvEncoding encoding = io::CsvEncoding::kUtf8Bom) {
  io::DownloadOptions o;
  o.encoding = encoding;
  auto b = io::TableToBytes(t, format, "校外学时", o);
  EXPECT_TRUE(b.ok());
  return b.ok() ? *b : "";
}

// A GB18030 csv with 买买提·艾力 (by ID number) and 王䶮 (by 人员编号), approved at
// import: the names survive, the proof is the reference, and the approved hours land
// in the ledger's sum (no class this year: the outside hours are the whole sum).
TEST_F(RecordsTest, OutsideImportGb18030CsvApprovedLandsInTheLedger) {
  people::PersonInput in;
  in.name = "买买提·艾力";
  in.gender = "女";
  in.unit_id = unit_;
  in.rank = "乡科级";
  in.id_number = "11010519491231002X";
  auto mmt = people_->Create(in);
  ASSERT_TRUE(mmt.ok()) << mmt.error().code << " " << mmt.error().message;
  const int64_t yan = MakePerson("王䶮", unit_, "", "乡科级", "");
  const io::Table table = ImportTable({
      {std::to_string(wang_), "", "王小明", "网络学习", "网络学院专题学习", "×省干部网络学院",
       "2024-09-01", "2024-09-30", "12.5", "", "WL-2024-0930"},
      {"", "110105 19491231 002x", "买买提·艾力", "外单位培训班", "全市民族工作培训班",
       "中共××市委党校", "2024-05-06", "2024-05-07", "", "2", "DX-2024-0507"},
      {std::to_string(yan), "", "王䶮", "", "基层治理专题讲座", "", "2024-03-01", "2024-03-01", "3",
       "", "JC-0301"},
  });
  const std::string csv = Bytes(table, "csv", io::CsvEncoding::kGb18030);
  // Really GB18030: 䶮 (U+4DAE) is a four-byte sequence there, and no UTF-8 BOM.
  ASSERT_EQ(csv.find("\xe4\xb6\xae"), std::string::npos);
  ASSERT_NE(csv.substr(0, 3), "\xef\xbb\xbf");

  auto admin = As(admin_);
  auto r = Send(api::Method::kPost,
                "/api/v1/records/outside-hours/import?filename=outside.csv&approve=1", admin, csv);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["imported"], 3) << r.body;
  EXPECT_EQ(Body(r)["committed"], true);
  EXPECT_TRUE(Body(r)["errors"].empty());

  auto rec = records_->Record(admin_p_, mmt->id);
  ASSERT_TRUE(rec.ok()) << rec.error().code;
  EXPECT_EQ(rec->person.name, "买买提·艾力");
  ASSERT_EQ(rec->outside.size(), 1u);
  EXPECT_EQ(rec->outside[0].status, "approved");
  EXPECT_EQ(rec->outside[0].proof_kind, "ref");
  EXPECT_EQ(rec->outside[0].proof_name, "DX-2024-0507");
  EXPECT_EQ(rec->outside[0].tenths, 160);  // 2 days × 8 学时
  EXPECT_EQ(rec->outside[0].decided_by, admin_.user.id);
  auto yan_rec = records_->Record(admin_p_, yan);
  ASSERT_TRUE(yan_rec.ok());
  EXPECT_EQ(yan_rec->person.name, "王䶮");
  ASSERT_EQ(yan_rec->outside.size(), 1u);
  EXPECT_EQ(yan_rec->outside[0].title, "基层治理专题讲座");

  auto ledger = ledger_->ForUnit(admin_p_, unit_, 2024);
  ASSERT_TRUE(ledger.ok()) << ledger.error().code;
  ASSERT_NE(LineOf(*ledger, wang_), nullptr);
  EXPECT_EQ(LineOf(*ledger, wang_)->verdict.year_tenths, 125);
  EXPECT_EQ(LineOf(*ledger, mmt->id)->verdict.year_tenths, 160);
  EXPECT_EQ(LineOf(*ledger, yan)->verdict.year_tenths, 30);
  EXPECT_EQ(LineOf(*ledger, li_)->verdict.year_tenths, 0);

  // A reference has no file to download.
  r = Get("/api/v1/records/outside-hours/" + std::to_string(rec->outside[0].id) + "/proof", admin);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "records.outside.no_file");
  // Audited per row: created, then approved.
  int64_t created = 0, approved = 0;
  ASSERT_TRUE(db().Read([&](store::Tx& tx) -> Status {
                    PEIXUN_ASSIGN_OR_RETURN(
                        store::Rows rows,
                        tx.Query("SELECT action, count(*) FROM audit_log WHERE action IN "
                                 "('records.outside.create', 'records.outside.approve') "
                                 "GROUP BY action"));
                    for (const auto& row : rows.rows) {
                      (row.Str(0) == "records.outside.create" ? created : approved) = row.Int(1);
                    }
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(created, 3);
  EXPECT_EQ(approved, 3);
  // The same file again: every row is recorded already, nothing written.
  r = Send(api::Method::kPost, "/api/v1/records/outside-hours/import?filename=outside.csv", admin,
           csv);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["imported"], 0);
  EXPECT_EQ(Body(r)["errors"][0]["code"], "records.outside.duplicate");
}

// An xlsx with bad rows: each error names its row and column; nothing is written
// unless skip_bad_rows; imported rows wait for approval, and count only once approved.
TEST_F(RecordsTest, OutsideImportRowErrorsAllOrNothing) {
  const std::string w = std::to_string(wang_);
  const io::Table table = ImportTable({
      {w, "", "王小明", "网络学习", "网络学院专题学习", "×省干部网络学院", "2024-09-01",
       "2024-09-30", "12.5", "", "WL-1"},
      // row 3: no proof reference
      {w, "", "王小明", "网络学习", "党史专题", "", "2024-10-01", "2024-10-02", "4", "", ""},
      // row 4: the name differs from the registered one
      {std::to_string(li_), "", "李三", "", "专题讲座", "", "2024-03-01", "2024-03-01", "3", "",
       "R-4"},
      // row 5: no such person
      {"999999", "", "无名", "", "专题讲座", "", "2024-03-01", "2024-03-01", "3", "", "R-5"},
      // row 6: ends in the future, no hours
      {w, "", "王小明", "", "将来的班", "", "2025-01-01", "2025-03-01", "", "", "R-6"},
      // row 7: repeats row 2
      {w, "", "王小明", "网络学习", "网络学院专题学习", "", "2024-09-01", "2024-09-30", "12.5", "",
       "WL-1"},
      // row 8: an unknown kind
      {w, "", "王小明", "自学", "读书", "", "2024-02-01", "2024-02-01", "2", "", "R-8"},
  });
  const std::string xlsx = Bytes(table, "xlsx");
  ASSERT_EQ(xlsx.substr(0, 2), "PK");
  auto admin = As(admin_);
  auto r =
      Send(api::Method::kPost, "/api/v1/records/outside-hours/import?filename=h.xlsx", admin, xlsx);
  ASSERT_EQ(r.status, 200) << r.body;
  json report = Body(r);
  EXPECT_EQ(report["imported"], 0);
  EXPECT_EQ(report["committed"], false);
  EXPECT_EQ(report["rejected"], 6) << r.body;
  std::map<std::pair<int, std::string>, std::string> errors;
  for (const auto& e : report["errors"]) {
    errors[{e["row"].get<int>(), e["column"].get<std::string>()}] = e["code"];
  }
  EXPECT_EQ((errors[{3, "证明编号"}]), "records.outside.proof") << r.body;
  EXPECT_EQ((errors[{4, "姓名"}]), "records.import.name_mismatch");
  EXPECT_EQ((errors[{5, "人员编号"}]), "records.import.person");
  EXPECT_EQ((errors[{6, "结束日期"}]), "records.outside.date");
  EXPECT_EQ((errors[{6, "学时"}]), "records.outside.hours");
  EXPECT_EQ((errors[{7, "培训名称"}]), "records.import.duplicate_in_file");
  EXPECT_EQ((errors[{8, "类别"}]), "records.outside.kind");
  auto rec = records_->Record(admin_p_, wang_);
  ASSERT_TRUE(rec.ok());
  EXPECT_TRUE(rec->outside.empty());  // all or nothing

  // The good row alone, pending until approved.
  r = Send(api::Method::kPost,
           "/api/v1/records/outside-hours/import?filename=h.xlsx&skip_bad_rows=1", admin, xlsx);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["imported"], 1);
  rec = records_->Record(admin_p_, wang_);
  ASSERT_EQ(rec->outside.size(), 1u);
  EXPECT_EQ(rec->outside[0].status, "pending");
  EXPECT_EQ(LineOf(*ledger_->ForUnit(admin_p_, unit_, 2024), wang_)->verdict.year_tenths, 0);
  r = Get("/api/v1/records/outside-hours/pending", admin);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(Body(r)["items"].size(), 1u);
  EXPECT_EQ(Body(r)["items"][0]["person_name"], "王小明");
  EXPECT_EQ(Body(r)["items"][0]["proof_name"], "WL-1");
  ASSERT_TRUE(records_->DecideOutside(admin_p_, rec->outside[0].id, true, "").ok());
  EXPECT_EQ(LineOf(*ledger_->ForUnit(admin_p_, unit_, 2024), wang_)->verdict.year_tenths, 125);

  // A file without 证明编号 at all: 422 naming the column.
  io::Table no_proof = table;
  no_proof.header.pop_back();
  for (auto& row : no_proof.rows) row.pop_back();
  r = Send(api::Method::kPost, "/api/v1/records/outside-hours/import?filename=h.csv", admin,
           Bytes(no_proof, "csv"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCode(r), "import.column.missing");
  EXPECT_EQ(Body(r)["error"]["field"], "证明编号");

  // A liaison of another unit learns nothing of 王小明 and may not approve at import;
  // a trainee may not import; the template downloads.
  auto liaison = MakeUser("records_import_liaison", Role::kLiaison, other_unit_);
  const io::Table one = ImportTable(
      {{w, "", "王小明", "", "另一个班", "", "2024-04-01", "2024-04-01", "3", "", "R-1"}});
  r = Send(api::Method::kPost, "/api/v1/records/outside-hours/import?filename=h.csv", As(liaison),
           Bytes(one, "csv"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["errors"][0]["code"], "records.import.person");
  r = Send(api::Method::kPost, "/api/v1/records/outside-hours/import?filename=h.csv&approve=1",
           As(liaison), Bytes(one, "csv"));
  EXPECT_EQ(r.status, 403);
  auto trainee = MakeUser("records_import_trainee", Role::kTrainee, std::nullopt, wang_);
  r = Send(api::Method::kPost, "/api/v1/records/outside-hours/import?filename=h.csv", As(trainee),
           Bytes(one, "csv"));
  EXPECT_EQ(r.status, 403);
  r = Get("/api/v1/records/outside-hours/import-template?format=xlsx", admin);
  ASSERT_EQ(r.status, 200);
  auto back = io::ParseUploadedTable(r.body, "t.xlsx");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->header, kImportHeader);
  EXPECT_EQ(back->rows.size(), 2u);
}

// 我的证书: a trainee lists and downloads their own certificates only.
TEST_F(RecordsTest, MyCertificatesAreTheTraineesOwnOnly) {
  using core::AttendanceStatus;
  Held a = HoldClass("2024年社区书记示范培训班", "2024-06-03", {{"08:30", "10:30"}}, {wang_, li_});
  Mark(a.sessions[0], wang_, AttendanceStatus::kAttended);
  Mark(a.sessions[0], li_, AttendanceStatus::kAttended);
  using CS = classes::ClassStatus;
  MoveTo(a.klass.id, {CS::kEnrolling, CS::kRunning, CS::kFinished});
  ASSERT_TRUE(completion_->Decide(admin_p_, a.klass.id).ok());
  for (int64_t p : {wang_, li_}) {
    ASSERT_TRUE(completion_->Override(admin_p_, a.klass.id, p, "completed", "考试已线下核实").ok());
  }
  auto mine = certs_->Issue(admin_p_, a.klass.id, wang_);
  auto theirs = certs_->Issue(admin_p_, a.klass.id, li_);
  ASSERT_TRUE(mine.ok() && theirs.ok());
  auto again = certs_->Reissue(admin_p_, mine->serial, "姓名更正");
  ASSERT_TRUE(again.ok()) << again.error().code;

  auto trainee = As(MakeUser("records_cert_trainee", Role::kTrainee, std::nullopt, wang_));
  auto r = Get("/api/v1/me/certificates", trainee);
  ASSERT_EQ(r.status, 200) << r.body;
  json list = Body(r);
  ASSERT_EQ(list.size(), 2u) << r.body;
  std::map<std::string, std::string> status;
  for (const auto& c : list) {
    EXPECT_EQ(c["person_id"], wang_);
    EXPECT_EQ(c["fields"]["class_name"], "2024年社区书记示范培训班");
    status[c["serial"]] = c["status"];
  }
  EXPECT_EQ(status[mine->serial], "superseded");
  EXPECT_EQ(status[again->serial], "valid");
  r = Get("/api/v1/certificates/" + again->serial + "/pdf", trainee);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(PdfText(r.body).find("王小明"), std::string::npos);
  r = Get("/api/v1/certificates/" + again->serial + "/badge", trainee);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["credentialSubject"]["creditsEarned"], 2.5);
  // Another trainee's certificate: as if it did not exist.
  r = Get("/api/v1/certificates/" + theirs->serial + "/pdf", trainee);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ErrorCode(r), "certificates.not_found");
  EXPECT_EQ(Get("/api/v1/certificates/" + theirs->serial + "/badge", trainee).status, 404);
  // Staff have no 我的证书.
  EXPECT_EQ(Get("/api/v1/me/certificates", As(admin_)).status, 403);
  auto staff = certs_->Mine(admin_p_);
  ASSERT_FALSE(staff.ok());
  EXPECT_EQ(staff.error().code, "certificates.forbidden");
}

// The hours summary (records migration 123) after each kind of change, against a
// hand-computed trainee: 王小明 (乡科级 90, party member 32, community secretary 56)
// and 李四 (乡科级 90). The district view (groups of people over the summary) and
// the unit page (person by person) must say the same.
TEST_F(RecordsTest, SummaryFollowsDecisionOutsideHoursAndErasure) {
  using core::AttendanceStatus;
  auto year_row = [&](int64_t person, int year) -> int64_t {
    int64_t v = -1;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows rows,
          tx.Query("SELECT tenths FROM ledger_year_hours WHERE person_id = ? AND year = ?",
                   {store::Int(person), store::Int(year)}));
      v = rows.empty() ? 0 : rows[0].Int(0);
      return Ok();
    });
    EXPECT_TRUE(st.ok());
    return v;
  };
  // The district's figures for 东关街道幸福社区 and the unit page's, which must agree.
  auto unit_figures = [&](int year) {
    auto d = ledger_->District(admin_p_, year);
    EXPECT_TRUE(d.ok()) << d.error().code;
    std::vector<int64_t> district = {-1, -1, -1, -1};
    for (const auto& u : d->units) {
      if (u.unit_id == unit_) district = {u.people, u.with_target, u.below, u.shortfall_tenths};
    }
    auto l = ledger_->ForUnit(admin_p_, unit_, year);
    EXPECT_TRUE(l.ok()) << l.error().code;
    int64_t shortfall = 0;
    for (const auto& line : l->lines)
      shortfall += line.verdict.below ? line.verdict.shortfall_tenths : 0;
    EXPECT_EQ(district, (std::vector<int64_t>{l->people, l->with_target, l->below, shortfall}));
    return district;
  };
  Held a = HoldClass("2024年社区书记示范培训班", "2024-06-03",
                     {{"08:30", "10:30"}, {"14:30", "16:30"}, {"16:40", "17:25"}}, {wang_, li_});
  ASSERT_EQ(a.tenths, (std::vector<int>{25, 25, 10}));
  for (int64_t s : a.sessions) Mark(s, wang_, AttendanceStatus::kAttended);
  Mark(a.sessions[0], li_, AttendanceStatus::kAttended);
  Mark(a.sessions[1], li_, AttendanceStatus::kAbsent);
  Mark(a.sessions[2], li_, AttendanceStatus::kAttended);
  using CS = classes::ClassStatus;
  MoveTo(a.klass.id, {CS::kEnrolling, CS::kRunning, CS::kFinished});
  // Finished, not decided: live, nothing in the summary, the same figures (by attendance).
  EXPECT_EQ(year_row(wang_, 2024), 0);
  EXPECT_EQ(unit_figures(2024), (std::vector<int64_t>{2, 2, 2, (900 - 60) + (900 - 35)}));

  // 1. The decision: 6 学时 for 王小明, 3.5 for 李四, in 2024.
  ASSERT_TRUE(completion_->Decide(admin_p_, a.klass.id).ok());
  EXPECT_EQ(year_row(wang_, 2024), 60);
  EXPECT_EQ(year_row(li_, 2024), 35);
  EXPECT_EQ(unit_figures(2024), (std::vector<int64_t>{2, 2, 2, (900 - 60) + (900 - 35)}));
  auto l = ledger_->ForUnit(admin_p_, unit_, 2024);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(LineOf(*l, wang_)->verdict.year_tenths, 60);
  EXPECT_EQ(LineOf(*l, wang_)->verdict.checks.size(), 3u);
  EXPECT_EQ(LineOf(*l, li_)->verdict.year_tenths, 35);

  // 2. Outside hours approved: + 12.5 学时 (2024-09-30) for 王小明 → 18.5.
  auto entry = records_->AddOutside(admin_p_, Outside(wang_, kPdfProof));
  ASSERT_TRUE(entry.ok()) << entry.error().code;
  EXPECT_EQ(year_row(wang_, 2024), 60);  // pending: not yet
  ASSERT_TRUE(records_->DecideOutside(admin_p_, entry->id, true, "").ok());
  EXPECT_EQ(year_row(wang_, 2024), 185);
  EXPECT_EQ(unit_figures(2024), (std::vector<int64_t>{2, 2, 2, (900 - 185) + (900 - 35)}));
  EXPECT_EQ(LineOf(*ledger_->ForUnit(admin_p_, unit_, 2024), wang_)->verdict.year_tenths, 185);

  // 3. Erasure of 王小明: the hours stay; no 入党日期 and no position any more, so only
  // the 乡科级 target is left (shortfall 90 − 18.5 either way).
  privacy::PrivacyService privacy(db(), key_);
  auto erased = privacy.Erase(admin_p_, wang_, "本人申请删除");
  ASSERT_TRUE(erased.ok()) << erased.error().code;
  EXPECT_EQ(year_row(wang_, 2024), 185);
  EXPECT_EQ(year_row(li_, 2024), 35);
  EXPECT_EQ(unit_figures(2024), (std::vector<int64_t>{2, 2, 2, (900 - 185) + (900 - 35)}));
  l = ledger_->ForUnit(admin_p_, unit_, 2024);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(LineOf(*l, wang_)->verdict.year_tenths, 185);
  EXPECT_EQ(LineOf(*l, wang_)->verdict.checks.size(), 1u);

  // A rebuild from the decisions and outside hours gives the same rows.
  auto rebuilt = ledger_->RebuildSummary();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().code;
  EXPECT_EQ(rebuilt->classes, 1);
  EXPECT_EQ(rebuilt->credits, 2);
  EXPECT_EQ(rebuilt->year_rows, 2);
  EXPECT_EQ(year_row(wang_, 2024), 185);
  EXPECT_EQ(year_row(li_, 2024), 35);
  EXPECT_EQ(unit_figures(2024), (std::vector<int64_t>{2, 2, 2, (900 - 185) + (900 - 35)}));
  // 2025 (this year by the test's clock): nothing earned yet.
  EXPECT_EQ(unit_figures(2025), (std::vector<int64_t>{2, 2, 2, 900 + 900}));
}

// The stored district view (records migration 124) against hand-computed figures
// and against the live computation, after each kind of change to its inputs. Year
// 2024 (stored: the test's clock is in 2025, so 2021-2025 are stored).
//   东关街道幸福社区 (community): 王小明 (乡科级 90, party 32, secretary 56),
//     李四 (乡科级 90, then promoted to 县处级 on 2024-03-01: the promotion check,
//     due 2025-03-01, is "due", not below), later 赵六 (moved in, no target);
//   西关街道和平社区 (community): 赵六 (no target), 陈七 (县处级: 550 in 2020-2024),
//     孙书记 (created after the rebuild; a 书记 with no rank: secretary 56 only, until
//     the unit becomes an agency).
// Figures are {people, with a target, below, Σ shortfall in tenths}.
TEST_F(RecordsTest, StoredDistrictEqualsHandAndLiveComputation) {
  using core::AttendanceStatus;
  using Figures = std::vector<int64_t>;
  auto exec = [&](const std::string& sql) {
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(sql, {}));
      return Ok();
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  };
  auto stored_people = [&](int year) -> int64_t {
    int64_t n = -1;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows rows,
          tx.Query(
              "SELECT COALESCE(SUM(people), 0), COUNT(*) FROM ledger_unit_years WHERE year = ?",
              {store::Int(year)}));
      n = rows[0].Int(1) == 0 ? -1 : rows[0].Int(0);
      return Ok();
    });
    EXPECT_TRUE(st.ok());
    return n;
  };
  auto of = [](const records::DistrictSummary& d, int64_t unit) {
    for (const auto& u : d.units) {
      if (u.unit_id == unit) return Figures{u.people, u.with_target, u.below, u.shortfall_tenths};
    }
    return Figures{0, 0, 0, 0};
  };
  // The district (stored) equals the hand figures, each unit's page, and the
  // district computed live (the summary marked for a rebuild: nothing stored is read).
  auto check = [&](int year, const Figures& here, const Figures& there, const char* step) {
    SCOPED_TRACE(step);
    auto d = ledger_->District(admin_p_, year);
    ASSERT_TRUE(d.ok()) << d.error().code;
    EXPECT_EQ(of(*d, unit_), here);
    EXPECT_EQ(of(*d, other_unit_), there);
    EXPECT_EQ(d->people, here[0] + there[0]);
    EXPECT_EQ(d->with_target, here[1] + there[1]);
    EXPECT_EQ(d->below, here[2] + there[2]);
    EXPECT_EQ(stored_people(year), d->people);  // the stored rows were read
    for (int64_t unit : {unit_, other_unit_}) {
      auto l = ledger_->ForUnit(admin_p_, unit, year);
      ASSERT_TRUE(l.ok()) << l.error().code;
      int64_t shortfall = 0;
      for (const auto& line : l->lines) {
        shortfall += line.verdict.below ? line.verdict.shortfall_tenths : 0;
      }
      EXPECT_EQ(of(*d, unit), (Figures{l->people, l->with_target, l->below, shortfall}));
    }
    exec("UPDATE ledger_summary_state SET needs_rebuild = 1");
    auto live = ledger_->District(admin_p_, year);
    exec("UPDATE ledger_summary_state SET needs_rebuild = 0");
    ASSERT_TRUE(live.ok()) << live.error().code;
    EXPECT_EQ(live->people, d->people);
    EXPECT_EQ(live->with_target, d->with_target);
    EXPECT_EQ(live->below, d->below);
    ASSERT_EQ(live->units.size(), d->units.size());
    for (size_t i = 0; i < d->units.size(); ++i) {
      EXPECT_EQ(of(*live, d->units[i].unit_id), of(*d, d->units[i].unit_id));
    }
  };
  int64_t chen = MakePerson("陈七", other_unit_, "", "县处级", "");
  auto rebuilt = ledger_->RebuildSummary();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().code;
  int64_t sun = MakePerson("孙书记", other_unit_, "书记", "", "");  // after: the listener
  check(2024, {2, 2, 2, 900 + 900}, {3, 2, 2, 5500 + 560}, "built, nothing earned");

  // A decided class in 2024: 6 学时 each for 王小明, 李四, 陈七.
  Held a =
      HoldClass("2024年社区书记示范培训班", "2024-06-03",
                {{"08:30", "10:30"}, {"14:30", "16:30"}, {"16:40", "17:25"}}, {wang_, li_, chen});
  for (int64_t s : a.sessions) {
    for (int64_t p : {wang_, li_, chen}) Mark(s, p, AttendanceStatus::kAttended);
  }
  using CS = classes::ClassStatus;
  MoveTo(a.klass.id, {CS::kEnrolling, CS::kRunning, CS::kFinished});
  check(2024, {2, 2, 2, 840 + 840}, {3, 2, 2, 5440 + 560}, "finished, live");
  ASSERT_TRUE(completion_->Decide(admin_p_, a.klass.id).ok());
  check(2024, {2, 2, 2, 840 + 840}, {3, 2, 2, 5440 + 560}, "decided");

  // Outside hours approved: 陈七 + 12.5 → 18.5.
  auto entry = records_->AddOutside(admin_p_, Outside(chen, kPdfProof));
  ASSERT_TRUE(entry.ok()) << entry.error().code;
  ASSERT_TRUE(records_->DecideOutside(admin_p_, entry->id, true, "").ok());
  check(2024, {2, 2, 2, 840 + 840}, {3, 2, 2, 5315 + 560}, "outside hours");

  // 李四 promoted: the rank (people) makes the 5-year target his; the promotion date
  // (records) makes it due within a year.
  people::PersonInput li_in;
  li_in.name = "李四";
  li_in.gender = "男";
  li_in.unit_id = unit_;
  li_in.position = "党务干事";
  li_in.rank = "县处级";
  ASSERT_TRUE(people_->Update(li_, li_in).ok());
  check(2024, {2, 2, 2, 840 + 5440}, {3, 2, 2, 5315 + 560}, "rank");
  ASSERT_TRUE(records_->SetPromotion(admin_p_, li_, "2024-03-01").ok());
  check(2024, {2, 2, 1, 840}, {3, 2, 2, 5315 + 560}, "promotion date");

  // 赵六 moves to 东关街道幸福社区.
  people::PersonInput zhao_in;
  zhao_in.name = "赵六";
  zhao_in.gender = "男";
  zhao_in.unit_id = unit_;
  ASSERT_TRUE(people_->Update(zhao_, zhao_in).ok());
  check(2024, {3, 2, 1, 840}, {2, 2, 2, 5315 + 560}, "unit move");

  // 6 学时 a day: 12 days = 72 学时 < 90, 90 days = 540 学时 < 550.
  core::HoursTargetRules rules;
  rules.tenths_per_day = 60;
  rules.tenths_per_half_day = 30;
  ASSERT_TRUE(records_->SetTargets(admin_p_, rules).ok());
  check(2024, {3, 2, 1, 720 - 60}, {2, 2, 2, (5400 - 185) + 560}, "settings");

  // 西关街道和平社区 becomes an agency: 孙书记 is no grassroots secretary any more.
  auto other = org_->Get(other_unit_);
  ASSERT_TRUE(other.ok());
  org::UnitInput unit_in;
  unit_in.name = other->name;
  unit_in.parent_id = other->parent_id;
  unit_in.kind = org::UnitKind::kAgency;
  ASSERT_TRUE(org_->Update(other_unit_, unit_in).ok());
  check(2024, {3, 2, 1, 660}, {2, 1, 1, 5215}, "unit kind");

  // Erasure of 王小明: only 乡科级 is left (the largest shortfall was it already).
  privacy::PrivacyService privacy(db(), key_);
  ASSERT_TRUE(privacy.Erase(admin_p_, wang_, "本人申请删除").ok());
  check(2024, {3, 2, 1, 660}, {2, 1, 1, 5215}, "erasure");

  // 赵六 and 孙书记 removed.
  ASSERT_TRUE(people_->Delete(zhao_).ok());
  ASSERT_TRUE(people_->Delete(sun).ok());
  check(2024, {2, 2, 1, 660}, {1, 1, 1, 5215}, "removal");
  // Other stored years: in 2025 (this year) 王小明 has nothing yet, 李四's promotion
  // check is still due, 陈七's window (2021-2025) holds 18.5; in 2023 李四 was still
  // 乡科级 (before his promotion year) and 陈七's window (2019-2023) holds nothing.
  check(2025, {2, 2, 1, 720}, {1, 1, 1, 5400 - 185}, "2025");
  check(2023, {2, 2, 2, 720 + 720}, {1, 1, 1, 5400}, "2023");

  // A rebuild recomputes the same.
  ASSERT_TRUE(ledger_->RebuildSummary().ok());
  check(2024, {2, 2, 1, 660}, {1, 1, 1, 5215}, "rebuilt");
}

// Migration 123 no longer copies other modules' tables: a database from before
// migration 124 (its summary empty or stale, needs_rebuild set by the migration) gets
// the summary built through the owners' public functions when it is opened
// (RebuildSummaryIfNeeded, cli/database.cc); in a new year the stored district view
// moves to the 5 years ending with it.
TEST_F(RecordsTest, SummaryIsBuiltAfterTheMigrationsAndFollowsTheYear) {
  using core::AttendanceStatus;
  auto count = [&](const std::string& sql) -> int64_t {
    int64_t n = -1;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, {}));
      n = rows[0].Int(0);
      return Ok();
    });
    EXPECT_TRUE(st.ok()) << st.error().message;
    return n;
  };
  auto exec = [&](const std::string& sql) {
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(sql, {}));
      return Ok();
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  };
  // A fresh database: the migration asked for the rebuild.
  EXPECT_EQ(count("SELECT needs_rebuild FROM ledger_summary_state"), 1);
  auto built = ledger_->RebuildSummaryIfNeeded();
  ASSERT_TRUE(built.ok()) << built.error().code;
  EXPECT_TRUE(*built);
  EXPECT_EQ(count("SELECT needs_rebuild FROM ledger_summary_state"), 0);
  EXPECT_EQ(count("SELECT last_year FROM ledger_summary_state"), 2025);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_person_marks"), 3);
  built = ledger_->RebuildSummaryIfNeeded();
  ASSERT_TRUE(built.ok());
  EXPECT_FALSE(*built);  // nothing to do

  Held a = HoldClass("2024年社区书记示范培训班", "2024-06-03",
                     {{"08:30", "10:30"}, {"14:30", "16:30"}, {"16:40", "17:25"}}, {wang_, li_});
  for (int64_t s : a.sessions) {
    for (int64_t p : {wang_, li_}) Mark(s, p, AttendanceStatus::kAttended);
  }
  using CS = classes::ClassStatus;
  MoveTo(a.klass.id, {CS::kEnrolling, CS::kRunning, CS::kFinished});
  ASSERT_TRUE(completion_->Decide(admin_p_, a.klass.id).ok());
  auto before = ledger_->District(admin_p_, 2024);
  ASSERT_TRUE(before.ok());
  // As migration 123 now leaves a database that had decisions: the tables empty,
  // the rebuild asked for.
  for (const char* t : {"ledger_class_credits", "ledger_classes", "ledger_year_hours",
                        "ledger_person_marks", "ledger_unit_years"}) {
    exec(std::string("DELETE FROM ") + t);
  }
  exec("UPDATE ledger_summary_state SET needs_rebuild = 1");
  built = ledger_->RebuildSummaryIfNeeded();
  ASSERT_TRUE(built.ok()) << built.error().code;
  EXPECT_TRUE(*built);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_class_credits"), 2);
  EXPECT_EQ(count("SELECT SUM(tenths) FROM ledger_year_hours WHERE year = 2024"), 120);
  EXPECT_EQ(count("SELECT SUM(people) FROM ledger_unit_years WHERE year = 2024"), 3);
  auto after = ledger_->District(admin_p_, 2024);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->below, before->below);
  EXPECT_EQ(after->with_target, before->with_target);
  ASSERT_EQ(after->units.size(), before->units.size());
  for (size_t i = 0; i < after->units.size(); ++i) {
    EXPECT_EQ(after->units[i].shortfall_tenths, before->units[i].shortfall_tenths);
  }

  // 2026-01-15: the next open stores 2022-2026.
  now_ = kJan2025 + 365LL * 24 * 3600 * 1000;
  built = ledger_->RebuildSummaryIfNeeded();
  ASSERT_TRUE(built.ok()) << built.error().code;
  EXPECT_TRUE(*built);
  EXPECT_EQ(count("SELECT first_year FROM ledger_summary_state"), 2022);
  EXPECT_EQ(count("SELECT last_year FROM ledger_summary_state"), 2026);
  EXPECT_EQ(count("SELECT SUM(people) FROM ledger_unit_years WHERE year = 2026"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_unit_years WHERE year = 2021"), 0);
}

}  // namespace
}  // namespace peixun::test
