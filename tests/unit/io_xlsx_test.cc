#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "io/excel_number.h"
#include "io/xlsx_package.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"
#include "io/zip_archive.h"

namespace peixun::io {
namespace {

namespace fs = std::filesystem;

using Entries = std::vector<std::pair<std::string, std::string>>;

class XlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peixun_xlsx_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Writes a zip with the given (name, content) entries, deflated.
  static void WriteZip(const std::string& path, const Entries& entries) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    ASSERT_NE(archive, nullptr);
    for (const auto& [name, content] : entries) {
      zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
      ASSERT_NE(source, nullptr);
      ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
    }
    ASSERT_EQ(zip_close(archive), 0);
  }

  static std::string ReadEntry(const std::string& path, const std::string& name) {
    auto archive = ZipArchive::Open(path);
    EXPECT_TRUE(archive.ok());
    if (!archive.ok()) return {};
    auto text = (*archive)->Read(name, 1 << 20);
    EXPECT_TRUE(text.ok());
    return text.ok() ? *text : std::string();
  }

  fs::path dir_;
};

Table HardTable() {
  Table t;
  t.header = {"序号", "姓名", "身份证号", "手机", "单位", "备注"};
  t.rows = {
      {"001", "䶮", "110101199003077777", "13800138000", "×区第一街道", "多行\n第二行"},
      {"002", "𠮷田", "11010119900307777X", "013800138000", "“两新”党组织", ""},
      {"003", "买买提·艾力", "000123", "", "CR\r\nLF\ttab", "=1+2 \x01 <&>"},
      {"004", "欧阳娜娜", "", "0", "a_x0041_b_x005F_", "  前后空格  "},
  };
  t.source_rows = {2, 3, 4, 5};
  return t;
}

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A workbook as another producer might write it: the roster is the second sheet (the first
// is hidden), parts have unusual names and an absolute target, the shared strings use a
// namespace prefix, rich text and a phonetic guide, and the styles hold a date builtin,
// a Chinese custom date format and a time format.
Entries HandMadeXlsx() {
  std::string ns = std::string(" xmlns=\"") + kMain + "\"";
  Entries e;
  e.push_back({"[Content_Types].xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"});
  e.push_back({"_rels/.rels",
               "<?xml version=\"1.0\"?><Relationships "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"" +
                   std::string(kRel) +
                   "/officeDocument\" Target=\"xl/book.xml\"/>"
                   "</Relationships>"});
  e.push_back(
      {"xl/book.xml", "<?xml version=\"1.0\"?><workbook" + ns + " xmlns:r=\"" + kRel +
                          "\"><workbookPr/><sheets>"
                          "<sheet name=\"隐藏\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                          "<sheet name=\"名单\" sheetId=\"2\" r:id=\"rId2\"/>"
                          "</sheets></workbook>"});
  e.push_back({"xl/_rels/book.xml.rels",
               "<?xml version=\"1.0\"?><Relationships "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"" +
                   std::string(kRel) +
                   "/worksheet\" Target=\"worksheets/hidden.xml\"/>"
                   "<Relationship Id=\"rId2\" Type=\"" +
                   kRel +
                   "/worksheet\" Target=\"/xl/data/roster.xml\"/>"
                   "<Relationship Id=\"rId3\" Type=\"" +
                   kRel +
                   "/sharedStrings\" Target=\"strings.xml\"/>"
                   "<Relationship Id=\"rId4\" Type=\"" +
                   kRel +
                   "/styles\" Target=\"./styles.xml\"/>"
                   "</Relationships>"});
  e.push_back(
      {"xl/strings.xml",
       std::string("<?xml version=\"1.0\"?><x:sst xmlns:x=\"") + kMain + "\">" +
           "<x:si><x:r><x:t>姓</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>名</x:t></x:r></x:si>"
           "<x:si><x:t>性别</x:t><x:rPh sb=\"0\" eb=\"2\"><x:t>xingbie</x:t></x:rPh></x:si>"
           "<x:si><x:t>出生日期</x:t></x:si>"
           "<x:si><x:t>报到</x:t></x:si>"
           "<x:si><x:t xml:space=\"preserve\"> 䶮𠮷 </x:t></x:si>"
           "</x:sst>"});
  e.push_back({"xl/styles.xml",
               "<?xml version=\"1.0\"?><styleSheet" + ns +
                   "><numFmts count=\"1\"><numFmt numFmtId=\"176\" "
                   "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
                   "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
                   "<cellXfs count=\"4\"><xf numFmtId=\"0\" xfId=\"0\"/>"
                   "<xf numFmtId=\"14\" xfId=\"0\" applyNumberFormat=\"1\"><alignment/></xf>"
                   "<xf numFmtId=\"176\" xfId=\"0\"/><xf numFmtId=\"20\" xfId=\"0\"/></cellXfs>"
                   "</styleSheet>"});
  e.push_back({"xl/worksheets/hidden.xml",
               "<?xml version=\"1.0\"?><worksheet" + ns +
                   "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>秘密</t></is></c>"
                   "<c r=\"B1\" t=\"inlineStr\"><is><t>不要读</t></is></c></row></sheetData>"
                   "</worksheet>"});
  e.push_back(
      {"xl/data/roster.xml",
       "<?xml version=\"1.0\"?><worksheet" + ns +
           "><sheetData>"
           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
           "<c r=\"C1\" t=\"inlineStr\"><is><t>电话</t></is></c><c r=\"D1\" t=\"s\"><v>2</v></c>"
           "<c r=\"E1\" t=\"str\"><f>\"备\"&amp;\"注\"</f><v>备注</v></c>"
           "<c r=\"F1\" t=\"s\"><v>3</v></c><c r=\"G1\"><v>7</v></c></row>"
           "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"C2\"><v>1.3800138E10</v></c>"
           "<c r=\"D2\" s=\"1\"><v>43831</v></c><c r=\"E2\" t=\"b\"><v>1</v></c>"
           "<c r=\"F2\" s=\"2\"><v>44000</v></c><c r=\"G2\" t=\"e\"><v>#N/A</v></c></row>"
           "<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" "
           "t=\"inlineStr\"><is><t></t></is></c></row>"
           "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><r><t>买买提</t></r>"
           "<r><rPr><b/></rPr><t>·艾力</t></r></is></c>"
           "<c r=\"B4\"><v>0.30000000000000004</v></c><c r=\"D4\" s=\"3\"><v>0.5</v></c>"
           "<c r=\"E4\" t=\"str\"><v>a_x000D_b</v></c><c><v>-2.50</v></c></row>"
           "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>女</t></is></c></row>"
           "</sheetData><mergeCells count=\"0\"/></worksheet>"});
  return e;
}

TEST_F(XlsxTest, RoundTripHardNames) {
  Table t = HardTable();
  ASSERT_TRUE(WriteXlsx(Path("a.xlsx"), {Sheet{"名单", t, {}, ""}}).ok());
  auto back = ReadXlsx(Path("a.xlsx"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, t);
}

TEST_F(XlsxTest, RoundTripWithTitleFindsHeader) {
  Table t = HardTable();
  Sheet sheet{"花名册", t, {6, 12}, "×区2020年社区和“两新”党组织书记培训班 花名册"};
  ASSERT_TRUE(WriteXlsx(Path("t.xlsx"), {sheet}).ok());
  auto back = ReadXlsx(Path("t.xlsx"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->header, t.header);
  EXPECT_EQ(back->rows, t.rows);
  EXPECT_EQ(back->source_rows, (std::vector<int>{3, 4, 5, 6}));

  std::string sheet_xml = ReadEntry(Path("t.xlsx"), "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet_xml.find("<mergeCell ref=\"A1:F1\"/>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<autoFilter ref=\"A2:F6\"/>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("topLeftCell=\"A3\""), std::string::npos);  // frozen below header
  EXPECT_NE(sheet_xml.find("width=\"6.7"), std::string::npos);         // explicit width
}

TEST_F(XlsxTest, WritesEveryCellAsTextWithStyledHeader) {
  Table t;
  t.header = {"身份证号", "手机"};
  t.rows = {{"110101199003077777", "13800138000"}};
  ASSERT_TRUE(WriteXlsx(Path("x.xlsx"), {Sheet{"s", t, {}, ""}}).ok());
  std::string sheet_xml = ReadEntry(Path("x.xlsx"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet_xml.find("<v>"), std::string::npos);  // no numeric cells at all
  EXPECT_NE(sheet_xml.find("110101199003077777"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<autoFilter ref=\"A1:B2\"/>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<pane ySplit=\"1\""), std::string::npos);
  EXPECT_NE(sheet_xml.find("numberStoredAsText"), std::string::npos);
  std::string styles = ReadEntry(Path("x.xlsx"), "xl/styles.xml");
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  EXPECT_NE(styles.find("patternType=\"solid\""), std::string::npos);
  EXPECT_NE(styles.find("<left style=\"thin\">"), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"@\""), std::string::npos);
}

TEST_F(XlsxTest, RoundTripThousandRows) {
  Table t;
  t.header = {"序号", "姓名", "身份证号", "手机", "单位"};
  const std::vector<std::string> names = {"䶮", "𠮷", "买买提·艾力", "张三", "欧阳修"};
  for (int i = 0; i < 1000; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "1101011990%08d", i * 7919);
    t.rows.push_back({std::to_string(i + 1), names[i % names.size()] + std::to_string(i), id,
                      "0" + std::to_string(13800000000LL + i), i % 3 == 0 ? "" : "单位"});
    t.source_rows.push_back(i + 2);
  }
  ASSERT_TRUE(WriteXlsx(Path("big.xlsx"), {Sheet{"名单", t, {}, ""}}).ok());
  auto back = ReadXlsx(Path("big.xlsx"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, t);

  ASSERT_TRUE(WriteXlsx(Path("big_title.xlsx"), {Sheet{"名单", t, {}, "花名册"}}).ok());
  auto titled = ReadXlsx(Path("big_title.xlsx"));
  ASSERT_TRUE(titled.ok());
  EXPECT_EQ(titled->rows, t.rows);
}

TEST_F(XlsxTest, ReadsFirstSheetOnly) {
  Table a;
  a.header = {"x", "y"};
  a.rows = {{"1", "2"}};
  a.source_rows = {2};
  Table b;
  b.header = {"p", "q"};
  ASSERT_TRUE(WriteXlsx(Path("m.xlsx"), {Sheet{"一", a, {}, ""}, Sheet{"二", b, {}, ""}}).ok());
  auto back = ReadXlsx(Path("m.xlsx"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, a);
}

TEST_F(XlsxTest, SheetNamesAreMadeValid) {
  Table t;
  t.header = {"a", "b"};
  std::vector<Sheet> sheets = {
      {"2020/10 名单[1]", t, {}, ""},
      {"2020/10 名单[1]", t, {}, ""},
      {"", t, {}, ""},
      {"×区2020年社区和“两新”党组织书记培训班学员花名册汇总表格总表", t, {}, ""},
  };
  ASSERT_TRUE(WriteXlsx(Path("n.xlsx"), sheets).ok());
  std::string book = ReadEntry(Path("n.xlsx"), "xl/workbook.xml");
  EXPECT_NE(book.find("name=\"2020_10 名单_1_\""), std::string::npos) << book;
  EXPECT_NE(book.find("name=\"2020_10 名单_1_ (2)\""), std::string::npos) << book;
  EXPECT_NE(book.find("name=\"Sheet3\""), std::string::npos) << book;
  EXPECT_NE(book.find("name=\"×区2020年社区和“两新”党组织书记培训班学员花名册汇总表格\""),
            std::string::npos)
      << book;
}

TEST_F(XlsxTest, WriterErrors) {
  EXPECT_EQ(WriteXlsx(Path("e.xlsx"), {}).error().code, "io.xlsx.no_sheets");

  Table long_cell;
  long_cell.header = {"a"};
  long_cell.rows = {{std::string(40000, 'x')}};
  Status s = WriteXlsx(Path("e.xlsx"), {Sheet{"s", long_cell, {}, ""}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "io.xlsx.cell_too_long");
  EXPECT_EQ(s.error().field, "第 2 行第 1 列");

  Table bad;
  bad.header = {"\xFF"};
  EXPECT_EQ(WriteXlsx(Path("e.xlsx"), {Sheet{"s", bad, {}, ""}}).error().code,
            "io.encoding.invalid");
  EXPECT_FALSE(fs::exists(Path("e.xlsx")));

  Table ok;
  ok.header = {"a"};
  EXPECT_EQ(WriteXlsx(Path("no/dir/e.xlsx"), {Sheet{"s", ok, {}, ""}}).error().code,
            "io.file.write_failed");
}

TEST_F(XlsxTest, ReadsHandMadeWorkbook) {
  WriteZip(Path("hand.xlsx"), HandMadeXlsx());
  auto t = ReadXlsx(Path("hand.xlsx"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header,
            (std::vector<std::string>{"姓名", "性别", "电话", "出生日期", "备注", "报到", "7"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{" 䶮𠮷 ", "", "13800138000", "2020-01-01", "TRUE",
                                                  "2020-06-18", "#N/A"}));
  EXPECT_EQ(t->rows[1],
            (std::vector<std::string>{"买买提·艾力", "0.3", "", "12:00", "a\rb", "-2.5", ""}));
  EXPECT_EQ(t->rows[2], (std::vector<std::string>{"", "女", "", "", "", "", ""}));
  EXPECT_EQ(t->source_rows, (std::vector<int>{2, 4, 7}));
}

TEST_F(XlsxTest, ParsesBytesInMemory) {
  WriteZip(Path("hand.xlsx"), HandMadeXlsx());
  std::ifstream in(Path("hand.xlsx"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto t = ParseXlsx(bytes);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->rows.size(), 3u);
}

TEST_F(XlsxTest, NotAnXlsx) {
  std::ofstream(Path("text.xlsx")) << "姓名,性别\n张三,男\n";
  auto t = ReadXlsx(Path("text.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.xlsx.invalid");
  EXPECT_EQ(t.error().kind, ErrorKind::kInvalid);

  std::ofstream(Path("old.xls"), std::ios::binary)
      << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(504, '\0');
  auto ole = ReadXlsx(Path("old.xls"));
  ASSERT_FALSE(ole.ok());
  EXPECT_EQ(ole.error().code, "io.xlsx.invalid");
  EXPECT_NE(ole.error().message.find(".xls"), std::string::npos);

  WriteZip(Path("plain.zip"), {{"readme.txt", "hello"}});
  auto zip_only = ReadXlsx(Path("plain.zip"));
  ASSERT_FALSE(zip_only.ok());
  EXPECT_EQ(zip_only.error().code, "io.xlsx.invalid");

  Entries broken = HandMadeXlsx();
  broken.back().second = "<worksheet><sheetData><row>";  // truncated XML
  WriteZip(Path("broken.xlsx"), broken);
  auto bad_xml = ReadXlsx(Path("broken.xlsx"));
  ASSERT_FALSE(bad_xml.ok());
  EXPECT_EQ(bad_xml.error().code, "io.xlsx.invalid");

  EXPECT_EQ(ParseXlsx("not a zip").error().code, "io.xlsx.invalid");
}

TEST_F(XlsxTest, MissingFile) {
  auto t = ReadXlsx(Path("nope.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.file.not_found");
}

// Issue 9, item 15: quantities (序号, 学时) are numbers, so SUM adds them; IDs and
// phone numbers stay text.
TEST(XlsxQuantityTest, OnlyPlainDecimalsAreQuantities) {
  EXPECT_EQ(QuantityValue("12"), 12.0);
  EXPECT_EQ(QuantityValue("2.5"), 2.5);
  EXPECT_EQ(QuantityValue("-1"), -1.0);
  EXPECT_EQ(QuantityValue("0.5"), 0.5);
  EXPECT_EQ(QuantityValue("007"), 7.0);
  EXPECT_EQ(QuantityValue("123456789012345"), 123456789012345.0);
  for (const char* text : {"", "-", "1e5", "+1", " 1", "1 ", "1.", ".5", "1,000", "0x10", "１２",
                           "1234567890123456", "110101199003077777", "2.5学时", "1/2"}) {
    EXPECT_FALSE(QuantityValue(text).has_value()) << text;
  }
}

TEST_F(XlsxTest, NumberColumnsHoldNumbersAndReadBack) {
  Table t;
  t.header = {"序号", "姓名", "学时", "身份证号", "手机号"};
  t.rows = {{"1", "刘䶮", "2.5", "110101199003077777", "13800138000"},
            {"2", "买买提·艾力", "0.5", "11010119900307777X", "013800138000"},
            {"3", "张三", "待定", "", ""}};
  t.source_rows = {2, 3, 4};
  Sheet sheet{"课程", t, {}, ""};
  sheet.number_columns = {0, 2};
  ASSERT_TRUE(WriteXlsx(Path("n.xlsx"), {sheet}).ok());
  const std::string xml = ReadEntry(Path("n.xlsx"), "xl/worksheets/sheet1.xml");
  // A number cell has no t= attribute and its value in <v>; text is an inline string.
  for (const char* number : {"A2", "A3", "A4", "C2", "C3"}) {
    const size_t at = xml.find(std::string("<c r=\"") + number + "\"");
    ASSERT_NE(at, std::string::npos) << number;
    const std::string cell = xml.substr(at, xml.find("</c>", at) - at);
    EXPECT_EQ(cell.find(" t="), std::string::npos) << cell;
    EXPECT_NE(cell.find("<v>"), std::string::npos) << cell;
  }
  for (const char* text : {"C4", "D2", "D3", "E2", "E3", "B2"}) {
    const size_t at = xml.find(std::string("<c r=\"") + text + "\"");
    ASSERT_NE(at, std::string::npos) << text;
    const std::string cell = xml.substr(at, xml.find("</c>", at) - at);
    EXPECT_NE(cell.find("t=\"inlineStr\""), std::string::npos) << cell;
  }
  EXPECT_NE(xml.find("<v>2.5</v>"), std::string::npos);
  auto back = ReadXlsx(Path("n.xlsx"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, t);
}

// Issue 9, item 7: limits that hold while the worksheet streams through the parser.
Entries WithSheetRows(const std::string& rows, const std::string& shared = "") {
  Entries e = HandMadeXlsx();
  const std::string ns = std::string(" xmlns=\"") + kMain + "\"";
  e.back().second =
      "<?xml version=\"1.0\"?><worksheet" + ns + "><sheetData>" + rows + "</sheetData></worksheet>";
  for (auto& [name, content] : e) {
    if (name == "xl/strings.xml" && !shared.empty()) {
      content = "<?xml version=\"1.0\"?><sst" + ns + ">" + shared + "</sst>";
    }
  }
  return e;
}

std::string InlineCell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

const std::string kHeader =
    "<row r=\"1\">" + InlineCell("A1", "姓名") + InlineCell("B1", "单位") + "</row>";

TEST_F(XlsxTest, ACellLongerThanExcelAllowsIsRefusedNamingTheCell) {
  const std::string fits(kMaxCellChars, 'x');
  WriteZip(Path("fits.xlsx"),
           WithSheetRows(kHeader + "<row r=\"2\">" + InlineCell("B2", fits) + "</row>"));
  auto ok = ReadXlsx(Path("fits.xlsx"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->rows[0][1], fits);

  // Escapes count as the one character they stand for.
  std::string crs;
  for (int i = 0; i < 10000; ++i) crs += "a_x000D_";
  WriteZip(Path("escapes.xlsx"),
           WithSheetRows(kHeader + "<row r=\"2\">" + InlineCell("A2", crs) + "</row>"));
  auto escaped = ReadXlsx(Path("escapes.xlsx"));
  ASSERT_TRUE(escaped.ok()) << escaped.error().message;
  EXPECT_EQ(escaped->rows[0][0].size(), 20000u);

  const std::vector<std::pair<std::string, Entries>> too_long = {
      {"inline",
       WithSheetRows(kHeader + "<row r=\"7\">" + InlineCell("B7", fits + "y") + "</row>")},
      {"inline, 2 MB", WithSheetRows(kHeader + "<row r=\"7\"><c r=\"B7\" t=\"inlineStr\"><is><t>" +
                                     std::string(2 << 20, 'z') + "</t></is></c></row>")},
      {"formula string", WithSheetRows(kHeader + "<row r=\"7\"><c r=\"B7\" t=\"str\"><v>" + fits +
                                       "z</v></c></row>")},
      {"shared string",
       WithSheetRows(kHeader + "<row r=\"7\"><c r=\"B7\" t=\"s\"><v>1</v></c></row>",
                     "<si><t>ok</t></si><si><t>" + std::string(3 << 20, 's') + "</t></si>")},
  };
  for (const auto& [label, entries] : too_long) {
    WriteZip(Path("long.xlsx"), entries);
    auto t = ReadXlsx(Path("long.xlsx"));
    ASSERT_FALSE(t.ok()) << label;
    EXPECT_EQ(t.error().code, "io.table.cell_too_long") << label;
    EXPECT_EQ(t.error().field, "B7") << label;
    EXPECT_NE(t.error().message.find("第 7 行第 B 列"), std::string::npos) << t.error().message;
    EXPECT_NE(t.error().message_en.find("32767"), std::string::npos) << t.error().message_en;
  }

  // A long shared string that no cell uses does no harm.
  WriteZip(Path("unused.xlsx"),
           WithSheetRows(kHeader + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>",
                         "<si><t>张三</t></si><si><t>" + std::string(1 << 20, 's') + "</t></si>"));
  auto unused = ReadXlsx(Path("unused.xlsx"));
  ASSERT_TRUE(unused.ok()) << unused.error().message;
  EXPECT_EQ(unused->rows[0][0], "张三");
}

TEST_F(XlsxTest, MoreDataRowsThanTheLimitAreRefused) {
  std::string rows = kHeader;
  for (int r = 2; r <= 5; ++r) {
    rows += "<row r=\"" + std::to_string(r) + "\">" + InlineCell("A" + std::to_string(r), "张三") +
            "</row><row r=\"" + std::to_string(r + 100) + "\"/>";  // empty rows do not count
  }
  WriteZip(Path("rows.xlsx"), WithSheetRows(rows));
  auto fits = ReadXlsx(Path("rows.xlsx"), ReadOptions{.max_rows = 4});
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->rows.size(), 4u);
  auto over = ReadXlsx(Path("rows.xlsx"), ReadOptions{.max_rows = 3});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "io.table.too_many_rows");
  EXPECT_EQ(over.error().kind, ErrorKind::kTooLarge);

  // Rows without numbers, as some producers write them; the reader stops at the limit.
  std::string many = kHeader;
  for (int r = 0; r < 100000; ++r) many += "<row>" + InlineCell("", "李四") + "</row>";
  WriteZip(Path("many.xlsx"), WithSheetRows(many));
  auto stopped = ReadXlsx(Path("many.xlsx"), ReadOptions{.max_rows = 50});
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().code, "io.table.too_many_rows");
  EXPECT_NE(stopped.error().message.find(" 50 "), std::string::npos);
}

TEST_F(XlsxTest, ATagLongerThanAMegabyteIsRefused) {
  WriteZip(Path("attr.xlsx"),
           WithSheetRows(kHeader + "<row r=\"2\" spans=\"" + std::string(3 << 20, '1') + "\">" +
                         InlineCell("A2", "x") + "</row>"));
  auto t = ReadXlsx(Path("attr.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.xml.too_large");
}

TEST_F(XlsxTest, ParsesAnUploadHeldInMemory) {
  Table t = HardTable();
  ASSERT_TRUE(WriteXlsx(Path("u.xlsx"), {Sheet{"名单", t, {}, ""}}).ok());
  std::ifstream in(Path("u.xlsx"), std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  auto back = ParseXlsx(bytes);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, t);
}

TEST_F(XlsxTest, RefusesDoctype) {
  Entries e = HandMadeXlsx();
  e.back().second =
      "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/>"
      "</worksheet>";
  WriteZip(Path("dtd.xlsx"), e);
  auto t = ReadXlsx(Path("dtd.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.xlsx.invalid");
}

// A sheet that inflates past the limit is refused before it is parsed. The entry is
// generated on the fly (and compresses to a few hundred KB), so the test stays small.
zip_int64_t ZerosSource(void* state, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
  auto* remaining = static_cast<zip_uint64_t*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_READ: {
      zip_uint64_t n = std::min(length, *remaining);
      std::memset(data, ' ', n);
      *remaining -= n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return 2 * sizeof(int);
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

TEST_F(XlsxTest, ZipBombIsRefused) {
  Entries e = HandMadeXlsx();
  e.pop_back();  // the roster sheet comes from the generator below
  WriteZip(Path("bomb.xlsx"), e);
  int error = 0;
  zip_t* archive = zip_open(Path("bomb.xlsx").c_str(), 0, &error);
  ASSERT_NE(archive, nullptr);
  zip_uint64_t remaining = kMaxXlsxPartBytes + 1024;
  zip_source_t* source = zip_source_function(archive, ZerosSource, &remaining);
  zip_int64_t index = zip_file_add(archive, "xl/data/roster.xml", source, 0);
  ASSERT_GE(index, 0);
  zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
  ASSERT_EQ(zip_close(archive), 0);
  ASSERT_LT(fs::file_size(Path("bomb.xlsx")), 2u << 20);

  auto t = ReadXlsx(Path("bomb.xlsx"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "io.file.too_large");
  EXPECT_EQ(t.error().kind, ErrorKind::kTooLarge);
}

TEST_F(XlsxTest, ZipEntryLimitCountsInflatedBytes) {
  WriteZip(Path("z.zip"), {{"big.txt", std::string(100000, 'a')}});
  auto archive = ZipArchive::Open(Path("z.zip"));
  ASSERT_TRUE(archive.ok());
  EXPECT_EQ((*archive)->Read("big.txt", 1000).error().code, "io.file.too_large");
  auto all = (*archive)->Read("BIG.TXT", 100000);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 100000u);
}

TEST(XlsxPackageTest, ResolvesPartNames) {
  EXPECT_EQ(ResolvePartName("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ResolvePartName("xl/", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ResolvePartName("xl/worksheets/", "../sharedStrings.xml"), "xl/sharedStrings.xml");
  EXPECT_EQ(ResolvePartName("", "xl/./workbook.xml"), "xl/workbook.xml");
}

TEST(ExcelNumberTest, FormatsNumbersAsPeopleSeeThem) {
  EXPECT_EQ(FormatNumber("13800138000"), "13800138000");
  EXPECT_EQ(FormatNumber("1.3800138E10"), "13800138000");
  EXPECT_EQ(FormatNumber("110101199003077777"), "110101199003077777");
  EXPECT_EQ(FormatNumber("1.10101199003078E17"), "110101199003078000");
  EXPECT_EQ(FormatNumber("0.30000000000000004"), "0.3");
  EXPECT_EQ(FormatNumber("42.0"), "42");
  EXPECT_EQ(FormatNumber("-2.50"), "-2.5");
  EXPECT_EQ(FormatNumber("1E-7"), "0.0000001");
  EXPECT_EQ(FormatNumber("-0"), "0");
  EXPECT_EQ(FormatNumber("abc"), "abc");
}

TEST(ExcelNumberTest, FormatsSerialDates) {
  using K = NumberFormatKind;
  EXPECT_EQ(FormatSerialDate(43831, K::kDate, false), "2020-01-01");
  EXPECT_EQ(FormatSerialDate(1, K::kDate, false), "1900-01-01");
  EXPECT_EQ(FormatSerialDate(59, K::kDate, false), "1900-02-28");
  EXPECT_EQ(FormatSerialDate(60, K::kDate, false), "1900-02-29");
  EXPECT_EQ(FormatSerialDate(61, K::kDate, false), "1900-03-01");
  EXPECT_EQ(FormatSerialDate(0, K::kDate, true), "1904-01-01");
  EXPECT_EQ(FormatSerialDate(2958465, K::kDate, false), "9999-12-31");
  EXPECT_EQ(FormatSerialDate(43831.75, K::kDate, false), "2020-01-01");
  EXPECT_EQ(FormatSerialDate(43831.5, K::kDateTime, false), "2020-01-01 12:00");
  EXPECT_EQ(FormatSerialDate(43831, K::kDateTime, false), "2020-01-01");
  EXPECT_EQ(FormatSerialDate(0.5 + 30.0 / 86400, K::kTime, false), "12:00:30");
  EXPECT_EQ(FormatSerialDate(-1, K::kDate, false), std::nullopt);
  EXPECT_EQ(FormatSerialDate(43831, K::kNumber, false), std::nullopt);
}

TEST(ExcelNumberTest, ClassifiesFormats) {
  using K = NumberFormatKind;
  EXPECT_EQ(ClassifyBuiltinFormat(14), K::kDate);
  EXPECT_EQ(ClassifyBuiltinFormat(22), K::kDateTime);
  EXPECT_EQ(ClassifyBuiltinFormat(20), K::kTime);
  EXPECT_EQ(ClassifyBuiltinFormat(31), K::kDate);
  EXPECT_EQ(ClassifyBuiltinFormat(49), K::kNumber);
  EXPECT_EQ(ClassifyBuiltinFormat(0), K::kNumber);
  EXPECT_EQ(ClassifyFormatCode("yyyy\"年\"m\"月\"d\"日\""), K::kDate);
  EXPECT_EQ(ClassifyFormatCode("[$-804]yyyy/m/d;@"), K::kDate);
  EXPECT_EQ(ClassifyFormatCode("[DBNum1][$-804]m\"月\"d\"日\""), K::kDate);
  EXPECT_EQ(ClassifyFormatCode("mmm"), K::kDate);
  EXPECT_EQ(ClassifyFormatCode("yyyy-mm-dd hh:mm"), K::kDateTime);
  EXPECT_EQ(ClassifyFormatCode("h:mm AM/PM"), K::kTime);
  EXPECT_EQ(ClassifyFormatCode("[h]:mm:ss"), K::kTime);
  EXPECT_EQ(ClassifyFormatCode("mm:ss"), K::kTime);
  EXPECT_EQ(ClassifyFormatCode("General"), K::kNumber);
  EXPECT_EQ(ClassifyFormatCode("0.00E+00"), K::kNumber);
  EXPECT_EQ(ClassifyFormatCode("#,##0.00_);[Red](#,##0.00)"), K::kNumber);
  EXPECT_EQ(ClassifyFormatCode("#,##0\"元\""), K::kNumber);
  EXPECT_EQ(ClassifyFormatCode("@"), K::kNumber);
}

}  // namespace
}  // namespace peixun::io
