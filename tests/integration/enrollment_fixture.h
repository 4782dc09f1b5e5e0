// The enrollment, groups and logistics tests' fixture: the whole Application on the
// demo district (app_fixture.h), an admin, and helpers to make a class, set its
// quotas, approve trainees quickly through the service and read PDFs back.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>
#include <nlohmann/json.hpp>

#include "app_fixture.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"

namespace peixun::test {

class TrainingTest : public AppTest {
 protected:
  using json = nlohmann::json;

  void SetUp() override {
    AppTest::SetUp();
    admin_ = MakeUser("root", Role::kAdmin, {}, {}, &admin_id_);
    classes_ = std::make_unique<classes::ClassService>(app().store(), key_);
    enrollment_ = std::make_unique<enrollment::EnrollmentService>(app().store());
    district_ = UnitNamed("×区");
  }
  void TearDown() override {
    enrollment_.reset();
    classes_.reset();
    AppTest::TearDown();
  }

  // The admin as a caller of the services.
  Principal AdminPrincipal() const {
    Principal p;
    p.user_id = admin_id_;
    p.username = "root";
    p.role = Role::kAdmin;
    return p;
  }

  // A class of `days` days from 2020-06-02, moved to enrolling.
  int64_t MakeClass(int capacity, const std::string& start = "2020-06-02",
                    const std::string& end = "2020-06-04") {
    classes::ClassInput in;
    in.name = "×区2020年社区和“两新”党组织书记培训班";
    in.organizer_name = "中共×区委组织部";
    in.host_venue = "×大学干部培训中心";
    in.start_date = start;
    in.end_date = end;
    in.capacity = capacity;
    auto c = classes_->Create(in);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    if (!c.ok()) return 0;
    auto moved = classes_->ChangeStatus(c->id, classes::ClassStatus::kEnrolling);
    EXPECT_TRUE(moved.ok()) << (moved.ok() ? "" : moved.error().message);
    return c->id;
  }

  void SetStatus(int64_t class_id, classes::ClassStatus status) {
    auto moved = classes_->ChangeStatus(class_id, status);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
  }

  // The id of the demo unit named `name` (0 and a failure when missing). Reads the
  // org service directly: AppTest::UnitId iterates over a destroyed temporary.
  int64_t UnitNamed(const std::string& name) {
    auto units = store::ReadValue<std::vector<org::Unit>>(
        app().store(), [&](store::Tx& tx) { return org::OrgService::FindByNameIn(tx, name); });
    EXPECT_TRUE(units.ok() && !units->empty()) << "no unit " << name;
    return units.ok() && !units->empty() ? units->front().id : 0;
  }

  // Every person of the demo registry, by id.
  std::vector<people::Person> AllPeople() {
    auto all = store::ReadValue<people::PeoplePage>(app().store(), [](store::Tx& tx) {
      people::PeopleQuery q;
      q.limit = 1000;
      return people::PeopleService::ListIn(tx, q);
    });
    EXPECT_TRUE(all.ok());
    std::vector<people::Person> items = all.ok() ? all->items : std::vector<people::Person>{};
    std::sort(items.begin(), items.end(),
              [](const people::Person& a, const people::Person& b) { return a.id < b.id; });
    return items;
  }

  // The demo's would-be trainees: everyone below ×区 except the organization department.
  std::vector<people::Person> DemoTrainees(size_t n) {
    std::vector<people::Person> out;
    for (auto& p : AllPeople()) {
      if (p.unit_name == "×区委组织部" || p.unit_name == "×大学干部培训中心") continue;
      if (out.size() < n) out.push_back(p);
    }
    EXPECT_EQ(out.size(), n);
    return out;
  }

  people::Person PersonNamed(const std::string& name) {
    for (auto& p : AllPeople()) {
      if (p.name == name) return p;
    }
    ADD_FAILURE() << "no person " << name;
    return {};
  }

  api::Response Put(const std::string& path, const json& body, const Session& as) {
    return Send(api::Method::kPut, path, body.dump(), as);
  }
  api::Response Post(const std::string& path, const json& body, const Session& as) {
    return Send(api::Method::kPost, path, body.dump(), as);
  }

  // Gives ×区 (the whole district) `seats` seats of the class.
  void QuotaForDistrict(int64_t class_id, int seats) {
    auto r = Put("/api/v1/classes/" + std::to_string(class_id) + "/quotas",
                 {{"items", {{{"unit_id", district_}, {"seats", seats}}}}}, admin_);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // Nominates and approves `trainees` through the service, as the admin.
  void EnrollApproved(int64_t class_id, const std::vector<people::Person>& trainees) {
    for (const auto& p : trainees) {
      auto e = enrollment_->Nominate(AdminPrincipal(), class_id, p.id, false);
      ASSERT_TRUE(e.ok()) << p.name << ": " << e.error().message;
      auto a = enrollment_->Approve(AdminPrincipal(), e->id, "");
      ASSERT_TRUE(a.ok()) << p.name << ": " << a.error().message;
    }
  }

  // The text of a PDF as pdftotext (poppler-utils) reads it.
  static std::string PdfText(const std::string& pdf) {
    char name[] = "/tmp/peixun-enroll-XXXXXX";
    const int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    if (fd < 0) return "";
    FILE* f = fdopen(fd, "wb");
    fwrite(pdf.data(), 1, pdf.size(), f);
    fclose(f);
    std::string out;
    FILE* pipe = popen(("pdftotext -layout -enc UTF-8 '" + std::string(name) + "' -").c_str(), "r");
    char buf[4096];
    size_t n = 0;
    while (pipe && (n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    if (pipe) pclose(pipe);
    std::remove(name);
    return out;
  }

  Session admin_;
  int64_t admin_id_ = 0;
  int64_t district_ = 0;
  std::unique_ptr<classes::ClassService> classes_;
  std::unique_ptr<enrollment::EnrollmentService> enrollment_;
};

}  // namespace peixun::test
