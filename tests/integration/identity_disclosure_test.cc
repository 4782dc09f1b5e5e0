// What of a person's identity each caller learns (issue 9 #3, #4): masks that
// cannot be inverted, no birth date for roles that may not reveal, a duplicate
// check that names nobody outside the caller's scope (audited, rate-limited), and
// an audited bulk export of full ID numbers. Through the real Application.
#include <string>

#include "app_fixture.h"
#include "core/id_number.h"

namespace peixun::test {
namespace {

using nlohmann::json;

// A valid ID number: 17 digits and their check character.
std::string IdNumber(const std::string& first17) {
  return first17 + core::IdNumberCheckCharacter(first17);
}

class IdentityDisclosureTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (HasFatalFailure()) return;
    admin_ = MakeUser("idd_admin", Role::kAdmin);
    street_a_ = UnitId(admin_, "东关街道办事处");
    street_b_ = UnitId(admin_, "西城街道办事处");
    ASSERT_TRUE(street_a_ && street_b_);
    holder_id_number_ = IdNumber("37010219880501634");
    auto holder = Send(api::Method::kPost, "/api/v1/people",
                       json{{"name", "于云桂"},
                            {"gender", "女"},
                            {"unit_id", street_b_},
                            {"birth_date", "1988-05-01"},
                            {"id_number", holder_id_number_}}
                           .dump(),
                       admin_);
    ASSERT_EQ(holder.status, 201) << holder.body;
    holder_ = Body(holder)["id"];
  }

  int64_t AuditCount(const std::string& action) {
    auto r = Get("/api/v1/audit?page_size=1&action=" + action, admin_);
    json j = Body(r);
    if (!j.is_object() || !j.contains("total")) {
      ADD_FAILURE() << r.status << " " << r.body.substr(0, 300);
      return -1;
    }
    return j["total"].get<int64_t>();
  }

  Session admin_;
  int64_t street_a_ = 0, street_b_ = 0, holder_ = 0;
  std::string holder_id_number_;
};

TEST_F(IdentityDisclosureTest, AHeadTeacherSeesNeitherTheRegionDigitsNorTheBirthDate) {
  Session head = MakeUser("idd_head", Role::kHeadTeacher);
  auto r = Get("/api/v1/people/" + std::to_string(holder_), head);
  ASSERT_EQ(r.status, 200) << r.body;
  json p = Body(r);
  EXPECT_EQ(p["id_number_masked"], "3*************" + holder_id_number_.substr(14));
  EXPECT_EQ(p["birth_date"], "");
  EXPECT_EQ(r.body.find("3701"), std::string::npos);
  EXPECT_EQ(r.body.find("1988"), std::string::npos);
  // An organizer may reveal, so sees the birth date.
  Session organizer = MakeUser("idd_organizer", Role::kOrganizer);
  EXPECT_EQ(Body(Get("/api/v1/people/" + std::to_string(holder_), organizer))["birth_date"],
            "1988-05-01");
  // A head teacher's roster export carries neither.
  auto csv = Get("/api/v1/people/export?format=csv", head);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.find("1988-05-01"), std::string::npos);
  EXPECT_EQ(csv.body.find(holder_id_number_), std::string::npos);
}

TEST_F(IdentityDisclosureTest, ADuplicateOutsideTheLiaisonsScopeNamesNobodyAndIsRateLimited) {
  Session liaison = MakeUser("idd_liaison_a", Role::kLiaison, street_a_);
  const int64_t before = AuditCount("people.id_number.hidden_duplicate");
  auto probe = [&] {
    return Send(api::Method::kPost, "/api/v1/people",
                json{{"name", "试探"},
                     {"gender", "女"},
                     {"unit_id", street_a_},
                     {"id_number", holder_id_number_}}
                    .dump(),
                liaison);
  };
  auto first = probe();
  EXPECT_EQ(first.status, 409) << first.body;
  EXPECT_EQ(ErrorCode(first), "people.id_number.registered");
  EXPECT_EQ(Body(first)["error"]["field"], "id_number");
  EXPECT_EQ(first.body.find("于云桂"), std::string::npos) << first.body;
  EXPECT_EQ(first.body.find(std::to_string(holder_)), std::string::npos) << first.body;
  EXPECT_EQ(AuditCount("people.id_number.hidden_duplicate"), before + 1);
  for (int i = 1; i < 5; ++i) EXPECT_EQ(probe().status, 409);
  auto limited = probe();
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(ErrorCode(limited), "people.id_number.probe_limit");
  EXPECT_EQ(limited.body.find("于云桂"), std::string::npos);
  // Nothing was stored by any probe.
  auto mine = Body(Get("/api/v1/people?q=试探", admin_));
  EXPECT_EQ(mine["total"], 0) << mine.dump();

  // The same through a roster import: the row names nobody either.
  const std::string csv =
      "姓名,性别,单位,身份证号\n试探二,女,东关街道办事处," + holder_id_number_ + "\n";
  auto imported = Send(api::Method::kPost, "/api/v1/people/import?filename=r.csv", csv, liaison);
  EXPECT_EQ(imported.body.find("于云桂"), std::string::npos) << imported.body;
  EXPECT_NE(imported.status, 200) << imported.body;  // over the limit by now: 429

  // An admin learns who holds it.
  auto admin_dup = Send(api::Method::kPost, "/api/v1/people",
                        json{{"name", "重复"},
                             {"gender", "女"},
                             {"unit_id", street_a_},
                             {"id_number", holder_id_number_}}
                            .dump(),
                        admin_);
  EXPECT_EQ(admin_dup.status, 409);
  EXPECT_EQ(ErrorCode(admin_dup), "people.id_number.duplicate");
  EXPECT_NE(admin_dup.body.find("于云桂"), std::string::npos);
}

TEST_F(IdentityDisclosureTest, ABulkExportOfFullIdNumbersIsAudited) {
  const int64_t before = AuditCount("people.export_id_numbers");
  auto csv = Get("/api/v1/people/export?format=csv", admin_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(holder_id_number_), std::string::npos);
  EXPECT_EQ(AuditCount("people.export_id_numbers"), before + 1);
  // A masked export (a liaison's) records nothing.
  Session liaison = MakeUser("idd_liaison_b", Role::kLiaison, street_b_);
  ASSERT_EQ(Get("/api/v1/people/export?format=csv", liaison).status, 200);
  EXPECT_EQ(AuditCount("people.export_id_numbers"), before + 1);
}

}  // namespace
}  // namespace peixun::test
