#include "io/column_map.h"

#include <gtest/gtest.h>

namespace peixun::io {
namespace {

const std::vector<ColumnSpec> kSpecs = {
    {"name", "姓名", {"full name"}, true},
    {"phone", "手机号", {"手机号码", "mobile"}, false},
    {"unit", "单位", {"工作单位"}, true},
};

TEST(ColumnMapTest, MatchesChineseHeadersAliasesAndIgnoresMarks) {
  ColumnMap map(kSpecs, {"序号", "姓 名*", "手机号码", "工作单位"});
  EXPECT_EQ(map.Index("name"), 1u);
  EXPECT_EQ(map.Index("phone"), 2u);
  EXPECT_EQ(map.Index("unit"), 3u);
  EXPECT_TRUE(map.MissingRequired().empty());
  ASSERT_EQ(map.unknown().size(), 1u);
  EXPECT_EQ(map.unknown()[0], "序号");
  EXPECT_EQ(map.HeaderOf("phone"), "手机号码");
}

TEST(ColumnMapTest, MatchesEnglishHeadersCaseInsensitively) {
  ColumnMap map(kSpecs, {"Name", "MOBILE", "Unit"});
  EXPECT_EQ(map.Index("name"), 0u);
  EXPECT_EQ(map.Index("phone"), 1u);
  EXPECT_EQ(map.Index("unit"), 2u);
}

TEST(ColumnMapTest, ReportsMissingRequiredByLabel) {
  ColumnMap map(kSpecs, {"手机号"});
  auto missing = map.MissingRequired();
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0], "姓名");
  EXPECT_EQ(missing[1], "单位");
  EXPECT_EQ(map.HeaderOf("name"), "姓名");
}

TEST(ColumnMapTest, CellOfAbsentColumnOrShortRowIsEmpty) {
  ColumnMap map(kSpecs, {"姓名", "单位", "手机号"});
  std::vector<std::string> row = {"张三"};
  EXPECT_EQ(map.Cell(row, "name"), "张三");
  EXPECT_EQ(map.Cell(row, "unit"), "");
  EXPECT_EQ(map.Cell(row, "nonexistent"), "");
}

TEST(ColumnMapTest, SecondColumnForSameFieldIsUnknown) {
  ColumnMap map(kSpecs, {"姓名", "name", "单位"});
  EXPECT_EQ(map.Index("name"), 0u);
  ASSERT_EQ(map.unknown().size(), 1u);
  EXPECT_EQ(map.unknown()[0], "name");
}

}  // namespace
}  // namespace peixun::io
