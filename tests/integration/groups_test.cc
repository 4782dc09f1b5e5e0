// Discussion groups (分组讨论) through the real API: 120 trainees of the demo district
// into 8 groups that mix units, deterministic by seed, with leaders, manual moves,
// the PDF and the answers the timetable's sign-in sheets use.
#include <algorithm>
#include <map>
#include <set>

#include "core/name_collation.h"
#include "enrollment_fixture.h"
#include "modules/groups/groups_queries.h"

namespace peixun::test {
namespace {

using nlohmann::json;

class GroupsTest : public TrainingTest {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    class_id_ = MakeClass(150);
    QuotaForDistrict(class_id_, 150);
    trainees_ = DemoTrainees(120);
    EnrollApproved(class_id_, trainees_);
    for (const auto& p : trainees_) unit_of_[p.id] = p.unit_id.value_or(0);
  }

  std::string GroupsPath(const std::string& rest = "") {
    return "/api/v1/classes/" + std::to_string(class_id_) + "/groups" + rest;
  }

  json Generate(int count, std::optional<int64_t> seed = {}) {
    json body = {{"count", count}};
    if (seed) body["seed"] = *seed;
    auto r = Post(GroupsPath(), body, admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }

  // group number → sorted member ids.
  static std::map<int, std::vector<int64_t>> Members(const json& groups) {
    std::map<int, std::vector<int64_t>> out;
    for (const auto& g : groups["groups"]) {
      auto& ids = out[g["number"].get<int>()];
      for (const auto& m : g["members"]) ids.push_back(m["person_id"].get<int64_t>());
      std::sort(ids.begin(), ids.end());
    }
    return out;
  }

  int64_t class_id_ = 0;
  std::vector<people::Person> trainees_;
  std::map<int64_t, int64_t> unit_of_;
};

TEST_F(GroupsTest, EightGroupsOfEvenSizeThatSpreadUnits) {
  json g = Generate(8);
  ASSERT_EQ(g["groups"].size(), 8u);
  EXPECT_TRUE(g["unassigned"].empty());

  std::set<int64_t> seen;
  std::map<int64_t, int> unit_size;
  for (const auto& p : trainees_) ++unit_size[unit_of_[p.id]];
  for (const auto& group : g["groups"]) {
    const size_t size = group["members"].size();
    EXPECT_TRUE(size == 15u) << group["name"] << " has " << size;  // 120 / 8
    EXPECT_EQ(group["size"], size);
    std::map<int64_t, int> per_unit;
    bool leader_is_member = false;
    for (const auto& m : group["members"]) {
      const int64_t id = m["person_id"];
      EXPECT_TRUE(seen.insert(id).second) << id << " is in two groups";
      ++per_unit[unit_of_[id]];
      if (group["leader_person_id"] == id) leader_is_member = true;
    }
    EXPECT_TRUE(leader_is_member) << group["name"];
    EXPECT_FALSE(group["leader_name"].get<std::string>().empty());
    // Every unit has floor(c/8) or ceil(c/8) of its c trainees in each group.
    for (const auto& [unit, c] : unit_size) {
      const int n = per_unit.count(unit) ? per_unit[unit] : 0;
      EXPECT_GE(n, c / 8) << "unit " << unit;
      EXPECT_LE(n, (c + 7) / 8) << "unit " << unit;
    }
    // Members come in 姓氏笔画 order.
    std::vector<std::string> keys;
    for (const auto& m : group["members"])
      keys.push_back(core::StrokeSortKey(m["name"].get<std::string>()));
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  }
  EXPECT_EQ(seen.size(), 120u);
  EXPECT_EQ(g["stats"]["min_size"], 15);
  EXPECT_EQ(g["stats"]["max_size"], 15);
  EXPECT_EQ(g["groups"][0]["name"], "第一组");
  EXPECT_EQ(g["groups"][7]["name"], "第八组");

  // Sizes stay within 1 when they cannot be equal.
  json seven = Generate(7);
  size_t smallest = 1000, largest = 0;
  for (const auto& group : seven["groups"]) {
    smallest = std::min(smallest, group["members"].size());
    largest = std::max(largest, group["members"].size());
  }
  EXPECT_LE(largest - smallest, 1u);
}

TEST_F(GroupsTest, SameSeedSameGroupsAndIdsSurviveRegeneration) {
  json first = Generate(8);
  json again = Generate(8, 2020);  // the default seed
  EXPECT_EQ(Members(first), Members(again));
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(first["groups"][i]["id"], again["groups"][i]["id"]);

  json other = Generate(8, 7);
  EXPECT_NE(Members(first), Members(other));
  EXPECT_EQ(Members(Generate(8, 7)), Members(other));

  // Fewer groups drop the extra ones; reading shows what was stored.
  json five = Generate(5);
  EXPECT_EQ(five["groups"].size(), 5u);
  EXPECT_EQ(Members(Body(Get(GroupsPath(), admin_))), Members(five));
}

TEST_F(GroupsTest, ManualMoveAndLeader) {
  json g = Generate(8);
  const int64_t group1 = g["groups"][0]["id"];
  const int64_t group2 = g["groups"][1]["id"];
  const int64_t leader1 = g["groups"][0]["leader_person_id"];

  // Moving the leader of group 1 into group 2 gives group 1 a new leader.
  auto moved = Post("/api/v1/groups/" + std::to_string(group2) + "/members",
                    {{"person_id", leader1}}, admin_);
  ASSERT_EQ(moved.status, 200) << moved.body;
  json after = Body(moved);
  EXPECT_EQ(after["groups"][0]["members"].size(), 14u);
  EXPECT_EQ(after["groups"][1]["members"].size(), 16u);
  EXPECT_NE(after["groups"][0]["leader_person_id"], leader1);
  EXPECT_FALSE(after["groups"][0]["leader_person_id"].is_null());
  EXPECT_EQ(groups::GroupIdsOf(app().store(), class_id_, leader1), std::vector<int64_t>{group2});

  // The leader must be a member.
  auto outsider =
      Put("/api/v1/groups/" + std::to_string(group1) + "/leader", {{"person_id", leader1}}, admin_);
  EXPECT_EQ(outsider.status, 422);
  EXPECT_EQ(ErrorCode(outsider), "groups.leader.not_member");
  auto leader =
      Put("/api/v1/groups/" + std::to_string(group2) + "/leader", {{"person_id", leader1}}, admin_);
  ASSERT_EQ(leader.status, 200) << leader.body;
  EXPECT_EQ(Body(leader)["leader_person_id"], leader1);

  // Only approved trainees move; only managers move them.
  const int64_t stranger = PersonNamed("于建国").id;
  auto not_trainee = Post("/api/v1/groups/" + std::to_string(group1) + "/members",
                          {{"person_id", stranger}}, admin_);
  EXPECT_EQ(ErrorCode(not_trainee), "groups.not_trainee");
  Session logistics = MakeUser("houqin", Role::kLogistics);
  EXPECT_EQ(Get(GroupsPath(), logistics).status, 200);
  EXPECT_EQ(Post(GroupsPath(), {{"count", 3}}, logistics).status, 403);
  EXPECT_EQ(Get(GroupsPath(), MakeUser("lianluo", Role::kLiaison, district_)).status, 403);

  // The PDF lists the groups.
  auto pdf = Get(GroupsPath(".pdf"), admin_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  const std::string text = PdfText(pdf.body);
  EXPECT_NE(text.find("第一组"), std::string::npos);
  EXPECT_NE(text.find("组长"), std::string::npos);

  // Sign-in sheet rows: the members of the groups asked for, in 姓氏笔画 order.
  auto rows = groups::SheetRows(app().store(), class_id_, {group2});
  ASSERT_EQ(rows.size(), 16u);
  std::vector<std::string> keys;
  for (const auto& r : rows) {
    keys.push_back(core::StrokeSortKey(r.name));
    EXPECT_FALSE(r.unit.empty());
  }
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(groups::SheetRows(app().store(), class_id_, {}).size(), 120u);
  EXPECT_EQ(groups::GroupLabels(app().store(), class_id_)[leader1], "第二组");
}

TEST_F(GroupsTest, WithdrawnTraineesLeaveTheirGroup) {
  json g = Generate(4);
  const int64_t someone = g["groups"][0]["members"][0]["person_id"];
  auto all = enrollment_->List(
      AdminPrincipal(), class_id_,
      enrollment::EnrollmentQuery{std::nullopt, enrollment::EnrollmentOrder::kCreated, 0, 1000});
  ASSERT_TRUE(all.ok());
  for (const auto& e : all->items) {
    if (e.person_id == someone) {
      ASSERT_TRUE(enrollment_->Withdraw(AdminPrincipal(), e.id, "生病").ok());
    }
  }
  json after = Body(Get(GroupsPath(), admin_));
  size_t total = 0;
  for (const auto& group : after["groups"]) total += group["members"].size();
  EXPECT_EQ(total, 119u);
  EXPECT_TRUE(groups::GroupIdsOf(app().store(), class_id_, someone).size() <= 1);
  EXPECT_EQ(Body(Post(GroupsPath(), {{"count", 0}}, admin_))["error"]["code"], "groups.count");
}

}  // namespace
}  // namespace peixun::test
