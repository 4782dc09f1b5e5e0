// The spreadsheet downloads as their readers see them, through the real application
// (every route, the dispatcher) on the demo district and the seed class:
//   - CSV: a cell a spreadsheet would run as a formula is defused (issue 9, item 5);
//   - CSV: ?encoding=gb18030 really writes GB18030, and an unknown encoding is a 400
//     naming `encoding` (item 14);
//   - xlsx: quantities (序号, 学时, 楼层, 床位) are numbers, ID numbers and phone
//     numbers stay text (item 15), checked with the project's own zip/XML reader and
//     with openpyxl (an independent reader).
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app_fixture.h"
#include "core/utf8.h"
#include "io/csv.h"
#include "io/xlsx_reader.h"
#include "io/xml_parser.h"
#include "io/zip_archive.h"
#include "modules/demo/demo_class.h"

namespace peixun::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Splits CSV text (RFC 4180) into fields exactly as written, without any of the
// reader's interpretation, so a test sees what a spreadsheet would see.
std::vector<std::vector<std::string>> RawCsvRecords(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false, field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      records.back().push_back(field);
      field.clear();
      field_started = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.back().push_back(field);
      field.clear();
      field_started = false;
      records.emplace_back();
      ++i;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (records.back().empty() && field.empty()) records.pop_back();
  return records;
}

std::string RunCommand(const std::string& command, int* exit_code = nullptr) {
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf;
  while (size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  if (exit_code) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string HeaderOf(const api::Response& r, const std::string& name) {
  if (name == "Content-Type") return r.content_type;
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

class TableExportTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    dir_ = fs::temp_directory_path() /
           ("peixun-table-export-" + std::to_string(::getpid()) + "-" + CurrentBackend());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    AppTest::TearDown();
  }

  // Adds a person (no ID number) to the unit `unit_id`; returns their id.
  int64_t AddPerson(const Session& as, const std::string& name, int64_t unit_id,
                    const std::string& position = "") {
    auto r = Send(
        api::Method::kPost, "/api/v1/people",
        json{{"name", name}, {"gender", "男"}, {"unit_id", unit_id}, {"position", position}}.dump(),
        as);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? Body(r)["id"].get<int64_t>() : 0;
  }

  std::string Save(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  fs::path dir_;
};

// ---- item 5: CSV formula injection ----

TEST_F(TableExportTest, CsvExportDefusesFormulaCellsAndReimportKeepsTheText) {
  Session admin = MakeUser("csv_admin", Role::kAdmin);
  const int64_t street = UnitId(admin, "东关街道办事处");
  auto unit = Send(
      api::Method::kPost, "/api/v1/orgs",
      json{{"name", "公式测试社区"}, {"kind", "community"}, {"parent_id", street}}.dump(), admin);
  ASSERT_EQ(unit.status, 201) << unit.body;
  const int64_t unit_id = Body(unit)["id"].get<int64_t>();
  const std::string hyperlink = "=HYPERLINK(\"http://evil/x\",\"点我\")";
  const std::vector<std::string> hostile = {hyperlink, "@SUM(1)", "+1-2", "-3+4"};
  std::vector<int64_t> ids;
  for (size_t i = 0; i < hostile.size(); ++i) {
    ids.push_back(AddPerson(admin, hostile[i], unit_id, i == 0 ? "=1+1" : ""));
  }

  for (const std::string url :
       {"/api/v1/people/export?format=csv", "/api/v1/people/export?format=csv&encoding=gb18030"}) {
    auto r = Get(url, admin);
    ASSERT_EQ(r.status, 200) << r.body;
    std::string text = r.body;
    if (url.find("gb18030") != std::string::npos) {
      int exit_code = -1;
      const std::string path = Save("gb.csv", r.body);
      text = RunCommand("iconv -f GB18030 -t UTF-8 '" + path + "'", &exit_code);
      ASSERT_EQ(exit_code, 0);
    }
    // What a spreadsheet sees: no cell starts a formula.
    int defused = 0;
    for (const auto& record : RawCsvRecords(text)) {
      for (const std::string& cell : record) {
        ASSERT_FALSE(!cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos)
            << url << ": cell starts a formula: " << cell;
        if (cell == "'" + hyperlink || cell == "'@SUM(1)" || cell == "'+1-2" || cell == "'-3+4" ||
            cell == "'=1+1") {
          ++defused;
        }
      }
    }
    EXPECT_EQ(defused, 5) << url << "\n" << text.substr(0, 2000);
  }

  // Re-import: the exported file gives back the names as typed, not with the apostrophe.
  auto exported = Get("/api/v1/people/export?format=csv", admin);
  ASSERT_EQ(exported.status, 200);
  for (int64_t id : ids) {
    ASSERT_EQ(Send(api::Method::kDelete, "/api/v1/people/" + std::to_string(id), "", admin).status,
              204);
  }
  // Only the rows of the test unit (the others are already in the database).
  std::string only_unit;
  {
    std::istringstream lines(exported.body);
    std::string line;
    bool header = true;
    while (std::getline(lines, line)) {
      if (header || line.find("公式测试社区") != std::string::npos) only_unit += line + "\n";
      header = false;
    }
  }
  auto imported = Send(api::Method::kPost, "/api/v1/people/import?filename=again.csv", only_unit,
                       admin, {{"content-type", "application/octet-stream"}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Body(imported)["imported"], 4) << imported.body;
  auto list = Get("/api/v1/people?unit_id=" + std::to_string(unit_id) + "&page_size=50", admin);
  ASSERT_EQ(list.status, 200) << list.body;
  std::set<std::string> names;
  const json listed = Body(list);
  for (const auto& p : listed["items"]) {
    names.insert(p["name"].get<std::string>());
    if (p["name"] == hyperlink) {
      EXPECT_EQ(p["position"], "=1+1");
    }
  }
  EXPECT_EQ(names, std::set<std::string>(hostile.begin(), hostile.end())) << list.body;
}

// ---- item 14: GB18030 CSV ----

TEST_F(TableExportTest, CsvExportInGb18030DecodesToTheSameText) {
  Session admin = MakeUser("gb_admin", Role::kAdmin);
  const int64_t street = UnitId(admin, "东关街道办事处");
  AddPerson(admin, "刘䶮", street);
  AddPerson(admin, "买买提·艾力", street);
  AddPerson(admin, "𠮷祥云", street);

  for (const std::string route : {"/api/v1/people/export", "/api/v1/orgs/export"}) {
    auto utf8 = Get(route + "?format=csv", admin);
    auto gb = Get(route + "?format=csv&encoding=gb18030", admin);
    auto gb_upper = Get(route + "?format=csv&encoding=GB18030", admin);
    ASSERT_EQ(utf8.status, 200) << utf8.body;
    ASSERT_EQ(gb.status, 200) << gb.body;
    ASSERT_EQ(gb_upper.status, 200) << gb_upper.body;
    EXPECT_EQ(gb.body, gb_upper.body);
    EXPECT_NE(HeaderOf(gb, "Content-Type").find("charset=gb18030"), std::string::npos)
        << HeaderOf(gb, "Content-Type");
    EXPECT_NE(HeaderOf(utf8, "Content-Type").find("charset=utf-8"), std::string::npos);
    ASSERT_TRUE(utf8.body.starts_with("\xEF\xBB\xBF"));
    EXPECT_FALSE(core::IsValidUtf8(gb.body)) << route << ": not GB18030 but UTF-8";
    EXPECT_FALSE(gb.body.starts_with("\xEF\xBB\xBF"));
    // iconv (glibc), independent of the ICU converter the server uses.
    int exit_code = -1;
    const std::string decoded =
        RunCommand("iconv -f GB18030 -t UTF-8 '" + Save("export.csv", gb.body) + "'", &exit_code);
    ASSERT_EQ(exit_code, 0);
    EXPECT_EQ(decoded, utf8.body.substr(3)) << route;
    if (route == "/api/v1/people/export") {
      for (const char* name : {"刘䶮", "买买提·艾力", "𠮷祥云"}) {
        EXPECT_NE(decoded.find(name), std::string::npos) << name;
      }
    }
  }
}

TEST_F(TableExportTest, UnknownEncodingIsA400NamingTheParameter) {
  Session admin = MakeUser("enc_admin", Role::kAdmin);
  for (const std::string route : {"/api/v1/people/export", "/api/v1/orgs/export"}) {
    for (const std::string query :
         {"?format=csv&encoding=latin1", "?format=csv&encoding=", "?format=xlsx&encoding=big5"}) {
      auto r = Get(route + query, admin);
      EXPECT_EQ(r.status, 400) << route << query << " " << r.body;
      EXPECT_EQ(Body(r)["error"]["field"], "encoding") << r.body;
    }
    EXPECT_EQ(Get(route + "?format=csv&encoding=utf-8", admin).status, 200);
  }
}

// ---- item 15: quantities are numbers in xlsx ----

// The type of each cell of a worksheet, read with the project's own zip and XML
// readers: "n" (number), "s" (any string), "b", "e".
class CellTypes : public io::XmlHandler {
 public:
  Status StartElement(std::string_view name, const io::XmlAttributes& a) override {
    if (name == "c") {
      // A string is "s" (shared), "inlineStr" or "str" (a formula's): all "s" here.
      const std::string t(a.Get("t").value_or("n"));
      types[std::string(a.Get("r").value_or(""))] = t == "inlineStr" || t == "str" ? "s" : t;
    }
    return Ok();
  }
  Status EndElement(std::string_view) override { return Ok(); }
  Status Text(std::string_view) override { return Ok(); }

  std::map<std::string, std::string> types;  // "A2" → "n"
};

std::string ColumnLetters(size_t index) {
  std::string letters;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

// Checks one xlsx download: in the header row (row 1), the columns named in
// `numbers` hold numbers in every data row, those in `texts` hold strings.
void ExpectCellTypes(const std::string& path, const std::vector<std::string>& numbers,
                     const std::vector<std::string>& texts) {
  SCOPED_TRACE(path);
  auto table = io::ReadXlsx(path);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_FALSE(table->rows.empty());
  auto archive = io::ZipArchive::Open(path);
  ASSERT_TRUE(archive.ok());
  CellTypes types;
  ASSERT_TRUE(io::ParseXmlEntry(**archive, "xl/worksheets/sheet1.xml", 64 << 20, types).ok());
  auto column_of = [&](const std::string& header) -> size_t {
    for (size_t c = 0; c < table->header.size(); ++c)
      if (table->header[c] == header) return c;
    ADD_FAILURE() << "no column " << header;
    return 0;
  };
  std::map<std::string, std::string> want;
  for (const auto& h : numbers) want[h] = "n";
  for (const auto& h : texts) want[h] = "s";
  for (const auto& [header, type] : want) {
    const size_t c = column_of(header);
    int checked = 0;
    for (size_t r = 0; r < table->rows.size(); ++r) {
      if (table->rows[r][c].empty()) continue;
      const std::string ref = ColumnLetters(c) + std::to_string(table->source_rows[r]);
      EXPECT_EQ(types.types[ref], type) << header << " " << ref << " = " << table->rows[r][c];
      ++checked;
    }
    EXPECT_GT(checked, 0) << header;
  }

  // openpyxl, an independent reader: the data types in each of those columns.
  const std::string script = (fs::path(path).parent_path() / "peixun_cell_kinds.py").string();
  std::ofstream(script)
      << "import sys, openpyxl\n"
         "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
         "rows = list(ws.iter_rows())\n"
         "head = [c.value for c in rows[0]]\n"
         "for name in sys.argv[2:]:\n"
         "    col = head.index(name)\n"
         "    kinds = {r[col].data_type for r in rows[1:] if r[col].value is not None}\n"
         "    print(name + '=' + ''.join(sorted(kinds)))\n";
  // Debian's python3 (python3-openpyxl), not whatever python3 comes first on PATH.
  std::string command = "/usr/bin/python3 '" + script + "' '" + path + "'";
  for (const auto& [header, type] : want) command += " '" + header + "'";
  int exit_code = -1;
  const std::string out = RunCommand(command + " 2>&1", &exit_code);
  ASSERT_EQ(exit_code, 0) << "openpyxl failed (apt-get install python3-openpyxl): " << out;
  for (const auto& [header, type] : want) {
    EXPECT_NE(out.find(header + "=" + type + "\n"), std::string::npos)
        << header << " should be " << type << "; openpyxl says:\n"
        << out;
  }
}

TEST_F(TableExportTest, XlsxWritesQuantitiesAsNumbersAndIdsAsText) {
  auto seed = demo::LoadDemoClass(app().store(), key_);
  ASSERT_TRUE(seed.ok()) << seed.error().message_en;
  const std::string cls = std::to_string(seed->class_id);
  Session admin = MakeUser("xlsx_admin", Role::kAdmin);

  auto timetable = Get("/api/v1/classes/" + cls + "/timetable.xlsx", admin);
  ASSERT_EQ(timetable.status, 200) << timetable.body;
  ExpectCellTypes(Save("timetable.xlsx", timetable.body), {"学时"}, {"内容", "日期"});

  auto roster = Get("/api/v1/classes/" + cls + "/roster.xlsx", admin);
  ASSERT_EQ(roster.status, 200) << roster.body;
  ExpectCellTypes(Save("roster.xlsx", roster.body), {"序号"}, {"姓名", "手机号"});

  auto rooms = Get("/api/v1/classes/" + cls + "/rooms.xlsx", admin);
  ASSERT_EQ(rooms.status, 200) << rooms.body;
  ExpectCellTypes(Save("rooms.xlsx", rooms.body), {"楼层", "床位"}, {"房间", "姓名"});

  auto people = Get("/api/v1/people/export?format=xlsx", admin);
  ASSERT_EQ(people.status, 200) << people.body;
  ExpectCellTypes(Save("people.xlsx", people.body), {}, {"身份证号", "手机号", "姓名"});

  // The 学时 column adds up in a spreadsheet: its sum is the timetable's total.
  auto read = io::ReadXlsx((dir_ / "timetable.xlsx").string());
  ASSERT_TRUE(read.ok());
  double sum = 0;
  for (const auto& row : read->rows)
    if (!row[6].empty()) sum += std::stod(row[6]);
  EXPECT_GT(sum, 0);
}

}  // namespace
}  // namespace peixun::test
