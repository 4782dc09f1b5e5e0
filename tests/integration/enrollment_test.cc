// Enrollment (调训) through the real API on the demo district: quotas, the liaison's
// scope, approval and rejection, substitution (替训), withdrawal (退训) and the waiting
// list, the finished-class freeze, the roster in 姓氏笔画 order and the badges.
#include <algorithm>

#include "core/name_collation.h"
#include "enrollment_fixture.h"
#include "io/table_transfer.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/badges.h"
#include "modules/enrollment/class_roster.h"
#include "modules/enrollment/enrollment_queries.h"

namespace peixun::test {
namespace {

using nlohmann::json;

class EnrollmentTest : public TrainingTest {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    street_a_ = UnitNamed("东关街道办事处");
    street_b_ = UnitNamed("西城街道办事处");
    liaison_a_ = MakeUser("liaison_a", Role::kLiaison, street_a_);
    liaison_b_ = MakeUser("liaison_b", Role::kLiaison, street_b_);
    people_a_ = PeopleUnder(street_a_);
    people_b_ = PeopleUnder(street_b_);
    ASSERT_GE(people_a_.size(), 6u);
    ASSERT_GE(people_b_.size(), 6u);
  }

  std::vector<people::Person> PeopleUnder(int64_t unit_id) {
    auto page = store::ReadValue<people::PeoplePage>(app().store(), [&](store::Tx& tx) {
      people::PeopleQuery q;
      q.unit_id = unit_id;
      q.limit = 1000;
      return people::PeopleService::ListIn(tx, q);
    });
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items : std::vector<people::Person>{};
  }

  std::string ClassPath(int64_t class_id, const std::string& rest = "") {
    return "/api/v1/classes/" + std::to_string(class_id) + rest;
  }
  static std::string EnrollmentPath(int64_t id, const std::string& action = "") {
    return "/api/v1/enrollments/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
  }

  void SetQuotas(int64_t class_id, int seats_a, int seats_b) {
    auto r = Put(ClassPath(class_id, "/quotas"),
                 {{"items",
                   {{{"unit_id", street_a_}, {"seats", seats_a}},
                    {{"unit_id", street_b_}, {"seats", seats_b}}}}},
                 admin_);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  api::Response Nominate(int64_t class_id, int64_t person_id, const Session& as,
                         bool waitlist = false) {
    json body = {{"person_id", person_id}};
    if (waitlist) body["waitlist"] = true;
    return Post(ClassPath(class_id, "/enrollments"), body, as);
  }

  // Nominates (must succeed) and returns the enrollment.
  json Nominated(int64_t class_id, int64_t person_id, const Session& as, bool waitlist = false) {
    auto r = Nominate(class_id, person_id, as, waitlist);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r);
  }

  json GetEnrollment(int64_t id, const Session& as) {
    auto r = Get(EnrollmentPath(id), as);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }

  int64_t street_a_ = 0;
  int64_t street_b_ = 0;
  Session liaison_a_;
  Session liaison_b_;
  std::vector<people::Person> people_a_;
  std::vector<people::Person> people_b_;
};

TEST_F(EnrollmentTest, QuotaIsEnforcedAndTheWaitingListIsPromotedInOrder) {
  const int64_t c = MakeClass(10);
  SetQuotas(c, 2, 2);

  json first = Nominated(c, people_a_[0].id, liaison_a_);
  EXPECT_EQ(first["status"], "nominated");
  EXPECT_EQ(first["quota_unit_id"], street_a_);
  Nominated(c, people_a_[1].id, liaison_a_);

  auto over = Nominate(c, people_a_[2].id, liaison_a_);
  EXPECT_EQ(over.status, 409);
  EXPECT_EQ(ErrorCode(over), "enrollment.quota_exceeded");

  auto twice = Nominate(c, people_a_[0].id, liaison_a_);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ErrorCode(twice), "enrollment.duplicate");

  json third = Nominated(c, people_a_[2].id, liaison_a_, /*waitlist=*/true);
  EXPECT_EQ(third["status"], "waitlisted");
  EXPECT_EQ(third["waitlist_position"], 1);
  json fourth = Nominated(c, people_a_[3].id, liaison_a_, true);
  EXPECT_EQ(fourth["waitlist_position"], 2);

  // Street B's seats are its own.
  Nominated(c, people_b_[0].id, liaison_b_);

  auto quotas = Body(Get(ClassPath(c, "/quotas"), liaison_a_))["items"];
  ASSERT_EQ(quotas.size(), 1u) << quotas;  // a liaison sees their own quota only
  EXPECT_EQ(quotas[0]["used"], 2);
  EXPECT_EQ(quotas[0]["waitlisted"], 2);

  // A withdrawal needs a reason, then frees a seat for the first in line.
  auto no_reason = Post(EnrollmentPath(first["id"], "withdraw"), json::object(), liaison_a_);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(ErrorCode(no_reason), "enrollment.reason_required");
  auto withdrawn =
      Post(EnrollmentPath(first["id"], "withdraw"), {{"reason", "工作冲突"}}, liaison_a_);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(Body(withdrawn)["status"], "withdrawn");
  EXPECT_EQ(Body(withdrawn)["decision_reason"], "工作冲突");

  json promoted = GetEnrollment(third["id"], admin_);
  EXPECT_EQ(promoted["status"], "nominated");
  EXPECT_TRUE(promoted["waitlist_position"].is_null());
  EXPECT_EQ(GetEnrollment(fourth["id"], admin_)["waitlist_position"], 1);

  // A larger quota promotes the rest.
  SetQuotas(c, 3, 2);
  EXPECT_EQ(GetEnrollment(fourth["id"], admin_)["status"], "nominated");

  // A quota below what is taken, or quotas beyond the capacity, are refused.
  auto below = Put(
      ClassPath(c, "/quotas"),
      {{"items", {{{"unit_id", street_a_}, {"seats", 1}}, {{"unit_id", street_b_}, {"seats", 2}}}}},
      admin_);
  EXPECT_EQ(ErrorCode(below), "enrollment.quota.below_used");
  auto over_capacity = Put(
      ClassPath(c, "/quotas"),
      {{"items", {{{"unit_id", street_a_}, {"seats", 8}}, {{"unit_id", street_b_}, {"seats", 3}}}}},
      admin_);
  EXPECT_EQ(over_capacity.status, 422);
  EXPECT_EQ(ErrorCode(over_capacity), "enrollment.quota.over_capacity");
  int64_t community = 0;
  for (const auto& p : people_a_) {
    if (p.unit_id != street_a_) community = p.unit_id.value_or(0);
  }
  ASSERT_NE(community, 0);
  auto nested = Put(ClassPath(c, "/quotas"),
                    {{"items",
                      {{{"unit_id", street_a_}, {"seats", 3}},
                       {{"unit_id", community}, {"seats", 1}},
                       {{"unit_id", street_b_}, {"seats", 2}}}}},
                    admin_);
  EXPECT_EQ(nested.status, 422);
  EXPECT_EQ(ErrorCode(nested), "enrollment.quota.nested");

  // A person of a unit without a quota cannot be nominated.
  const int64_t c2 = MakeClass(10);
  auto no_quota = Nominate(c2, people_a_[0].id, admin_);
  EXPECT_EQ(ErrorCode(no_quota), "enrollment.no_quota");
}

TEST_F(EnrollmentTest, ClassCapacityIsRespected) {
  const int64_t c = MakeClass(3);
  SetQuotas(c, 2, 1);
  auto r = Put(
      ClassPath(c, "/quotas"),
      {{"items", {{{"unit_id", street_a_}, {"seats", 3}}, {{"unit_id", street_b_}, {"seats", 1}}}}},
      admin_);
  EXPECT_EQ(ErrorCode(r), "enrollment.quota.over_capacity");
  Nominated(c, people_a_[0].id, admin_);
  json second = Nominated(c, people_a_[1].id, admin_);

  // The class shrinks after the quotas were handed out: its capacity still holds.
  classes::ClassPatch smaller;
  smaller.capacity = 2;
  ASSERT_TRUE(classes_->Update(c, smaller).ok());
  auto full = Nominate(c, people_b_[0].id, liaison_b_);
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(ErrorCode(full), "enrollment.capacity_exceeded");
  json waiting = Nominated(c, people_b_[0].id, liaison_b_, /*waitlist=*/true);
  EXPECT_EQ(waiting["status"], "waitlisted");

  ASSERT_EQ(Post(EnrollmentPath(second["id"], "reject"), {{"reason", "名额调整"}}, admin_).status,
            200);
  EXPECT_EQ(GetEnrollment(waiting["id"], admin_)["status"], "nominated");
}

TEST_F(EnrollmentTest, LiaisonSeesAndNominatesOnlyTheirUnits) {
  const int64_t c = MakeClass(10);
  SetQuotas(c, 3, 3);
  json a = Nominated(c, people_a_[0].id, liaison_a_);
  json b = Nominated(c, people_b_[0].id, liaison_b_);

  auto foreign = Nominate(c, people_a_[1].id, liaison_b_);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(ErrorCode(foreign), "org.out_of_scope");

  EXPECT_EQ(Get(EnrollmentPath(a["id"]), liaison_b_).status, 404);
  auto hidden = Post(EnrollmentPath(a["id"], "withdraw"), {{"reason", "x"}}, liaison_b_);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(ErrorCode(hidden), "enrollment.not_found");

  auto list_b = Body(Get(ClassPath(c, "/enrollments"), liaison_b_));
  ASSERT_EQ(list_b["total"], 1) << list_b;
  EXPECT_EQ(list_b["items"][0]["id"], b["id"]);
  EXPECT_EQ(Body(Get(ClassPath(c, "/enrollments"), admin_))["total"], 2);

  // Liaisons nominate; they do not decide.
  auto approve = Post(EnrollmentPath(a["id"], "approve"), json::object(), liaison_a_);
  EXPECT_EQ(approve.status, 403);

  // A head teacher decides for their own classes only.
  int64_t teacher_id = 0;
  Session teacher = MakeUser("banzhuren", Role::kHeadTeacher, {}, {}, &teacher_id);
  auto not_theirs = Post(EnrollmentPath(a["id"], "approve"), json::object(), teacher);
  EXPECT_EQ(not_theirs.status, 403);
  ASSERT_TRUE(classes_->SetHeadTeachers(c, {teacher_id}).ok());
  auto theirs = Post(EnrollmentPath(a["id"], "approve"), json::object(), teacher);
  EXPECT_EQ(theirs.status, 200) << theirs.body;

  // Trainees and lecturers have no business here.
  Session lecturer = MakeUser("jiangshi", Role::kLecturer);
  EXPECT_EQ(Get(ClassPath(c, "/enrollments"), lecturer).status, 403);
}

TEST_F(EnrollmentTest, ApproveAndRejectWithReason) {
  const int64_t c = MakeClass(10);
  SetQuotas(c, 3, 3);
  json one = Nominated(c, people_a_[0].id, liaison_a_);
  json two = Nominated(c, people_a_[1].id, liaison_a_);

  auto bare = Post(EnrollmentPath(two["id"], "reject"), json::object(), admin_);
  EXPECT_EQ(bare.status, 422);
  EXPECT_EQ(ErrorCode(bare), "enrollment.reason_required");
  auto blank = Post(EnrollmentPath(two["id"], "reject"), {{"reason", "   "}}, admin_);
  EXPECT_EQ(ErrorCode(blank), "enrollment.reason_required");

  auto rejected = Post(EnrollmentPath(two["id"], "reject"), {{"reason", "不符合调训条件"}}, admin_);
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Body(rejected)["status"], "rejected");
  EXPECT_EQ(Body(rejected)["decision_reason"], "不符合调训条件");
  EXPECT_EQ(Body(rejected)["decided_by"], admin_id_);

  auto approved = Post(EnrollmentPath(one["id"], "approve"), json::object(), admin_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved)["status"], "approved");

  auto again = Post(EnrollmentPath(two["id"], "approve"), json::object(), admin_);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrorCode(again), "enrollment.status");

  auto status_filter = Body(Get(ClassPath(c, "/enrollments?status=approved"), admin_));
  ASSERT_EQ(status_filter["total"], 1);
  EXPECT_EQ(status_filter["items"][0]["person_id"], people_a_[0].id);
  EXPECT_EQ(enrollment::ApprovedCount(app().store(), c), 1);
  EXPECT_EQ(enrollment::ClassesOfPerson(app().store(), people_a_[0].id), std::vector<int64_t>{c});
  EXPECT_TRUE(enrollment::ClassesOfPerson(app().store(), people_a_[1].id).empty());

  // Every decision is in the audit log.
  auto audit = Body(Get("/api/v1/audit?page_size=200", admin_))["items"];
  std::vector<std::string> actions;
  for (const auto& e : audit) actions.push_back(e["action"]);
  for (const char* a :
       {"enrollment.nominate", "enrollment.reject", "enrollment.approve", "enrollment.quotas"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
  }
}

TEST_F(EnrollmentTest, SubstitutionKeepsWhoReplacedWhom) {
  const int64_t c = MakeClass(10);
  SetQuotas(c, 2, 2);
  json original = Nominated(c, people_a_[0].id, liaison_a_);
  ASSERT_EQ(Post(EnrollmentPath(original["id"], "approve"), json::object(), admin_).status, 200);

  auto no_reason =
      Post(EnrollmentPath(original["id"], "substitute"), {{"person_id", people_a_[1].id}}, admin_);
  EXPECT_EQ(ErrorCode(no_reason), "enrollment.reason_required");
  auto other_unit = Post(EnrollmentPath(original["id"], "substitute"),
                         {{"person_id", people_b_[0].id}, {"reason", "工作调整"}}, admin_);
  EXPECT_EQ(other_unit.status, 422);
  EXPECT_EQ(ErrorCode(other_unit), "enrollment.substitute.other_unit");

  auto r = Post(EnrollmentPath(original["id"], "substitute"),
                {{"person_id", people_a_[1].id}, {"reason", "原学员工作调整"}}, admin_);
  ASSERT_EQ(r.status, 201) << r.body;
  json substitute = Body(r);
  EXPECT_EQ(substitute["replaces_id"], original["id"]);
  EXPECT_EQ(substitute["substitution_reason"], "原学员工作调整");
  EXPECT_EQ(substitute["status"],
            "approved");  // an organizer's substitution keeps the seat approved
  json replaced = GetEnrollment(original["id"], admin_);
  EXPECT_EQ(replaced["status"], "replaced");
  EXPECT_EQ(replaced["replaced_by_id"], substitute["id"]);

  // A liaison's substitute awaits approval; the chain goes on.
  auto by_liaison = Post(EnrollmentPath(substitute["id"], "substitute"),
                         {{"person_id", people_a_[2].id}, {"reason", "再次替训"}}, liaison_a_);
  ASSERT_EQ(by_liaison.status, 201) << by_liaison.body;
  EXPECT_EQ(Body(by_liaison)["status"], "nominated");
  EXPECT_EQ(Body(by_liaison)["replaces_id"], substitute["id"]);
  EXPECT_EQ(GetEnrollment(substitute["id"], admin_)["replaced_by_id"], Body(by_liaison)["id"]);

  // The replaced person may be nominated again; a replaced enrollment cannot be.
  auto replaced_again = Post(EnrollmentPath(original["id"], "substitute"),
                             {{"person_id", people_a_[3].id}, {"reason", "x"}}, admin_);
  EXPECT_EQ(ErrorCode(replaced_again), "enrollment.status");
  // The quota still counts one seat for the chain.
  auto quotas = Body(Get(ClassPath(c, "/quotas"), admin_))["items"];
  for (const auto& q : quotas) {
    if (q["unit_id"] == street_a_) {
      EXPECT_EQ(q["used"], 1);
    }
  }
}

TEST_F(EnrollmentTest, NothingChangesOnceTheClassIsFinished) {
  const int64_t c = MakeClass(10);
  SetQuotas(c, 3, 3);
  json e = Nominated(c, people_a_[0].id, admin_);
  ASSERT_EQ(Post(EnrollmentPath(e["id"], "approve"), json::object(), admin_).status, 200);
  SetStatus(c, classes::ClassStatus::kRunning);
  SetStatus(c, classes::ClassStatus::kFinished);

  auto nominate = Nominate(c, people_a_[1].id, admin_);
  EXPECT_EQ(nominate.status, 409);
  EXPECT_EQ(ErrorCode(nominate), "enrollment.class_closed");
  EXPECT_NE(nominate.body.find("培训班已结业，调训不能再变动"), std::string::npos) << nominate.body;
  EXPECT_EQ(ErrorCode(Post(EnrollmentPath(e["id"], "withdraw"), {{"reason", "x"}}, admin_)),
            "enrollment.class_closed");
  EXPECT_EQ(ErrorCode(Post(EnrollmentPath(e["id"], "substitute"),
                           {{"person_id", people_a_[1].id}, {"reason", "x"}}, admin_)),
            "enrollment.class_closed");
  EXPECT_EQ(ErrorCode(Put(ClassPath(c, "/quotas"),
                          {{"items", {{{"unit_id", street_a_}, {"seats", 5}}}}}, admin_)),
            "enrollment.class_closed");
  // Reading still works.
  EXPECT_EQ(Get(ClassPath(c, "/enrollments"), admin_).status, 200);
  EXPECT_EQ(Get(ClassPath(c, "/roster.xlsx"), admin_).status, 200);
}

TEST_F(EnrollmentTest, RosterIsInStrokeOrderAndThePdfKeepsHardNames) {
  const int64_t c = MakeClass(60);
  QuotaForDistrict(c, 60);
  std::vector<people::Person> trainees = DemoTrainees(30);
  for (const char* hard : {"买买提·艾力", "阿依古丽·买买提", "刘䶮", "𠮷祥云", "欧阳晓岚"}) {
    people::Person p = PersonNamed(hard);
    if (std::none_of(trainees.begin(), trainees.end(), [&](auto& t) { return t.id == p.id; })) {
      trainees.push_back(p);
    }
  }
  EnrollApproved(c, trainees);

  auto xlsx = Get(ClassPath(c, "/roster.xlsx"), admin_);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  auto table = io::ParseUploadedTable(xlsx.body, "roster.xlsx");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), trainees.size());
  EXPECT_EQ(table->header[1], "姓名");
  std::vector<std::string> keys;
  for (const auto& row : table->rows) keys.push_back(core::StrokeSortKey(row[1]));
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(table->rows[0][0], "1");

  auto pdf = Get(ClassPath(c, "/roster.pdf"), admin_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  const std::string text = PdfText(pdf.body);
  // 阿依古丽·买买提 (7 characters) wraps inside the name column, so pdftotext splits it.
  for (const char* hard : {"买买提·艾力", "刘䶮", "𠮷祥云", "欧阳晓岚"}) {
    EXPECT_NE(text.find(hard), std::string::npos) << hard << " missing from\n" << text;
  }
  // Rows follow the same order as the xlsx.
  EXPECT_LT(text.find(table->rows.front()[1]), text.find(table->rows.back()[1]));

  // Only managers print the roster.
  EXPECT_EQ(Get(ClassPath(c, "/roster.pdf"), MakeUser("houqin", Role::kLogistics)).status, 403);
}

TEST_F(EnrollmentTest, BadgesCarryAVerifiablePersonalToken) {
  const int64_t c = MakeClass(10);
  QuotaForDistrict(c, 10);
  people::Person hard = PersonNamed("𠮷祥云");
  EnrollApproved(c, {hard, DemoTrainees(1)[0]});

  auto pdf = Get(ClassPath(c, "/badges.pdf"), admin_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_NE(PdfText(pdf.body).find("𠮷祥云"), std::string::npos);

  auto secret = store::ReadValue<std::string>(app().store(), [&](store::Tx& tx) {
    return classes::ClassService::CheckinSecretIn(tx, key_, c);
  });
  ASSERT_TRUE(secret.ok());
  const std::string token = enrollment::BadgeTokenOf(c, hard.id, *secret);
  EXPECT_EQ(enrollment::BadgeUrlOf(c, token), "/k/" + std::to_string(c) + "/" + token);
  EXPECT_EQ(enrollment::BadgeHolder(c, token, *secret), hard.id);
  EXPECT_EQ(enrollment::BadgeTokenOf(c, hard.id, *secret), token);  // stable
  EXPECT_FALSE(enrollment::BadgeHolder(c + 1, token, *secret));
  EXPECT_FALSE(enrollment::BadgeHolder(c, token, *secret + "x"));
  std::string forged = token;
  forged.replace(0, forged.find('.'), std::to_string(hard.id + 1));
  EXPECT_FALSE(enrollment::BadgeHolder(c, forged, *secret));
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(enrollment::BadgeHolder(c, flipped, *secret));
  EXPECT_FALSE(enrollment::BadgeHolder(c, "garbage", *secret));
  EXPECT_FALSE(enrollment::BadgeHolder(c, "0" + token, *secret));

  // The progress of a long batch is reported badge by badge.
  int calls = 0;
  int last_done = 0;
  int last_total = 0;
  auto bytes = enrollment::BadgesPdfFile(app().store(), key_, AdminPrincipal(), c, {},
                                         [&](int done, int total) {
                                           ++calls;
                                           last_done = done;
                                           last_total = total;
                                         });
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  EXPECT_GE(calls, 2);
  EXPECT_GE(last_total, 2);
  EXPECT_EQ(last_done, last_total);
}

}  // namespace
}  // namespace peixun::test

namespace peixun::test {
namespace {

TEST_F(EnrollmentTest, ApprovingFromAFullWaitingListNamesTheQuotaAndMayRaiseIt) {
  const int64_t c = MakeClass(10);
  SetQuotas(c, 1, 1);
  Nominated(c, people_a_[0].id, liaison_a_);
  json waiting = Nominated(c, people_a_[1].id, liaison_a_, /*waitlist=*/true);
  json nominated_b = Nominated(c, people_b_[0].id, liaison_b_);
  ASSERT_EQ(waiting["status"], "waitlisted");

  // Approving the waiting trainee says whose quota is full, and nothing changes.
  auto full = Post(EnrollmentPath(waiting["id"], "approve"), json::object(), admin_);
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_EQ(ErrorCode(full), "enrollment.quota_exceeded");
  EXPECT_NE(full.body.find("东关街道办事处"), std::string::npos) << full.body;
  EXPECT_EQ(Body(full)["error"]["field"], "quota") << full.body;
  EXPECT_EQ(GetEnrollment(waiting["id"], admin_)["status"], "waitlisted");

  // Raising needs more seats than now, within the capacity, and an organizer.
  auto same = Post(EnrollmentPath(waiting["id"], "approve"), {{"raise_quota_to", 1}}, admin_);
  EXPECT_EQ(same.status, 422) << same.body;
  EXPECT_EQ(ErrorCode(same), "enrollment.quota.not_raised");
  auto too_many = Post(EnrollmentPath(waiting["id"], "approve"), {{"raise_quota_to", 10}}, admin_);
  EXPECT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_EQ(ErrorCode(too_many), "enrollment.quota.over_capacity");
  auto liaison =
      Post(EnrollmentPath(waiting["id"], "approve"), {{"raise_quota_to", 2}}, liaison_a_);
  EXPECT_EQ(liaison.status, 403) << liaison.body;
  auto not_waiting =
      Post(EnrollmentPath(nominated_b["id"], "approve"), {{"raise_quota_to", 2}}, admin_);
  EXPECT_EQ(not_waiting.status, 409) << not_waiting.body;
  EXPECT_EQ(ErrorCode(not_waiting), "enrollment.status");

  // Raise then approve, in one step.
  auto raised = Post(EnrollmentPath(waiting["id"], "approve"),
                     {{"raise_quota_to", 2}, {"reason", "组织部同意增加名额"}}, admin_);
  ASSERT_EQ(raised.status, 200) << raised.body;
  EXPECT_EQ(Body(raised)["status"], "approved");
  const int64_t raised_id = Body(raised)["id"];
  EXPECT_TRUE(Body(raised)["waitlist_position"].is_null());
  auto quotas = Body(Get(ClassPath(c, "/quotas"), admin_))["items"];
  bool seen = false;
  for (const auto& q : quotas) {
    if (q["unit_id"] != street_a_) continue;
    seen = true;
    EXPECT_EQ(q["seats"], 2);
    EXPECT_EQ(q["used"], 2);
    EXPECT_EQ(q["waitlisted"], 0);
  }
  EXPECT_TRUE(seen) << quotas;

  // The audit log has the raised quota, then the approval.
  auto audit = Body(Get("/api/v1/audit?page_size=200", admin_))["items"];
  std::vector<std::string> actions;
  for (const auto& e : audit) actions.push_back(e["action"]);
  auto approve_at = std::find(actions.begin(), actions.end(), "enrollment.approve");
  auto quotas_at = std::find(actions.begin(), actions.end(), "enrollment.quotas");
  ASSERT_NE(approve_at, actions.end());
  ASSERT_NE(quotas_at, actions.end());
  EXPECT_LT(approve_at, quotas_at) << "newest first: the approval follows the raise";

  // Or the waiting trainee takes a colleague's seat (替训) and leaves the list.
  json queued = Nominated(c, people_a_[4].id, liaison_a_, /*waitlist=*/true);
  ASSERT_EQ(queued["status"], "waitlisted");
  auto sub = Post(EnrollmentPath(raised_id, "substitute"),
                  {{"person_id", people_a_[4].id}, {"reason", "原学员借调"}}, admin_);
  ASSERT_EQ(sub.status, 201) << sub.body;
  EXPECT_EQ(Body(sub)["status"], "approved");
  EXPECT_EQ(Body(sub)["person_id"], people_a_[4].id);
  EXPECT_EQ(GetEnrollment(queued["id"], admin_)["status"], "withdrawn");

  // Seats left over after a raise go to the next in line.
  json waiting2 = Nominated(c, people_a_[2].id, liaison_a_, /*waitlist=*/true);
  json waiting3 = Nominated(c, people_a_[3].id, liaison_a_, /*waitlist=*/true);
  auto two_more = Post(EnrollmentPath(waiting2["id"], "approve"), {{"raise_quota_to", 4}}, admin_);
  ASSERT_EQ(two_more.status, 200) << two_more.body;
  EXPECT_EQ(Body(two_more)["status"], "approved");
  EXPECT_EQ(GetEnrollment(waiting3["id"], admin_)["status"], "nominated");
}

TEST_F(EnrollmentTest, TheListSearchesTraineesByName) {
  const int64_t c = MakeClass(10);
  SetQuotas(c, 3, 3);
  for (int i = 0; i < 3; ++i) Nominated(c, people_a_[i].id, admin_);
  const std::string name = people_a_[1].name;
  const std::string part = name.substr(name.size() - 3);  // the last character (UTF-8)
  auto r = Get(ClassPath(c, "/enrollments?q=" + part), admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = Body(r)["items"];
  ASSERT_GE(items.size(), 1u) << r.body;
  for (const auto& e : items) {
    EXPECT_NE(e["person_name"].get<std::string>().find(part), std::string::npos) << e;
  }
  EXPECT_EQ(Body(r)["total"], items.size());
  auto none = Get(ClassPath(c, "/enrollments?q=无此人"), admin_);
  EXPECT_EQ(Body(none)["total"], 0) << none.body;
}

}  // namespace
}  // namespace peixun::test
