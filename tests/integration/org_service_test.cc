#include <algorithm>

#include "registry_fixture.h"

namespace peixun::test {
namespace {

class OrgServiceTest : public RegistryTest {};

std::vector<std::string> Names(const std::vector<org::Unit>& units) {
  std::vector<std::string> out;
  for (const auto& u : units) out.push_back(u.name);
  return out;
}

TEST_F(OrgServiceTest, CreatesTreeWithPathsAndDepths) {
  int64_t district = MakeUnit("×区", std::nullopt, org::UnitKind::kDistrict);
  int64_t street = MakeUnit("东关街道办事处", district, org::UnitKind::kStreet);
  int64_t community = MakeUnit("幸福社区", street);
  auto unit = org_->Get(community);
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->depth, 2);
  EXPECT_EQ(unit->path, "/" + std::to_string(district) + "/" + std::to_string(street) + "/" +
                            std::to_string(community) + "/");
  EXPECT_EQ(unit->parent_id, street);
  EXPECT_EQ(unit->kind, org::UnitKind::kCommunity);
}

TEST_F(OrgServiceTest, SubtreeListsOnlyDescendantsParentsFirst) {
  int64_t district = MakeUnit("×区", std::nullopt, org::UnitKind::kDistrict);
  int64_t a = MakeUnit("东关街道办事处", district, org::UnitKind::kStreet);
  int64_t b = MakeUnit("西城街道办事处", district, org::UnitKind::kStreet);
  MakeUnit("幸福社区", a);
  MakeUnit("民主社区", a);
  MakeUnit("团结社区", b);
  auto sub = org_->Subtree(a);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(Names(*sub), (std::vector<std::string>{"东关街道办事处", "幸福社区", "民主社区"}));
  auto all = org_->All();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 6u);
}

TEST_F(OrgServiceTest, SiblingNamesAreUniqueButCousinsMayShareNames) {
  int64_t a = MakeUnit("东关街道办事处", std::nullopt, org::UnitKind::kStreet);
  int64_t b = MakeUnit("西城街道办事处", std::nullopt, org::UnitKind::kStreet);
  MakeUnit("幸福社区", a);
  org::UnitInput dup{"幸福社区", a, org::UnitKind::kCommunity};
  auto again = org_->Create(dup);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "org.name.duplicate");
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  org::UnitInput cousin{"幸福社区", b, org::UnitKind::kCommunity};
  EXPECT_TRUE(org_->Create(cousin).ok());
}

TEST_F(OrgServiceTest, MoveRewritesSubtreePathsAndDepths) {
  int64_t district = MakeUnit("×区", std::nullopt, org::UnitKind::kDistrict);
  int64_t a = MakeUnit("东关街道办事处", district, org::UnitKind::kStreet);
  int64_t b = MakeUnit("西城街道办事处", district, org::UnitKind::kStreet);
  int64_t c = MakeUnit("幸福社区", a);
  int64_t grid = MakeUnit("第一网格", c, org::UnitKind::kOther);
  auto moved = org_->Move(c, b);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  auto g = org_->Get(grid);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->path, "/" + std::to_string(district) + "/" + std::to_string(b) + "/" +
                         std::to_string(c) + "/" + std::to_string(grid) + "/");
  EXPECT_EQ(g->depth, 3);
  auto sub_a = org_->Subtree(a);
  ASSERT_TRUE(sub_a.ok());
  EXPECT_EQ(sub_a->size(), 1u);
  // Make the street a root: depths shrink by one across the subtree.
  ASSERT_TRUE(org_->Move(b, std::nullopt).ok());
  g = org_->Get(grid);
  EXPECT_EQ(g->depth, 2);
  EXPECT_EQ(g->path.rfind("/" + std::to_string(b) + "/", 0), 0u);
}

TEST_F(OrgServiceTest, MoveUnderOwnDescendantIsRefusedAndChangesNothing) {
  int64_t a = MakeUnit("东关街道办事处", std::nullopt, org::UnitKind::kStreet);
  int64_t c = MakeUnit("幸福社区", a);
  auto before = org_->Get(a);
  auto cycle = org_->Move(a, c);
  ASSERT_FALSE(cycle.ok());
  EXPECT_EQ(cycle.error().code, "org.move.cycle");
  auto self = org_->Move(a, a);
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().code, "org.move.cycle");
  auto after = org_->Get(a);
  EXPECT_EQ(after->path, before->path);
  EXPECT_FALSE(after->parent_id.has_value());
}

TEST_F(OrgServiceTest, DeleteRefusesUnitsWithChildrenOrPeople) {
  int64_t a = MakeUnit("东关街道办事处", std::nullopt, org::UnitKind::kStreet);
  int64_t c = MakeUnit("幸福社区", a);
  auto refused = org_->Delete(a);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "org.delete.has_children");
  people::PersonInput p;
  p.name = "张三";
  p.gender = "男";
  p.unit_id = c;
  ASSERT_TRUE(people_->Create(p).ok());
  auto in_use = org_->Delete(c);
  ASSERT_FALSE(in_use.ok());
  EXPECT_EQ(in_use.error().code, "org.delete.in_use");
  EXPECT_TRUE(org_->Get(c).ok());
}

TEST_F(OrgServiceTest, UpdateKeepsPlaceAndValidatesName) {
  int64_t a = MakeUnit("东关街道办事处", std::nullopt, org::UnitKind::kStreet);
  org::UnitInput in{"东关街道", std::nullopt, org::UnitKind::kStreet, "中共东关街道工作委员会",
                    "党委",     "李明"};
  auto updated = org_->Update(a, in);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->name, "东关街道");
  EXPECT_EQ(updated->party_org_kind, "党委");
  EXPECT_EQ(updated->secretary, "李明");
  in.name = "   ";
  auto empty = org_->Update(a, in);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "name");
  auto missing = org_->Update(a + 999, org::UnitInput{"x"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace peixun::test
