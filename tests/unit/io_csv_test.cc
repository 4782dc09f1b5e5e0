#include "io/csv.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "io/table.h"
#include "io/text_encoding.h"

namespace peixun::io {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class CsvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peixun_csv_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  static void WriteBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  static std::string ReadBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
};

// Converts UTF-8 to GB18030 with ICU directly, independent of the code under test.
std::string ToGb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 8, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<size_t>(n));
  return out;
}

Table HardTable() {
  Table t;
  t.header = {"姓名", "身份证号", "手机", "单位", "备注"};
  t.rows = {
      {"䶮", "110101199003077777", "13800138000", "×区, 第一街道", "说\"是\""},
      {"𠮷田", "11010119900307777X", "013800138000", "多行\n第二行", "  前后空格  "},
      {"买买提·艾力", "000123", "", "CRLF\r\n内", "=1+2"},
      {"欧阳娜娜", "", "0", "\"", ",,"},
  };
  t.source_rows = {2, 3, 4, 5};
  return t;
}

TEST_F(CsvTest, RoundTripUtf8WithBom) {
  Table t = HardTable();
  ASSERT_TRUE(WriteCsv(Path("a.csv"), t).ok());
  std::string bytes = ReadBytes(Path("a.csv"));
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  auto back = ReadCsv(Path("a.csv"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, t);
}

TEST_F(CsvTest, RoundTripGb18030KeepsRareCharacters) {
  Table t = HardTable();
  ASSERT_TRUE(WriteCsv(Path("gb.csv"), t, CsvEncoding::kGb18030).ok());
  std::string bytes = ReadBytes(Path("gb.csv"));
  EXPECT_FALSE(core::IsValidUtf8(bytes));  // really GB18030, so detection is exercised
  EXPECT_NE(bytes.find(ToGb18030("𠮷")), std::string::npos);
  auto back = ReadCsv(Path("gb.csv"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, t);
  EXPECT_EQ(back->rows[1][0], "𠮷田");
  EXPECT_EQ(back->rows[0][0], "䶮");
  EXPECT_EQ(back->rows[2][0], "买买提·艾力");
}

TEST_F(CsvTest, ReadsGb18030FromExcel) {
  std::string utf8 = "姓名,性别\r\n张三,男\r\n李四,女\r\n";
  WriteBytes(Path("excel.csv"), ToGb18030(utf8));
  auto t = ReadCsv(Path("excel.csv"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header, (std::vector<std::string>{"姓名", "性别"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"李四", "女"}));
  EXPECT_EQ(t->source_rows, (std::vector<int>{2, 3}));
}

TEST_F(CsvTest, ReadsUtf16WithBom) {
  auto bytes = FromUtf8("姓名,性别\n王五,男\n", "UTF-16LE");
  ASSERT_TRUE(bytes.ok());
  auto t = ParseCsv("\xFF\xFE" + *bytes);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"王五", "男"}));
}

TEST_F(CsvTest, FormatQuotesOnlyWhatNeedsIt) {
  Table t;
  t.header = {"a", "b"};
  t.rows = {{"x,y", "say \"hi\""}, {"007", "line\nbreak"}};
  auto text = FormatCsv(t);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "\xEF\xBB\xBF"
            "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n007,\"line\nbreak\"\r\n");
}

TEST(CsvParseTest, LineEndingsAndQuotes) {
  auto t = ParseCsv("h1,h2,h3\r\n1,\"a\"\"b\",\"c\r\nd\"\n2,x\"y,\"q\"tail\r3,,\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"1", "a\"b", "c\r\nd"}));
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"2", "x\"y", "qtail"}));
  EXPECT_EQ(t->rows[2], (std::vector<std::string>{"3", "", ""}));
  EXPECT_EQ(t->source_rows, (std::vector<int>{2, 3, 4}));
}

TEST(CsvParseTest, RowNumbersCountRecordsNotLines) {
  auto t = ParseCsv("姓名,备注\n张三,\"两\n行\"\n李四,x\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->source_rows, (std::vector<int>{2, 3}));
}

TEST(CsvParseTest, PadsShortRowsDropsEmptyRowsKeepsNumbering) {
  auto t = ParseCsv("a,b,c\n1\n\n,,\n2,2\n\n\n,\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows, (std::vector<std::vector<std::string>>{{"1", "", ""}, {"2", "2", ""}}));
  EXPECT_EQ(t->source_rows, (std::vector<int>{2, 5}));
}

TEST(CsvParseTest, DataBeyondHeaderWidensHeader) {
  auto t = ParseCsv("a,b\n1,2,3\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"1", "2", "3"}));
}

TEST(CsvParseTest, SkipsTitleRowsAboveHeader) {
  auto t = ParseCsv(
      "×区2020年社区和“两新”党组织书记培训班 花名册,,,\n"
      "填报单位：组织部,,日期：2020-10-12,\n"
      "姓名,性别,单位,职务\n"
      "张三,男,一街道,书记\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header, (std::vector<std::string>{"姓名", "性别", "单位", "职务"}));
  EXPECT_EQ(t->source_rows, (std::vector<int>{4}));
}

TEST(CsvParseTest, ExplicitHeaderRow) {
  auto t = ParseCsv("标题\n姓名\n张三\n", ReadOptions{.header_row = 2});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header, (std::vector<std::string>{"姓名"}));
  EXPECT_EQ(t->rows, (std::vector<std::vector<std::string>>{{"张三"}}));

  auto missing = ParseCsv("a,b\n", ReadOptions{.header_row = 5});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "io.table.header_row");
}

TEST(CsvParseTest, OneColumnTable) {
  auto t = ParseCsv("姓名\n张三\n李四\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header, (std::vector<std::string>{"姓名"}));
  EXPECT_EQ(t->rows.size(), 2u);
}

TEST(CsvParseTest, EmptyInputGivesEmptyTable) {
  auto t = ParseCsv("");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->header.empty());
  EXPECT_TRUE(t->rows.empty());
  auto bom_only = ParseCsv("\xEF\xBB\xBF\r\n\r\n");
  ASSERT_TRUE(bom_only.ok());
  EXPECT_TRUE(bom_only->header.empty());
}

TEST(CsvParseTest, UnclosedQuoteNamesTheRow) {
  auto t = ParseCsv("a,b\n1,2\n3,\"open\n4,5\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.csv.unclosed_quote");
  EXPECT_EQ(t.error().field, "row 3");
  EXPECT_NE(t.error().message.find("第 3 行"), std::string::npos);
}

// Issue 9, item 5 (CSV injection): a cell a spreadsheet would run as a formula gets a
// leading apostrophe; the reader takes exactly one off again, so nothing is lost.
TEST(CsvFormulaGuardTest, FormulaCellsAreWrittenWithALeadingApostrophe) {
  Table t;
  t.header = {"姓名", "备注"};
  t.rows = {{"=HYPERLINK(\"http://evil/x\",\"点我\")", "@SUM(1)"},
            {"+1", "-1"},
            {"\tTab", "\rCR"},
            {"'=already", "'plain"},
            {"a=b", "1-2"},
            {"''@x", ""}};
  auto text = FormatCsv(t);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "\xEF\xBB\xBF"
            "姓名,备注\r\n"
            "\"'=HYPERLINK(\"\"http://evil/x\"\",\"\"点我\"\")\",'@SUM(1)\r\n"
            "'+1,'-1\r\n"
            "'\tTab,\"'\rCR\"\r\n"
            "''=already,'plain\r\n"
            "a=b,1-2\r\n"
            "'''@x,\r\n");
  auto back = ParseCsv(*text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->header, t.header);
  EXPECT_EQ(back->rows, t.rows);

  // The same guard in GB18030.
  auto gb = FormatCsv(t, CsvEncoding::kGb18030);
  ASSERT_TRUE(gb.ok());
  EXPECT_NE(gb->find(",'@SUM(1)\r\n'+1,'-1\r\n"), std::string::npos);
  auto gb_back = ParseCsv(*gb);
  ASSERT_TRUE(gb_back.ok());
  EXPECT_EQ(gb_back->rows, t.rows);
}

TEST(CsvFormulaGuardTest, ReaderDropsOneApostropheOnlyBeforeAFormulaCharacter) {
  auto t = ParseCsv("a,b,c\n'=1,'x,'\n''@y,'-,'+'\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"=1", "'x", "'"}));
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"'@y", "-", "+'"}));
}

TEST(CsvEncodingNameTest, KnowsUtf8AndGb18030Only) {
  EXPECT_EQ(*CsvEncodingNamed("utf-8"), CsvEncoding::kUtf8Bom);
  EXPECT_EQ(*CsvEncodingNamed("UTF8"), CsvEncoding::kUtf8Bom);
  EXPECT_EQ(*CsvEncodingNamed("GB18030"), CsvEncoding::kGb18030);
  for (const char* bad : {"latin1", "", "gbk", "utf-16"}) {
    auto e = CsvEncodingNamed(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.error().code, "request.param");
    EXPECT_EQ(e.error().field, "encoding");
  }
  EXPECT_EQ(CsvEncodingNamed("x", "--encoding").error().field, "--encoding");
}

// Issue 9, item 7: the limits hold while the text is split, and name what broke them.
TEST(CsvLimitsTest, ACellLongerThanExcelAllowsIsRefusedNamingTheCell) {
  const std::string fits(kMaxCellChars, 'x');
  auto ok = ParseCsv("a,b\n1," + fits + "\n");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->rows[0][1], fits);
  std::string rare;
  for (int i = 0; i < kMaxCellChars; ++i) rare += "䶮";  // 3 bytes, 1 character each
  EXPECT_TRUE(ParseCsv("a,b\n1," + rare + "\n").ok());

  for (const std::string& body : {"1," + fits + "x\n", "1,\"" + fits + "\"\"\"\n",
                                  "1,\"" + std::string(1 << 20, 'y') + "\"\n"}) {
    auto t = ParseCsv("a,b\n" + body);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "io.table.cell_too_long");
    EXPECT_EQ(t.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(t.error().field, "B2");
    EXPECT_NE(t.error().message.find("32767"), std::string::npos) << t.error().message;
    EXPECT_NE(t.error().message.find("第 2 行"), std::string::npos) << t.error().message;
  }
}

TEST(CsvLimitsTest, MoreDataRowsThanTheLimitAreRefused) {
  std::string csv = "标题\n姓名,单位\n";
  for (int i = 0; i < 4; ++i) csv += "张" + std::to_string(i) + ",幸福社区\n";
  csv += ",\n\n";  // blank rows do not count
  auto fits = ParseCsv(csv, ReadOptions{.max_rows = 4});
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->rows.size(), 4u);
  auto over = ParseCsv(csv, ReadOptions{.max_rows = 3});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "io.table.too_many_rows");
  EXPECT_EQ(over.error().kind, ErrorKind::kTooLarge);
  EXPECT_NE(over.error().message.find(" 3 "), std::string::npos) << over.error().message;

  // The process-wide default applies when the options name none.
  EXPECT_EQ(MaxImportRows(), kDefaultMaxImportRows);
  SetMaxImportRows(3);
  EXPECT_EQ(ParseCsv(csv).error().code, "io.table.too_many_rows");
  SetMaxImportRows(0);  // back to the default
  EXPECT_EQ(MaxImportRows(), kDefaultMaxImportRows);
  EXPECT_TRUE(ParseCsv(csv).ok());
}

// A million rows stop at the limit: the reader does not build them all first.
TEST(CsvLimitsTest, AMillionRowsStopEarly) {
  std::string csv = "姓名,单位\n";
  for (int i = 0; i < 1'000'000; ++i) csv += "张三,幸福社区\n";
  auto t = ParseCsv(csv, ReadOptions{.max_rows = 1000});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.table.too_many_rows");
  EXPECT_NE(t.error().message.find("1000"), std::string::npos);
}

TEST(CsvParseTest, BomWithInvalidUtf8IsAnError) {
  auto t = ParseCsv("\xEF\xBB\xBF\xD6\xD0\xCE\xC4");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.encoding.invalid");
}

TEST(CsvParseTest, InvalidGb18030IsAnError) {
  auto t = ParseCsv("a,b\n\xFF\xFF,1\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.encoding.invalid");
}

TEST_F(CsvTest, MissingFile) {
  auto t = ReadCsv(Path("nope.csv"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.file.not_found");
  EXPECT_EQ(t.error().kind, ErrorKind::kNotFound);
}

TEST_F(CsvTest, WriteRejectsInvalidUtf8AndLeavesNoFile) {
  Table t;
  t.header = {"a"};
  t.rows = {{"\xFF"}};
  Status s = WriteCsv(Path("bad.csv"), t);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "io.encoding.invalid");
  EXPECT_FALSE(fs::exists(Path("bad.csv")));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 0);
}

TEST_F(CsvTest, WriteToMissingDirectoryFails) {
  Table t;
  t.header = {"a"};
  Status s = WriteCsv(Path("no/such/dir.csv"), t);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "io.file.write_failed");
}

}  // namespace
}  // namespace peixun::io
