// Completion (结业) on SQLite and PostgreSQL: the status while the class runs (at risk
// first, what is still possible), the decision at the end (every reason stored,
// 退学 for the leave share, "not assessed" without an assessment source, idempotent),
// overrides with a reason, and 优秀学员 within the share — through the service and
// the HTTP routes.
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "classes_fixture.h"
#include "core/certificate_serial.h"
#include "io/qr_code.h"
#include "io/zip_archive.h"
#include "modules/attendance/attendance_routes.h"
#include "modules/attendance/attendance_service.h"
#include "modules/certificates/certificate_service.h"
#include "modules/certificates/certificates_routes.h"
#include "modules/completion/completion_routes.h"
#include "modules/completion/completion_service.h"
#include "modules/groups/groups_service.h"
#include "modules/settings/public_base_url.h"
#include "modules/settings/settings_routes.h"
#include "seed_rows.h"

namespace peixun::test {
namespace {

using completion::ClassCompletion;
using completion::TraineeAssessment;

class CompletionTest : public ClassesTest {
 protected:
  void SetUp() override {
    ClassesTest::SetUp();
    if (HasFatalFailure()) return;
    auto clock = [this] { return now_; };
    att_ = std::make_unique<attendance::AttendanceServices>(db(), key_, clock);
    service_ = std::make_shared<completion::CompletionService>(db(), clock);
    completion::RegisterCompletionRoutes(router_, service_);
    certs_ = std::make_shared<certificates::CertificateService>(db(), clock);
    certificates::RegisterCertificatesRoutes(router_, certs_);
    klass_ = MakeClass();
    unit_ = MakeUnit("东关街道幸福社区", std::nullopt);
    // Seven sessions of the same length: one of them is exactly 1/7 of the programme.
    for (int i = 0; i < 7; ++i) {
      const std::string day = "2020-06-0" + std::to_string(2 + i / 2);
      const bool morning = i % 2 == 0;
      auto s =
          AddSession(klass_.id, "lecture", std::string(kSeedLecture) + std::to_string(i + 1),
                     day + (morning ? "T08:30" : "T14:30"), day + (morning ? "T10:30" : "T16:30"));
      ASSERT_TRUE(s.ok()) << s.error().message;
      sessions_ids_.push_back(s->session.id);
      ends_.push_back(s->session.end_ms);
      tenths_ = s->session.credit_tenths;
    }
    admin_ = MakeUser("completion_admin", Role::kAdmin);
    admin_p_.user_id = admin_.user.id;
    admin_p_.username = "completion_admin";
    admin_p_.role = Role::kAdmin;
    // 王小明 attends everything; 买买提·艾力 takes one session off (exactly 1/7);
    // 䶮 takes two (2/7: 退学); 李四 is absent once.
    names_ = {"王小明", "买买提·艾力", "䶮", "李四"};
    ids_ = AddTrainees(names_);
  }
  void TearDown() override {
    certs_.reset();
    att_.reset();
    service_.reset();
    ClassesTest::TearDown();
  }

  std::vector<int64_t> AddTrainees(const std::vector<std::string>& names) {
    std::vector<int64_t> ids;
    Status st = db().Transact([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(ids, AddPeopleIn(tx, key_, unit_, names));
      return AddApprovedEnrollmentsIn(tx, klass_.id, unit_, ids);
    });
    EXPECT_TRUE(st.ok()) << st.error().message;
    return ids;
  }

  void Mark(size_t session, size_t trainee, core::AttendanceStatus status) {
    attendance::CorrectionInput c;
    c.person_id = ids_[trainee];
    c.status = status;
    c.reason = "班主任核实";
    auto r = att_->attendance->Correct(admin_p_, sessions_ids_[session], c);
    ASSERT_TRUE(r.ok()) << r.error().code;
  }

  // Sessions 0..n-1 decided as the setup comment says.
  void MarkFirst(size_t n) {
    using core::AttendanceStatus;
    for (size_t s = 0; s < n; ++s) {
      Mark(s, 0, AttendanceStatus::kAttended);
      Mark(s, 1, s == 1 ? AttendanceStatus::kExcused : AttendanceStatus::kAttended);
      Mark(s, 2, s == 1 || s == 5 ? AttendanceStatus::kExcused : AttendanceStatus::kAttended);
      Mark(s, 3, s == 2 ? AttendanceStatus::kAbsent : AttendanceStatus::kAttended);
    }
  }

  void Finish() {
    for (auto to : {classes::ClassStatus::kEnrolling, classes::ClassStatus::kRunning,
                    classes::ClassStatus::kFinished}) {
      auto moved = classes_->ChangeStatus(klass_.id, to);
      ASSERT_TRUE(moved.ok()) << moved.error().message;
    }
  }

  const completion::TraineeCompletion& Of(const ClassCompletion& c, size_t trainee) {
    for (const auto& t : c.trainees) {
      if (t.person_id == ids_[trainee]) return t;
    }
    ADD_FAILURE() << "no trainee " << trainee;
    static completion::TraineeCompletion none;
    return none;
  }

  static std::vector<std::string> Codes(const std::vector<core::CompletionReason>& reasons) {
    std::vector<std::string> out;
    for (const auto& r : reasons) out.push_back(r.code);
    return out;
  }

  int64_t AuditCount(const std::string& action) {
    auto n = store::ReadValue<int64_t>(db(), [&](store::Tx& tx) -> Result<int64_t> {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows r,
          tx.Query("SELECT count(*) FROM audit_log WHERE action = ?", {store::Text(action)}));
      return r[0].Int(0);
    });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  // Every trainee sat the exam (scores by trainee) and submitted a reflection.
  void SetScores(std::vector<double> scores) {
    service_->SetAssessmentSource(
        [this, scores](store::Tx&, int64_t) -> Result<std::map<int64_t, TraineeAssessment>> {
          std::map<int64_t, TraineeAssessment> out;
          for (size_t i = 0; i < ids_.size(); ++i) {
            TraineeAssessment a;
            a.class_has_exam = true;
            a.exam_score = scores[i];
            a.reflection = core::ReflectionState::kSubmitted;
            out[ids_[i]] = a;
          }
          return out;
        });
  }

  int64_t now_ = 0;
  std::unique_ptr<attendance::AttendanceServices> att_;
  std::shared_ptr<completion::CompletionService> service_;
  std::shared_ptr<certificates::CertificateService> certs_;
  classes::TrainingClass klass_;
  int64_t unit_ = 0;
  std::vector<int64_t> sessions_ids_;
  std::vector<int64_t> ends_;
  int tenths_ = 0;
  auth::CreatedUser admin_;
  Principal admin_p_;
  std::vector<std::string> names_;
  std::vector<int64_t> ids_;
};

TEST_F(CompletionTest, WhileRunningAtRiskFirstWithWhatIsStillPossible) {
  now_ = ends_[2] + kMinute;  // three sessions over, four to come
  MarkFirst(3);
  auto c = service_->Status(admin_p_, klass_.id);
  ASSERT_TRUE(c.ok()) << c.error().code;
  ASSERT_EQ(c->trainees.size(), 4u);
  EXPECT_FALSE(c->finished);
  EXPECT_FALSE(c->assessed);
  // 买买提·艾力 and 䶮 have one session of leave each: one more would exceed 1/7 → at
  // risk, listed first; 李四's absence makes him ineligible (limit 0); 王小明 on track.
  EXPECT_EQ(c->trainees[0].verdict.state, core::CompletionVerdict::State::kAtRisk);
  EXPECT_EQ(c->trainees[1].verdict.state, core::CompletionVerdict::State::kAtRisk);
  EXPECT_EQ(c->trainees[2].person_id, ids_[3]);
  EXPECT_EQ(Codes(c->trainees[2].verdict.reasons), std::vector<std::string>{"completion.absences"});
  const auto& clean = Of(*c, 0);
  EXPECT_EQ(clean.verdict.state, core::CompletionVerdict::State::kOnTrack);
  // Programme = 7 sessions; allowed leave = floor(7 × t ÷ 7) = one session's hours.
  EXPECT_EQ(clean.verdict.programme_tenths, 7 * tenths_);
  EXPECT_EQ(clean.verdict.leave_tenths_left, tenths_);
  EXPECT_EQ(Of(*c, 1).verdict.leave_tenths_left, 0);
  EXPECT_EQ(Of(*c, 1).verdict.not_assessed,
            (std::vector<std::string>{"completion.exam.not_assessed",
                                      "completion.reflection.not_assessed"}));
  // Not finished: no decision yet.
  auto early = service_->Decide(admin_p_, klass_.id);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "completion.not_finished");
}

TEST_F(CompletionTest, DecisionWithoutAssessmentThenWithScoresIdempotentAndOverridden) {
  now_ = ends_[6] + kHour;
  MarkFirst(7);
  Finish();
  // No assessment source: nobody is completed by default.
  auto first = service_->Decide(admin_p_, klass_.id);
  ASSERT_TRUE(first.ok()) << first.error().code;
  EXPECT_EQ(first->changed, 4);
  EXPECT_EQ(Of(first->completion, 0).decision->outcome, "not_assessed");
  EXPECT_EQ(Of(first->completion, 1).decision->outcome, "not_assessed");
  EXPECT_EQ(Of(first->completion, 2).decision->outcome, "dismissed");  // 退学: 2/7 on leave
  EXPECT_EQ(Of(first->completion, 3).decision->outcome, "not_completed");

  // With exam scores: 李四 also failed the exam, both reasons stored.
  SetScores({85, 60, 90, 59.5});
  auto second = service_->Decide(admin_p_, klass_.id);
  ASSERT_TRUE(second.ok()) << second.error().code;
  EXPECT_EQ(second->changed, 4);
  const auto& c = second->completion;
  EXPECT_EQ(Of(c, 0).decision->outcome, "completed");
  EXPECT_EQ(Of(c, 0).decision->credited_tenths, 7 * tenths_);
  EXPECT_EQ(Of(c, 1).decision->outcome, "completed");  // exactly 1/7, exactly 60
  EXPECT_EQ(Codes(Of(c, 2).decision->reasons), std::vector<std::string>{"completion.leave_share"});
  EXPECT_EQ(Of(c, 3).decision->outcome, "not_completed");
  EXPECT_EQ(Codes(Of(c, 3).decision->reasons),
            (std::vector<std::string>{"completion.absences", "completion.exam.failed"}));

  // Twice: the same result, nothing written, no second audit entry.
  const int64_t audits = AuditCount("completion.decide");
  auto again = service_->Decide(admin_p_, klass_.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->changed, 0);
  EXPECT_EQ(AuditCount("completion.decide"), audits);
  EXPECT_EQ(Of(again->completion, 3).decision->outcome, "not_completed");

  // Override needs a reason and a decided trainee.
  auto no_reason = service_->Override(admin_p_, klass_.id, ids_[3], "completed", "  ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, "completion.override.reason");
  auto bad_outcome = service_->Override(admin_p_, klass_.id, ids_[3], "passed", "理由");
  ASSERT_FALSE(bad_outcome.ok());
  EXPECT_EQ(bad_outcome.error().field, "outcome");
  auto stranger = service_->Override(admin_p_, klass_.id, 987654321, "completed", "理由");
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().code, "completion.not_decided");
  const int64_t overrides = AuditCount("completion.override");
  auto ok =
      service_->Override(admin_p_, klass_.id, ids_[3], "completed", "补考合格，经研究同意结业");
  ASSERT_TRUE(ok.ok()) << ok.error().code;
  EXPECT_EQ(ok->outcome, "completed");
  EXPECT_EQ(ok->computed_outcome, "not_completed");
  EXPECT_EQ(AuditCount("completion.override"), overrides + 1);
  // A later run keeps the override.
  auto after = service_->Decide(admin_p_, klass_.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->changed, 0);
  EXPECT_EQ(Of(after->completion, 3).decision->outcome, "completed");
  EXPECT_EQ(Of(after->completion, 3).decision->override_reason, "补考合格，经研究同意结业");
}

TEST_F(CompletionTest, OutstandingTraineesWithinTheShareApprovedByTheOrganizer) {
  now_ = ends_[6] + kHour;
  MarkFirst(7);
  Finish();
  SetScores({85, 60, 90, 70});
  ASSERT_TRUE(service_->Decide(admin_p_, klass_.id).ok());
  completion::CompletionSettings settings;
  settings.excellent_percent = 25;  // 4 trainees → 1
  ASSERT_TRUE(service_->SetSettings(admin_p_, klass_.id, settings).ok());
  settings.excellent_percent = 101;
  auto bad = service_->SetSettings(admin_p_, klass_.id, settings);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "excellent_percent");

  EXPECT_EQ(*service_->Nominate(admin_p_, klass_.id, ids_[0], "学习认真"), "nominated");
  EXPECT_EQ(*service_->Nominate(admin_p_, klass_.id, ids_[1], ""), "nominated");
  auto dismissed = service_->Nominate(admin_p_, klass_.id, ids_[2], "");
  ASSERT_FALSE(dismissed.ok());
  EXPECT_EQ(dismissed.error().code, "completion.excellent.not_completed");
  auto outsider = service_->Nominate(admin_p_, klass_.id, 987654321, "");
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, "completion.excellent.not_trainee");

  Principal organizer;
  organizer.user_id = MakeUser("completion_org", Role::kOrganizer).user.id;
  organizer.role = Role::kOrganizer;
  EXPECT_EQ(*service_->Approve(organizer, klass_.id, ids_[0]), "approved");
  auto over = service_->Approve(organizer, klass_.id, ids_[1]);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "completion.excellent.over_share");
  auto unknown = service_->Approve(organizer, klass_.id, ids_[3]);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "completion.excellent.not_found");
  // A trainee who leads no group may not nominate.
  Principal trainee;
  trainee.role = Role::kTrainee;
  trainee.person_id = ids_[3];
  auto refused = service_->Nominate(trainee, klass_.id, ids_[1], "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden);

  auto c = service_->Status(admin_p_, klass_.id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->excellent_limit, 1);
  EXPECT_EQ(Of(*c, 0).excellent, "approved");
  EXPECT_EQ(Of(*c, 1).excellent, "nominated");
}

TEST_F(CompletionTest, GroupLeadersNominateTheirOwnGroupOnly) {
  now_ = ends_[6] + kHour;
  MarkFirst(7);
  groups::GroupsService groups(db());
  auto made = groups.Generate(admin_p_, klass_.id, 2);
  ASSERT_TRUE(made.ok()) << made.error().code;
  Finish();
  SetScores({85, 60, 90, 70});
  ASSERT_TRUE(service_->Decide(admin_p_, klass_.id).ok());
  ASSERT_EQ(made->groups.size(), 2u);
  const groups::ClassGroup& mine = made->groups[0];
  const groups::ClassGroup& other = made->groups[1];
  ASSERT_TRUE(mine.leader_person_id.has_value());
  Principal leader;
  leader.role = Role::kTrainee;
  leader.person_id = mine.leader_person_id;
  for (const auto& m : mine.members) {
    auto r = service_->Nominate(leader, klass_.id, m.person_id, "");
    // Allowed: nominated, or refused only because the member did not complete.
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "completion.excellent.not_completed") << m.name;
    }
  }
  for (const auto& m : other.members) {
    auto r = service_->Nominate(leader, klass_.id, m.person_id, "");
    ASSERT_FALSE(r.ok()) << m.name;
    EXPECT_EQ(r.error().kind, ErrorKind::kForbidden) << m.name;
  }
}

TEST_F(CompletionTest, RoutesTranslateAndRefuseBadInput) {
  now_ = ends_[6] + kHour;
  MarkFirst(7);
  Finish();
  SetScores({85, 60, 90, 70});
  const auto as = As(admin_);
  const std::string base = "/api/v1/classes/" + std::to_string(klass_.id) + "/completion";
  auto decided = Post(base + "/decision", as, json::object());
  ASSERT_EQ(decided.status, 200) << decided.body;
  json body = Body(decided);
  EXPECT_EQ(body["changed"], 4);
  ASSERT_EQ(body["trainees"].size(), 4u);
  bool saw_dismissed = false;
  for (const auto& t : body["trainees"]) {
    if (t["person_id"] == ids_[2]) {
      saw_dismissed = t["decision"]["outcome"] == "dismissed";
      EXPECT_EQ(t["name"], "䶮");
    }
  }
  EXPECT_TRUE(saw_dismissed) << body.dump();
  auto again = Post(base + "/decision", as, json::object());
  EXPECT_EQ(Body(again)["changed"], 0);

  const std::string person = base + "/decision/" + std::to_string(ids_[3]);
  auto no_reason = Send(api::Method::kPut, person, as, json{{"outcome", "completed"}}.dump());
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(ErrorCode(no_reason), "completion.override.reason");
  EXPECT_EQ(Body(no_reason)["error"]["field"], "reason");
  auto unknown_field = Send(api::Method::kPut, person, as,
                            json{{"outcome", "completed"}, {"reason", "x"}, {"extra", 1}}.dump());
  EXPECT_EQ(unknown_field.status, 400) << unknown_field.body;
  EXPECT_EQ(ErrorCode(unknown_field), "request.unknown_field");
  auto ok = Send(api::Method::kPut, person, as,
                 json{{"outcome", "dismissed"}, {"reason", "经研究决定"}}.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["outcome"], "dismissed");

  auto read = Get(base, as);
  ASSERT_EQ(read.status, 200);
  EXPECT_TRUE(Body(read)["finished"].get<bool>());
  auto bad_percent =
      Send(api::Method::kPut, base + "/settings", as, json{{"excellent_percent", 120}}.dump());
  EXPECT_EQ(bad_percent.status, 422);
  EXPECT_EQ(Body(bad_percent)["error"]["field"], "excellent_percent");
  auto nobody = Get("/api/v1/classes/987654321/completion", as);
  EXPECT_EQ(nobody.status, 404);
}

}  // namespace
}  // namespace peixun::test

// ---- certificates (结业证书) ------------------------------------------------------------

namespace peixun::test {
namespace {

// Runs `command`; returns its standard output.
std::string Shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buf[4096];
  size_t n = 0;
  while (pipe && (n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  if (pipe) pclose(pipe);
  return out;
}

std::string WriteTemp(const std::string& bytes, const std::string& suffix) {
  char name[] = "/tmp/peixun-cert-XXXXXX";
  const int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  FILE* f = fdopen(fd, "wb");
  fwrite(bytes.data(), 1, bytes.size(), f);
  fclose(f);
  const std::string path = std::string(name) + suffix;
  std::rename(name, path.c_str());
  return path;
}

class CertificatesTest : public CompletionTest {
 protected:
  // Finished and decided: 王小明 and 买买提·艾力 completed, 䶮 over the leave share but
  // overridden to completed (so the rare character is printed), 李四 not completed.
  void Decided() {
    now_ = ends_[6] + kHour;
    MarkFirst(7);
    Finish();
    SetScores({85, 60, 90, 50});
    ASSERT_TRUE(service_->Decide(admin_p_, klass_.id).ok());
    ASSERT_TRUE(
        service_->Override(admin_p_, klass_.id, ids_[2], "completed", "经研究同意结业").ok());
  }
};

TEST_F(CertificatesTest, IssueFrozenPdfQrVerifyReissueRevoke) {
  Decided();
  auto refused = certs_->Issue(admin_p_, klass_.id, ids_[3]);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "certificates.not_completed");

  auto issued = certs_->Issue(admin_p_, klass_.id, ids_[0]);
  ASSERT_TRUE(issued.ok()) << issued.error().code << " " << issued.error().message;
  const std::string serial = issued->serial;
  EXPECT_TRUE(core::ParseSerial(serial).has_value()) << serial;
  EXPECT_EQ(serial.substr(0, 8), "PX-2020-");
  EXPECT_EQ(issued->fields.at("name"), "王小明");
  EXPECT_EQ(issued->fields.at("hours"),
            std::to_string(7 * tenths_ / 10) +
                (tenths_ * 7 % 10 ? "." + std::to_string(tenths_ * 7 % 10) : ""));
  // Twice: the same certificate, no second one.
  auto again = certs_->Issue(admin_p_, klass_.id, ids_[0]);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->serial, serial);

  // The PDF: its hash is the stored one; the names read back; the QR opens the verify URL.
  auto pdf = certs_->Pdf(admin_p_, serial);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(certificates::Sha256Hex(*pdf), issued->pdf_sha256);
  EXPECT_NE(PdfText(*pdf).find("王小明"), std::string::npos);
  EXPECT_NE(PdfText(*pdf).find(serial), std::string::npos);
  for (size_t i : {1u, 2u}) {
    auto other = certs_->Issue(admin_p_, klass_.id, ids_[i]);
    ASSERT_TRUE(other.ok()) << other.error().code;
    auto bytes = certs_->Pdf(admin_p_, other->serial);
    ASSERT_TRUE(bytes.ok());
    EXPECT_NE(PdfText(*bytes).find(names_[i]), std::string::npos) << names_[i];
  }
  const std::string path = WriteTemp(*pdf, ".pdf");
  Shell("pdftoppm -r 150 -png -singlefile '" + path + "' '" + path + "-page'");
  const std::string decoded = Shell("zbarimg --quiet --raw '" + path + "-page.png' 2>/dev/null");
  EXPECT_EQ(decoded, "http://localhost:8080/verify/" + serial + "\n");
  std::remove(path.c_str());
  std::remove((path + "-page.png").c_str());

  // Public verification: every printed field, the name masked.
  auto v = certs_->Verify(serial, "198.51.100.1");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->status, "valid");
  EXPECT_EQ(v->fields.at("name"), "王*明");
  EXPECT_EQ(v->fields.at("class_name"), klass_.name);
  EXPECT_EQ(v->text.find("王小明"), std::string::npos);
  EXPECT_NE(v->text.find("王*明"), std::string::npos);
  // Malformed and unknown serials: the same 404.
  auto malformed = certs_->Verify("PX-2020-XXXX", "198.51.100.1");
  core::CertificateSerial unknown_serial;
  unknown_serial.year = 2020;
  auto unknown = certs_->Verify(core::FormatSerial(unknown_serial), "198.51.100.1");
  ASSERT_FALSE(malformed.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(malformed.error().code, "certificates.not_found");
  EXPECT_EQ(malformed.error().code, unknown.error().code);
  EXPECT_EQ(malformed.error().message, unknown.error().message);
  // The uploaded PDF matches; one changed byte does not.
  EXPECT_TRUE(*certs_->VerifyPdf(serial, *pdf, "198.51.100.1"));
  std::string tampered = *pdf;
  tampered[tampered.size() / 2] ^= 1;
  EXPECT_FALSE(*certs_->VerifyPdf(serial, tampered, "198.51.100.1"));

  // A template with an unknown field is refused, naming it; a new template does not
  // change what was issued.
  certificates::TemplateInput bad{"结业证书", "{nmae}同志参加{class_name}", "", ""};
  auto refused_tpl = certs_->SetTemplateForClass(admin_p_, klass_.id, bad);
  ASSERT_FALSE(refused_tpl.ok());
  EXPECT_EQ(refused_tpl.error().code, "certificates.template.unknown_field");
  EXPECT_EQ(refused_tpl.error().field, "body");
  EXPECT_NE(refused_tpl.error().message.find("{nmae}"), std::string::npos);
  auto seal_qr = io::EncodeQr("seal");
  ASSERT_TRUE(seal_qr.ok());
  auto seal = io::QrPng(*seal_qr, 4);
  ASSERT_TRUE(seal.ok());
  certificates::TemplateInput good{"结业证书", "兹证明{name}同志参加{class_name}，共{hours}学时。",
                                   *seal, ""};
  ASSERT_TRUE(certs_->SetTemplateForClass(admin_p_, klass_.id, good).ok());
  auto same = certs_->Pdf(admin_p_, serial);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, *pdf);
  EXPECT_EQ(certs_->Verify(serial, "198.51.100.2")->text, v->text);

  // Re-issue: a new serial from the new template; the old one superseded.
  auto no_reason = certs_->Reissue(admin_p_, serial, " ");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, "certificates.reason");
  auto fresh = certs_->Reissue(admin_p_, serial, "证书遗失");
  ASSERT_TRUE(fresh.ok()) << fresh.error().code;
  EXPECT_NE(fresh->serial, serial);
  EXPECT_EQ(fresh->seq, issued->seq);
  EXPECT_EQ(fresh->text.substr(0, std::string("兹证明").size()), "兹证明");
  auto old = certs_->Verify(serial, "198.51.100.2");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->status, "superseded");
  EXPECT_EQ(old->status_reason, "证书遗失");
  EXPECT_TRUE(old->status_at.has_value());

  // Revoke: with a reason, audited, once.
  auto revoked = certs_->Revoke(admin_p_, fresh->serial, "弄虚作假");
  ASSERT_TRUE(revoked.ok()) << revoked.error().code;
  EXPECT_EQ(revoked->status, "revoked");
  auto shown = certs_->Verify(fresh->serial, "198.51.100.2");
  EXPECT_EQ(shown->status, "revoked");
  EXPECT_EQ(shown->status_reason, "弄虚作假");
  auto twice = certs_->Revoke(admin_p_, fresh->serial, "弄虚作假");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "certificates.status");
  auto nobody = certs_->Revoke(admin_p_, core::FormatSerial(unknown_serial), "理由");
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, "certificates.not_found");
  EXPECT_EQ(AuditCount("certificates.issue"), 4);
  EXPECT_EQ(AuditCount("certificates.reissue"), 1);
  EXPECT_EQ(AuditCount("certificates.revoke"), 1);
}

TEST_F(CertificatesTest, BatchInTheBackgroundThenMergedPdfZipAndBadge) {
  Decided();
  auto job = certs_->StartIssueClass(admin_p_, klass_.id);
  ASSERT_TRUE(job.ok()) << job.error().code;
  certificates::BatchJob j = *job;
  for (int i = 0; i < 600 && j.state == "running"; ++i) {
    usleep(100 * 1000);
    j = *certs_->Job(admin_p_, job->id);
  }
  ASSERT_EQ(j.state, "done") << j.error_code << " " << j.error_message;
  EXPECT_EQ(j.total, 3);
  EXPECT_EQ(j.done, 3);
  EXPECT_EQ(j.issued, 3);
  auto list = certs_->ListForClass(admin_p_, klass_.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);

  auto zip = certs_->ClassZip(admin_p_, klass_.id);
  ASSERT_TRUE(zip.ok()) << zip.error().code;
  auto archive = io::ZipArchive::OpenBytes(*zip);
  ASSERT_TRUE(archive.ok());
  // Person ids ascend in the order the trainees were added: 序号 1, 2, 3.
  for (const char* name : {"001_王小明.pdf", "002_买买提·艾力.pdf", "003_䶮.pdf"}) {
    EXPECT_TRUE((*archive)->Contains(name)) << name;
  }
  auto inner = (*archive)->Read("003_䶮.pdf", 10 << 20);
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(certificates::Sha256Hex(*inner), (*list)[2].pdf_sha256);

  auto merged = certs_->ClassPdf(admin_p_, klass_.id);
  ASSERT_TRUE(merged.ok()) << merged.error().code;
  const std::string text = PdfText(*merged);
  for (const auto& name : {"王小明", "买买提·艾力", "䶮"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name;
  }
  const std::string path = WriteTemp(*merged, ".pdf");
  const std::string info = Shell("pdfinfo '" + path + "'");
  const size_t pages_at = info.find("Pages:");
  ASSERT_NE(pages_at, std::string::npos) << info;
  EXPECT_EQ(std::stoi(info.substr(pages_at + 6)), 3) << info;
  std::remove(path.c_str());

  auto badge = certs_->OpenBadge(admin_p_, (*list)[0].serial);
  ASSERT_TRUE(badge.ok());
  EXPECT_EQ((*badge)["type"][1], "OpenBadgeCredential");
  EXPECT_DOUBLE_EQ((*badge)["credentialSubject"]["creditsEarned"].get<double>(),
                   (7 * tenths_) / 10.0);
  EXPECT_EQ((*badge)["credentialSubject"]["achievement"]["name"], klass_.name);
  // The trainee downloads their own, not another's.
  Principal own;
  own.role = Role::kTrainee;
  own.person_id = ids_[0];
  EXPECT_TRUE(certs_->OpenBadge(own, (*list)[0].serial).ok());
  auto others = certs_->Pdf(own, (*list)[1].serial);
  ASSERT_FALSE(others.ok());
  EXPECT_EQ(others.error().code, "certificates.not_found");
}

// The batch renders on its own threads and stores in chunks, but prints exactly what
// Issue prints: the same fields, title, text and 序号 for the same trainees, and each
// stored PDF is the one printing its stored fields gives again, byte for byte (so
// its stored SHA-256 is that PDF's), issued one by one or in a batch.
TEST_F(CertificatesTest, BatchIssuesWhatIssueIssuesOneByOne) {
  Decided();
  const certificates::CertificateTemplate tpl =
      certificates::DefaultTemplate(klass_.organizer_name);
  auto reprinted = [&](const certificates::Certificate& c) {
    certificates::PrintedCertificate p{c.fields, c.title, c.text,
                                       "http://localhost:8080/verify/" + c.serial, c.issued_at};
    auto pdf = certificates::CertificatesPdf({{&tpl, p}});
    EXPECT_TRUE(pdf.ok());
    return pdf.ok() ? certificates::Sha256Hex(*pdf) : std::string();
  };
  std::vector<certificates::Certificate> one_by_one;
  for (size_t i : {0u, 1u, 2u}) {
    auto c = certs_->Issue(admin_p_, klass_.id, ids_[i]);
    ASSERT_TRUE(c.ok()) << c.error().code;
    EXPECT_EQ(reprinted(*c), c->pdf_sha256) << names_[i];
    one_by_one.push_back(*c);
    ASSERT_TRUE(certs_->Revoke(admin_p_, c->serial, "改为批量颁发").ok());
  }

  std::vector<std::pair<int, int>> seen;
  auto issued = certs_->IssueClass(admin_p_, klass_.id, [&](int done, int total) {
    seen.push_back({done, total});
  });
  ASSERT_TRUE(issued.ok()) << issued.error().code << " " << issued.error().message;
  EXPECT_EQ(*issued, 3);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), std::make_pair(3, 3));
  auto list = certs_->ListForClass(admin_p_, klass_.id);
  ASSERT_TRUE(list.ok());
  std::map<int64_t, certificates::Certificate> batch;
  for (const auto& c : *list) {
    if (c.status == "valid") batch[c.person_id] = c;
  }
  ASSERT_EQ(batch.size(), 3u);
  auto without_serial = [](std::map<std::string, std::string> fields) {
    fields.erase("serial");
    return fields;
  };
  for (size_t i = 0; i < 3; ++i) {
    const auto& a = one_by_one[i];
    const auto& b = batch.at(ids_[i]);
    EXPECT_NE(a.serial, b.serial);
    EXPECT_EQ(b.fields.at("serial"), b.serial);
    EXPECT_EQ(without_serial(a.fields), without_serial(b.fields)) << names_[i];
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.text, b.text);
    EXPECT_EQ(a.seq, b.seq);  // a trainee keeps their 序号
    EXPECT_EQ(a.issued_at, b.issued_at);
    auto pdf = certs_->Pdf(admin_p_, b.serial);
    ASSERT_TRUE(pdf.ok());
    EXPECT_EQ(certificates::Sha256Hex(*pdf), b.pdf_sha256);
    EXPECT_EQ(reprinted(b), b.pdf_sha256) << names_[i];
    EXPECT_NE(PdfText(*pdf).find(names_[i]), std::string::npos) << names_[i];
  }
  // Twice: nothing more to issue.
  auto again = certs_->IssueClass(admin_p_, klass_.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(AuditCount("certificates.issue"), 6);
  auto merged = certs_->ClassPdf(admin_p_, klass_.id);
  ASSERT_TRUE(merged.ok());
  const std::string text = PdfText(*merged);
  for (size_t i = 0; i < 3; ++i) EXPECT_NE(text.find(names_[i]), std::string::npos) << names_[i];
}

TEST_F(CertificatesTest, PublicVerifyRouteIsRateLimitedPerAddress) {
  Decided();
  auto issued = certs_->Issue(admin_p_, klass_.id, ids_[1]);
  ASSERT_TRUE(issued.ok());
  // Over HTTP without a session.
  auto ok = Send(api::Method::kGet, "/api/v1/verify/" + issued->serial, {});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["fields"]["name"], "买****力");
  EXPECT_EQ(Body(ok)["status"], "valid");
  auto malformed = Send(api::Method::kGet, "/api/v1/verify/not-a-serial", {});
  core::CertificateSerial unknown;
  unknown.year = 2020;
  auto missing = Send(api::Method::kGet, "/api/v1/verify/" + core::FormatSerial(unknown), {});
  EXPECT_EQ(malformed.status, 404);
  EXPECT_EQ(malformed.body, missing.body);
  auto upload = Send(api::Method::kPost, "/api/v1/verify/" + issued->serial + "/pdf", {},
                     *certs_->Pdf(admin_p_, issued->serial));
  ASSERT_EQ(upload.status, 200) << upload.body;
  EXPECT_TRUE(Body(upload)["matches"].get<bool>());

  certificates::CertificateService limited(
      db(), [this] { return now_; }, 3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limited.Verify(issued->serial, "203.0.113.7").ok());
  auto over = limited.Verify(issued->serial, "203.0.113.7");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "certificates.rate_limited");
  EXPECT_EQ(over.error().kind, ErrorKind::kRateLimited);
  EXPECT_TRUE(limited.Verify(issued->serial, "203.0.113.8").ok());  // another address
  now_ += 61 * 1000;
  EXPECT_TRUE(limited.Verify(issued->serial, "203.0.113.7").ok());  // a minute later
}

// public_base_url has one home (the settings module): the admin sets it over HTTP
// (checked, normalized, audited) and the next certificate's QR and badge carry it.
TEST_F(CertificatesTest, PublicBaseUrlSettingGoesIntoTheQr) {
  settings::RegisterSettingsRoutes(router_, db());
  Decided();
  const auto as = As(admin_);
  const std::string route = "/api/v1/settings/public-base-url";
  auto initial = Get(route, as);
  ASSERT_EQ(initial.status, 200) << initial.body;
  EXPECT_EQ(Body(initial)["public_base_url"], "");
  EXPECT_EQ(Body(initial)["effective"], "http://localhost:8080");

  for (const std::string bad :
       {"ftp://peixun.example.gov.cn", "peixun.example.gov.cn", "https://", "https://x/?a=1",
        "https://user@x", "https://x/#top", "https://a b"}) {
    auto refused = Send(api::Method::kPut, route, as, json{{"public_base_url", bad}}.dump());
    EXPECT_EQ(refused.status, 422) << bad << " " << refused.body;
    EXPECT_EQ(Body(refused)["error"]["code"], "settings.public_base_url") << bad;
    EXPECT_EQ(Body(refused)["error"]["field"], "public_base_url") << bad;
  }
  auto set = Send(api::Method::kPut, route, as,
                  json{{"public_base_url", " HTTPS://Peixun.Example.gov.cn/zx/ "}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Body(set)["public_base_url"], "https://peixun.example.gov.cn/zx");
  EXPECT_EQ(Body(set)["effective"], "https://peixun.example.gov.cn/zx");

  // Only the admin.
  Principal organizer;
  organizer.role = Role::kOrganizer;
  settings::SettingsService service(db());
  auto forbidden = service.SetPublicBaseUrl(organizer, "https://evil.example");
  ASSERT_FALSE(forbidden.ok());
  EXPECT_EQ(forbidden.error().code, "settings.forbidden");

  auto issued = certs_->Issue(admin_p_, klass_.id, ids_[0]);
  ASSERT_TRUE(issued.ok()) << issued.error().code;
  auto pdf = certs_->Pdf(admin_p_, issued->serial);
  ASSERT_TRUE(pdf.ok());
  const std::string path = WriteTemp(*pdf, ".pdf");
  Shell("pdftoppm -r 150 -png -singlefile '" + path + "' '" + path + "-page'");
  EXPECT_EQ(Shell("zbarimg --quiet --raw '" + path + "-page.png' 2>/dev/null"),
            "https://peixun.example.gov.cn/zx/verify/" + issued->serial + "\n");
  std::remove(path.c_str());
  std::remove((path + "-page.png").c_str());
  auto badge = certs_->OpenBadge(admin_p_, issued->serial);
  ASSERT_TRUE(badge.ok());
  EXPECT_EQ((*badge)["id"], "https://peixun.example.gov.cn/zx/verify/" + issued->serial);

  // Audited, before and after.
  auto rows = db().Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows r,
                            tx.Query("SELECT after_json FROM audit_log WHERE action = ?",
                                     {store::Text("settings.public_base_url")}));
    EXPECT_EQ(r.size(), 1u);
    if (!r.empty()) EXPECT_NE(r[0].Str(0).find("peixun.example.gov.cn/zx"), std::string::npos);
    return Ok();
  });
  EXPECT_TRUE(rows.ok()) << rows.error().message;

  // "" clears it: the default again.
  auto cleared = Send(api::Method::kPut, route, as, json{{"public_base_url", ""}}.dump());
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(Body(cleared)["public_base_url"], "");
  EXPECT_EQ(Body(cleared)["effective"], "http://localhost:8080");
}

// The template preview prints the unsaved template with the class's data and a sample
// trainee; it stores nothing and refuses what saving would refuse.
TEST_F(CertificatesTest, TemplatePreviewRendersWithoutSaving) {
  const auto as = As(admin_);
  const std::string base = "/api/v1/classes/" + std::to_string(klass_.id) + "/certificate-template";
  auto preview = Post(base + "/preview", as,
                      json{{"title", "结业证书（预览）"},
                           {"body", "{name}同志参加{class_name}，学习{hours}学时。编号{serial}"}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.content_type, "application/pdf");
  // Lines wrap anywhere in Chinese text: compare without the whitespace.
  std::string text;
  for (char ch : PdfText(preview.body)) {
    if (ch != ' ' && ch != '\n') text.push_back(ch);
  }
  EXPECT_NE(text.find("王小明同志参加"), std::string::npos) << text;
  EXPECT_NE(text.find(klass_.name), std::string::npos) << text;
  EXPECT_NE(text.find(certificates::kPreviewSerial), std::string::npos) << text;

  auto unknown = Post(base + "/preview", as, json{{"title", "结业证书"}, {"body", "{nmae}同志"}});
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(Body(unknown)["error"]["code"], "certificates.template.unknown_field");
  EXPECT_EQ(Body(unknown)["error"]["field"], "body");
  auto not_png = Post(base + "/preview", as,
                      json{{"title", "结业证书"}, {"body", "{name}"}, {"seal_png", "aGVsbG8="}});
  EXPECT_EQ(not_png.status, 422) << not_png.body;
  EXPECT_EQ(Body(not_png)["error"]["field"], "seal_png");

  // Nothing saved: the class still prints the built-in template.
  auto current = Get(base, as);
  ASSERT_EQ(current.status, 200);
  EXPECT_EQ(Body(current)["id"], 0);
  EXPECT_NE(Body(current)["title"], "结业证书（预览）");
}

}  // namespace
}  // namespace peixun::test
