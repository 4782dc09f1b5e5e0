#include <set>

#include "modules/org/org_import.h"
#include "registry_fixture.h"

namespace peixun::test {
namespace {

io::Table Orgs(std::vector<std::vector<std::string>> rows) {
  io::Table t;
  t.header = {"单位名称", "上级单位", "单位类型", "党组织类型"};
  for (size_t i = 0; i < rows.size(); ++i) {
    t.rows.push_back(rows[i]);
    t.source_rows.push_back(static_cast<int>(i) + 2);
  }
  return t;
}

class OrgImportTest : public RegistryTest {
 protected:
  size_t CountUnits() {
    auto all = org_->All();
    return all.ok() ? all->size() : 0;
  }
};

TEST_F(OrgImportTest, ImportsTreeEvenWhenChildrenComeBeforeParents) {
  auto report =
      org::ImportOrgs(db(),
                      Orgs({{"幸福社区", "东关街道办事处", "社区", "党委"},
                            {"华信电子科技有限公司", "东关街道办事处", "非公企业", "党支部"},
                            {"东关街道办事处", "×区", "街道", "党委"},
                            {"×区", "", "区", ""},
                            {"阳光志愿者协会", "×区", "社会组织", "党支部"}}),
                      {});
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_TRUE(report->ok()) << report->errors.front().error.message;
  EXPECT_EQ(report->imported, 5);
  auto all = org_->All();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 5u);
  EXPECT_EQ(all->front().name, "×区");
  for (const auto& u : *all) {
    if (u.name == "幸福社区") {
      EXPECT_EQ(u.depth, 2);
      EXPECT_EQ(u.kind, org::UnitKind::kCommunity);
      EXPECT_EQ(u.party_org_kind, "党委");
    }
  }
}

TEST_F(OrgImportTest, EnglishHeadersAndStoredParentsWork) {
  int64_t district = MakeUnit("×区", std::nullopt, org::UnitKind::kDistrict);
  io::Table t;
  t.header = {"name", "parent", "kind"};
  t.rows = {{"西城街道办事处", "×区", "street"}};
  t.source_rows = {2};
  auto report = org::ImportOrgs(db(), t, {});
  ASSERT_TRUE(report.ok() && report->ok());
  auto sub = org_->Subtree(district);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->size(), 2u);
}

TEST_F(OrgImportTest, BadRowsAreReportedAndNothingIsWritten) {
  auto report = org::ImportOrgs(db(),
                                Orgs({{"×区", "", "区", ""},
                                      {"甲社区", "不存在街道", "社区", ""},  // 3 unknown parent
                                      {"乙社区", "×区", "村", ""},           // 4 bad kind
                                      {"丙", "丁", "其他", ""},              // 5 cycle
                                      {"丁", "丙", "其他", ""},              // 6 cycle
                                      {"×区", "", "区", ""},                 // 7 duplicate
                                      {"戊", "甲社区", "其他", ""}}),        // 8 parent rejected
                                {});
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  EXPECT_EQ(CountUnits(), 0u);
  std::set<int> rows;
  for (const auto& e : report->errors) rows.insert(e.row);
  EXPECT_EQ(rows, (std::set<int>{3, 4, 5, 6, 7, 8}));
  for (const auto& e : report->errors) {
    if (e.row == 3) EXPECT_EQ(e.error.code, "org.parent.unknown");
    if (e.row == 4) EXPECT_EQ(e.column, "单位类型");
    if (e.row == 5) EXPECT_EQ(e.error.code, "org.parent.cycle");
    if (e.row == 8) EXPECT_EQ(e.error.code, "org.parent.rejected");
  }
}

TEST_F(OrgImportTest, ClashWithStoredSiblingRollsBackWholeFile) {
  int64_t district = MakeUnit("×区", std::nullopt, org::UnitKind::kDistrict);
  MakeUnit("幸福社区", district);
  auto report = org::ImportOrgs(
      db(), Orgs({{"民主社区", "×区", "社区", ""}, {"幸福社区", "×区", "社区", ""}}), {});
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_FALSE(report->ok());
  EXPECT_EQ(report->imported, 0);
  EXPECT_EQ(report->errors.front().row, 3);
  EXPECT_EQ(CountUnits(), 2u);
}

TEST_F(OrgImportTest, ExportReimportsIntoEmptyDatabase) {
  ASSERT_TRUE(org::ImportOrgs(db(),
                              Orgs({{"×区", "", "区", "党委"},
                                    {"东关街道办事处", "×区", "街道", "党委"},
                                    {"幸福社区", "东关街道办事处", "社区", "党总支"}}),
                              {})
                  ->ok());
  auto exported = org::ExportOrgs(db());
  ASSERT_TRUE(exported.ok());
  auto other = OpenFreshTestStore();
  ASSERT_TRUE(store::Migrate(*other, modules::AllMigrations()).ok());
  auto report = org::ImportOrgs(*other, *exported, {});
  ASSERT_TRUE(report.ok() && report->ok());
  auto again = org::ExportOrgs(*other);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows, exported->rows);
}

}  // namespace
}  // namespace peixun::test
