#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/csv.h"
#include "io/rejected_rows.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"
#include "modules/org/org_import.h"
#include "modules/people/roster_export.h"
#include "modules/people/roster_import.h"
#include "registry_fixture.h"

namespace peixun::test {
namespace {

io::Table Roster(std::vector<std::vector<std::string>> rows) {
  io::Table t;
  t.header = {"姓名", "性别", "单位", "手机号", "身份证号", "职务"};
  for (size_t i = 0; i < rows.size(); ++i) {
    t.rows.push_back(rows[i]);
    t.source_rows.push_back(static_cast<int>(i) + 2);
  }
  return t;
}

class RosterImportTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    street_ = MakeUnit("东关街道办事处", std::nullopt, org::UnitKind::kStreet);
    MakeUnit("幸福社区", street_);
    MakeUnit("民主社区", street_);
  }

  int64_t CountPeople() {
    int64_t n = -1;
    EXPECT_TRUE(db().Read([&](store::Tx& tx) -> Status {
                      PEIXUN_ASSIGN_OR_RETURN(store::Rows r,
                                              tx.Query("SELECT count(*) FROM people"));
                      n = r[0].Int(0);
                      return Ok();
                    })
                    .ok());
    return n;
  }

  Result<ImportReport> Import(const io::Table& t, ImportOptions options = {}) {
    return people::ImportRoster(db(), key_, t, options);
  }

  int64_t street_ = 0;
};

const RowError* FindError(const ImportReport& r, int row, const std::string& column) {
  for (const auto& e : r.errors)
    if (e.row == row && e.column == column) return &e;
  return nullptr;
}

TEST_F(RosterImportTest, GoodFileImportsEveryRow) {
  auto report = Import(Roster({{"张三", "男", "幸福社区", "13800138000", "", "书记"},
                               {"刘䶮", "", "民主社区", "", kIdMale1980, "党务干事"},
                               {"买买提·艾力", "男", "幸福社区", "", "", ""}}));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->total_rows, 3);
  EXPECT_EQ(report->imported, 3);
  EXPECT_EQ(CountPeople(), 3);
}

TEST_F(RosterImportTest, AnyBadRowImportsNothingAndEveryErrorNamesRowAndColumn) {
  auto report = Import(Roster({
      {"张三", "男", "幸福社区", "13800138000", "", ""},         // row 2 good
      {"李四", "男", "幸福社区", "", "110105198001010017", ""},  // row 3 check digit
      {"王五", "男", "幸福社区", "1380013800", "", ""},          // row 4 phone length
      {"赵六", "男", "不存在社区", "", "", ""},                  // row 5 unknown unit
      {"", "男", "幸福社区", "", "", ""},                        // row 6 empty name
      {"钱七", "女", "幸福社区", "", kIdMale1980, ""},           // row 7 gender vs ID
      {"孙八", "", "幸福社区", "", kIdFemale1990, ""},           // row 8 good
      {"孙八八", "", "幸福社区", "", kIdFemale1990, ""},         // row 9 dup in file
  }));
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  EXPECT_EQ(report->imported, 0);
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(CountPeople(), 0);
  ASSERT_NE(FindError(*report, 3, "身份证号"), nullptr);
  EXPECT_EQ(FindError(*report, 3, "身份证号")->error.code, "id_number.check_digit");
  ASSERT_NE(FindError(*report, 4, "手机号"), nullptr);
  ASSERT_NE(FindError(*report, 5, "单位"), nullptr);
  EXPECT_EQ(FindError(*report, 5, "单位")->error.code, "people.unit.unknown");
  ASSERT_NE(FindError(*report, 6, "姓名"), nullptr);
  ASSERT_NE(FindError(*report, 7, "性别"), nullptr);
  ASSERT_NE(FindError(*report, 9, "身份证号"), nullptr);
  EXPECT_EQ(FindError(*report, 9, "身份证号")->error.code, "people.id_number.duplicate_in_file");
  EXPECT_EQ(report->rejected_rows.size(), 6u);
  EXPECT_EQ(FindError(*report, 2, "姓名"), nullptr);
}

TEST_F(RosterImportTest, DuplicateAgainstDatabaseIsReported) {
  ASSERT_TRUE(Import(Roster({{"李四", "", "幸福社区", "", kIdMale1980, ""}}))->ok());
  auto report = Import(Roster({{"李四", "", "民主社区", "", kIdMale1980, ""}}));
  ASSERT_TRUE(report.ok());
  ASSERT_NE(FindError(*report, 2, "身份证号"), nullptr);
  EXPECT_EQ(FindError(*report, 2, "身份证号")->error.code, "people.id_number.duplicate");
  EXPECT_EQ(CountPeople(), 1);
}

TEST_F(RosterImportTest, SkipBadRowsImportsGoodRowsAndListsRejected) {
  io::Table t = Roster({{"张三", "男", "幸福社区", "", "", ""},
                        {"李四", "男", "幸福社区", "12345", "", ""},
                        {"王五", "女", "民主社区", "", "", ""}});
  auto report = Import(t, ImportOptions{false, true});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->imported, 2);
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(CountPeople(), 2);
  io::Table rejected = io::RejectedRowsTable(t, *report);
  ASSERT_EQ(rejected.rows.size(), 1u);
  EXPECT_EQ(rejected.header.back(), "错误原因");
  EXPECT_EQ(rejected.rows[0][0], "李四");
  EXPECT_NE(rejected.rows[0].back().find("手机号"), std::string::npos);
  // Fixing the row and importing the rejected file takes it.
  rejected.rows[0][3] = "13800138000";
  auto again = Import(rejected);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->ok());
  EXPECT_EQ(again->imported, 1);
  EXPECT_EQ(CountPeople(), 3);
}

TEST_F(RosterImportTest, DryRunWritesNothing) {
  auto report =
      Import(Roster({{"张三", "男", "幸福社区", "", "", ""}}), ImportOptions{true, false});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->imported, 0);
  EXPECT_EQ(CountPeople(), 0);
}

TEST_F(RosterImportTest, MissingRequiredColumnFailsTheFile) {
  io::Table t;
  t.header = {"姓名", "性别"};
  t.rows = {{"张三", "男"}};
  t.source_rows = {2};
  auto report = Import(t);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, "import.column.missing");
  EXPECT_NE(report.error().message.find("单位"), std::string::npos);
}

TEST_F(RosterImportTest, FailureWhileWritingLeavesDatabaseExactlyAsBefore) {
  ASSERT_TRUE(Import(Roster({{"原有甲", "男", "幸福社区", "", "", ""}}))->ok());
  // A trigger makes the database itself refuse the third new row mid-import.
  const bool sqlite = db().dialect() == store::Dialect::kSqlite;
  ASSERT_TRUE(db().Transact([&](store::Tx& tx) -> Status {
                    if (sqlite) {
                      return tx.ExecScript(
                          "CREATE TRIGGER boom BEFORE INSERT ON people WHEN NEW.name = '炸弹' "
                          "BEGIN SELECT RAISE(ABORT, 'boom'); END;");
                    }
                    return tx.ExecScript(
                        "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN "
                        "IF NEW.name = '炸弹' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; "
                        "END $$ LANGUAGE plpgsql;"
                        "CREATE TRIGGER boom BEFORE INSERT ON people FOR EACH ROW "
                        "EXECUTE FUNCTION boom();");
                  })
                  .ok());
  auto report = Import(Roster({{"新人甲", "男", "幸福社区", "", "", ""},
                               {"新人乙", "女", "幸福社区", "", kIdFemale1990, ""},
                               {"炸弹", "男", "幸福社区", "", "", ""},
                               {"新人丙", "男", "幸福社区", "", "", ""}}));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(CountPeople(), 1);
  people::PeopleQuery q;
  auto page = people_->List(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].name, "原有甲");
}

class RoundTripTest : public RosterImportTest {};

TEST_F(RoundTripTest, ExportImportExportIsByteIdenticalForHardNames) {
  ASSERT_TRUE(Import(Roster({{"刘䶮", "", "幸福社区", "13800138000", kIdMale1980, "书记"},
                             {"𠮷祥云", "男", "民主社区", "", "", "副书记"},
                             {"买买提·艾力", "男", "幸福社区", "", "", ""},
                             {"欧阳晓岚", "", "民主社区", "13900139000", kIdFemale1990, ""},
                             {"阿依古丽·买买提", "女", "幸福社区", "", "", "党务干事"}}))
                  ->ok());
  auto first = people::ExportRoster(db(), key_, {});
  ASSERT_TRUE(first.ok());
  auto dir = std::filesystem::temp_directory_path() /
             ("peixun-roundtrip-" + std::to_string(::getpid()) + "-" + CurrentBackend());
  std::filesystem::create_directories(dir);
  const std::string csv1 = (dir / "a.csv").string(), xlsx1 = (dir / "a.xlsx").string();
  ASSERT_TRUE(io::WriteCsv(csv1, *first).ok());
  ASSERT_TRUE(io::WriteXlsx(xlsx1, {io::Sheet{"花名册", *first, {}, ""}}).ok());

  for (const std::string& file : {csv1, xlsx1}) {
    // A second, fresh database with the same units and key.
    auto other = OpenFreshTestStore();
    ASSERT_TRUE(store::Migrate(*other, modules::AllMigrations()).ok());
    ASSERT_TRUE(org::ImportOrgs(*other, *org::ExportOrgs(db()), {})->ok());
    auto table = file == csv1 ? io::ReadCsv(file) : io::ReadXlsx(file);
    ASSERT_TRUE(table.ok());
    auto report = people::ImportRoster(*other, key_, *table, {});
    ASSERT_TRUE(report.ok());
    ASSERT_TRUE(report->ok()) << report->errors.front().error.message;
    EXPECT_EQ(report->imported, 5);
    auto second = people::ExportRoster(*other, key_, {});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->rows, first->rows);
    const std::string csv2 = (dir / "b.csv").string();
    ASSERT_TRUE(io::WriteCsv(csv2, *second).ok());
    auto bytes = [](const std::string& p) {
      std::ifstream in(p, std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    };
    EXPECT_EQ(bytes(csv1), bytes(csv2));
    EXPECT_NE(bytes(csv2).find("𠮷祥云"), std::string::npos);
    EXPECT_NE(bytes(csv2).find("买买提·艾力"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace peixun::test
