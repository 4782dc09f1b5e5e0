// Runs the real peixun binary the way an operator would, on SQLite files in a
// temporary folder, and checks what it prints, its exit codes and its files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "io/csv.h"

namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code;
  std::string output;  // stdout and stderr together
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peixun-cli-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `env`: "NAME=value " assignments put before the command.
  CommandRun Peixun(const std::string& args, const std::string& env = "") {
    return Shell(env + "'" + PEIXUN_BINARY + "' " + args);
  }

  // A shell command line run in the test's folder.
  CommandRun Shell(const std::string& line) {
    const std::string cmd = "cd '" + dir_.string() + "' && " + line + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }

  std::string Write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  std::string Read(const std::string& name) {
    std::ifstream in(dir_ / name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
  std::string db_;
};

constexpr char kOrgs[] =
    "单位名称,上级单位,单位类型\n×区,,区\n东关街道办事处,×区,街道\n幸福社区,东关街道办事处,社区\n";

TEST_F(CliTest, VersionAndHelpOnEveryVerb) {
  CommandRun v = Peixun("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.output.find("peixun "), std::string::npos);
  for (const char* verb : {"init", "import", "import people", "import orgs", "import questions",
                           "import outside-hours", "export", "export people", "export orgs",
                           "export results", "demo", "backup", "restore"}) {
    CommandRun h = Peixun(std::string(verb) + " --help");
    EXPECT_EQ(h.exit_code, 0) << verb;
    EXPECT_NE(h.output.find("--help"), std::string::npos) << verb;
  }
  CommandRun bad = Peixun("import people");
  EXPECT_NE(bad.exit_code, 0);
}

TEST_F(CliTest, CertificatesIssueRefusesAnUnknownClassAndIssuesNothingForAnUndecidedOne) {
  CommandRun help = Peixun("certificates issue --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("CLASS"), std::string::npos);
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  CommandRun unknown = Peixun("certificates issue 987654 --db " + db_);
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  EXPECT_NE(unknown.output.find("错误"), std::string::npos) << unknown.output;
  const std::string demo_db = "sqlite:" + (dir_ / "demo.db").string();
  ASSERT_EQ(Peixun("demo --db " + demo_db + " --no-serve").exit_code, 0);
  // The seed class is still running: nobody is decided completed yet.
  CommandRun none = Peixun("certificates issue 1 --db " + demo_db);
  EXPECT_EQ(none.exit_code, 0) << none.output;
  EXPECT_NE(none.output.find("新颁发 0 份"), std::string::npos) << none.output;
}

// `peixun export results CLASS` on the demo: the seed class's closing exam as xlsx,
// opened by an independent reader (openpyxl), and as the PDF 成绩单 (pdftotext).
TEST_F(CliTest, ExportResultsWritesXlsxThatOpenpyxlReadsAndAPdfWithEveryName) {
  const std::string demo_db = "sqlite:" + (dir_ / "demo.db").string();
  ASSERT_EQ(Peixun("demo --db " + demo_db + " --no-serve").exit_code, 0);
  CommandRun unknown = Peixun("export results 987654 --db " + demo_db);
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  CommandRun xlsx = Peixun("export results 1 --db " + demo_db);
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.output;
  EXPECT_NE(xlsx.output.find("results.xlsx"), std::string::npos) << xlsx.output;
  Write("read.py",
        "import openpyxl\n"
        "ws = openpyxl.load_workbook('results.xlsx').active\n"
        "rows = [[c if c is not None else '' for c in r] for r in ws.iter_rows(values_only=True)]\n"
        "header = rows[0]\n"
        "print('HEADER', '|'.join(str(c) for c in header[:7]))\n"
        "name, score = header.index('姓名'), header.index('得分')\n"
        "scored = [r for r in rows[1:] if r[score] not in ('', None) and r[0] not in ('', None)]\n"
        "print('SCORED', len(scored))\n"
        "print('NAMES', '|'.join(str(r[name]) for r in rows[1:]))\n");
  auto shell = [&](const std::string& command) {
    const std::string cmd = "cd '" + dir_.string() + "' && " + command + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
    const int status = pclose(pipe);
    return CommandRun{WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  };
  CommandRun read = shell("/usr/bin/python3 read.py");
  ASSERT_EQ(read.exit_code, 0) << read.output;
  EXPECT_NE(read.output.find("HEADER 序号|姓名|单位|得分|满分|是否及格|状态"), std::string::npos)
      << read.output;
  // The demo's closing exam is still to come: nobody has a score yet.
  EXPECT_NE(read.output.find("SCORED 0\n"), std::string::npos) << read.output;
  EXPECT_NE(read.output.find("买买提·艾力"), std::string::npos) << read.output;
  EXPECT_NE(read.output.find("刘䶮"), std::string::npos) << read.output;
  EXPECT_NE(read.output.find("试题分析"), std::string::npos) << read.output;

  CommandRun pdf = Peixun("export results 1 --pdf -o 成绩单.pdf --db " + demo_db);
  ASSERT_EQ(pdf.exit_code, 0) << pdf.output;
  CommandRun text = shell("pdftotext -enc UTF-8 成绩单.pdf -");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  for (const char* needle : {"成绩单", "买买提·艾力", "刘䶮", "选项分布", "区分度"}) {
    EXPECT_NE(text.output.find(needle), std::string::npos) << needle << "\n" << text.output;
  }
}

// `peixun ledger export --year Y`: a future year is a clear error; this year of the
// demo lists the seed class's trainees with their day-1 hours, ID numbers masked
// unless --full-id-numbers.
TEST_F(CliTest, LedgerExportRefusesAFutureYearAndWritesTheYearsHours) {
  CommandRun help = Peixun("ledger export --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--year"), std::string::npos);
  const std::string demo_db = "sqlite:" + (dir_ / "demo.db").string();
  ASSERT_EQ(Peixun("demo --db " + demo_db + " --no-serve").exit_code, 0);
  const std::time_t now = std::time(nullptr) + 8 * 3600;  // China's date
  std::tm tm{};
  gmtime_r(&now, &tm);
  const int year = tm.tm_year + 1900;
  CommandRun future =
      Peixun("ledger export --year " + std::to_string(year + 1) + " --db " + demo_db);
  EXPECT_EQ(future.exit_code, 1) << future.output;
  EXPECT_NE(future.output.find("records.year.future"), std::string::npos) << future.output;
  EXPECT_NE(future.output.find("错误"), std::string::npos) << future.output;

  CommandRun masked =
      Peixun("ledger export --year " + std::to_string(year) + " --out masked.csv --db " + demo_db);
  ASSERT_EQ(masked.exit_code, 0) << masked.output;
  const std::string csv = Read("masked.csv");
  EXPECT_NE(csv.find("身份证号"), std::string::npos);
  EXPECT_NE(csv.find("社区和“两新”党组织书记培训班"), std::string::npos) << csv.substr(0, 500);
  EXPECT_NE(csv.find("**********"), std::string::npos);
  CommandRun full = Peixun("ledger export --year " + std::to_string(year) +
                           " --full-id-numbers --out full.csv --db " + demo_db);
  ASSERT_EQ(full.exit_code, 0) << full.output;
  const std::string clear = Read("full.csv");
  EXPECT_EQ(clear.find("**********"), std::string::npos);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), std::count(clear.begin(), clear.end(), '\n'));
}

// `peixun ledger rebuild`: recomputes the hours summary from the demo's decided
// classes (three earlier years) and says how many it folded in; running it twice
// gives the same counts.
TEST_F(CliTest, LedgerRebuildFoldsInTheDemosDecidedClasses) {
  CommandRun help = Peixun("ledger rebuild --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("--db"), std::string::npos);
  const std::string demo_db = "sqlite:" + (dir_ / "demo.db").string();
  ASSERT_EQ(Peixun("demo --db " + demo_db + " --no-serve").exit_code, 0);
  CommandRun first = Peixun("ledger rebuild --db " + demo_db);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("hours summary rebuilt"), std::string::npos) << first.output;
  EXPECT_EQ(first.output.find(": 0 classes"), std::string::npos) << first.output;
  CommandRun second = Peixun("ledger rebuild --db " + demo_db);
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_EQ(second.output, first.output);
}

TEST_F(CliTest, PrivacyRetentionListsThenErasesPeopleWhoLeftEveryClassAndTheChainVerifies) {
  EXPECT_EQ(Peixun("privacy retention --help").exit_code, 0);
  const std::string demo_db = "sqlite:" + (dir_ / "demo.db").string();
  ASSERT_EQ(Peixun("demo --db " + demo_db + " --no-serve").exit_code, 0);
  // No period set: refused with 2.
  CommandRun unset = Peixun("privacy retention --dry-run --db " + demo_db);
  EXPECT_EQ(unset.exit_code, 2) << unset.output;
  // The demo's earlier classes ended one to three years ago.
  CommandRun none = Peixun("privacy retention --dry-run --years 50 --db " + demo_db);
  ASSERT_EQ(none.exit_code, 0) << none.output;
  EXPECT_NE(none.output.find("满 50 年者 0 人"), std::string::npos) << none.output;
  CommandRun dry = Peixun("privacy retention --dry-run --years 1 --db " + demo_db);
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  const size_t listed = static_cast<size_t>(std::count(dry.output.begin(), dry.output.end(), '#'));
  ASSERT_GT(listed, 0u) << dry.output;
  // The dry run changed nothing; --apply erases exactly those, then none are left.
  EXPECT_EQ(Peixun("privacy retention --dry-run --years 1 --db " + demo_db).output, dry.output);
  CommandRun apply = Peixun("privacy retention --apply --years 1 --db " + demo_db);
  ASSERT_EQ(apply.exit_code, 0) << apply.output;
  EXPECT_NE(apply.output.find("erased " + std::to_string(listed) + " people"), std::string::npos)
      << apply.output;
  CommandRun after = Peixun("privacy retention --dry-run --years 1 --db " + demo_db);
  EXPECT_NE(after.output.find("0 people left"), std::string::npos) << after.output;
  CommandRun verify = Peixun("audit verify --db " + demo_db);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("audit log intact"), std::string::npos) << verify.output;
}

TEST_F(CliTest, ImportWithBadRowReportsRowAndColumnAndImportsNothing) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  Write("people.csv",
        "姓名,性别,单位,手机号,身份证号\n"
        "张三,男,幸福社区,13800138000,\n"
        "李四,男,幸福社区,1380013800,\n"
        "买买提·艾力,男,幸福社区,,\n");
  CommandRun r = Peixun("import people people.csv --db " + db_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("第 3 行，手机号"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("imported 0"), std::string::npos) << r.output;

  CommandRun skip = Peixun("import people people.csv --skip-bad-rows --db " + db_);
  EXPECT_EQ(skip.exit_code, 2);
  EXPECT_NE(skip.output.find("imported 2"), std::string::npos) << skip.output;
  const std::string rejected = Read("people.rejected.csv");
  EXPECT_NE(rejected.find("错误原因"), std::string::npos);
  EXPECT_NE(rejected.find("李四"), std::string::npos);
  EXPECT_EQ(rejected.find("张三"), std::string::npos);
}

TEST_F(CliTest, ImportQuestionsReportsRowErrorsThenImportsIntoTheNamedBank) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("q.csv",
        "题型,题干,选项A,选项B,选项C,答案,分值,标签\n"
        "单选题,“一课”指,团课,党课,,B,2,党建基础\n"
        "多选题,没有正确选项的题,甲,乙,丙,,2,\n"
        "判断题,主题党日每月一次。,,,,对,1,\n");
  CommandRun bad = Peixun("import questions q.csv --bank 社区书记题库 --db " + db_);
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("第 3 行，答案"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("imported 0"), std::string::npos) << bad.output;

  CommandRun skip =
      Peixun("import questions q.csv --skip-bad-rows --bank 社区书记题库 --db " + db_);
  EXPECT_EQ(skip.exit_code, 2) << skip.output;
  EXPECT_NE(skip.output.find("imported 2"), std::string::npos) << skip.output;
  EXPECT_NE(Read("q.rejected.csv").find("没有正确选项的题"), std::string::npos);
  // The same file again: both good rows are now duplicates of the bank's questions.
  CommandRun again =
      Peixun("import questions q.csv --skip-bad-rows --bank 社区书记题库 --db " + db_);
  EXPECT_NE(again.output.find("imported 0"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("assessment.question.duplicate"), std::string::npos) << again.output;
}

TEST_F(CliTest, ImportOutsideHoursNeedsAProofReferenceOnEveryRow) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  Write("people.csv", "姓名,性别,单位,身份证号\n买买提·艾力,女,幸福社区,11010519491231002X\n");
  ASSERT_EQ(Peixun("import people people.csv --db " + db_).exit_code, 0);
  Write("outside.csv",
        "身份证号,姓名,类别,培训名称,主办单位,开始日期,结束日期,学时,证明编号\n"
        "11010519491231002X,买买提·艾力,网络学习,网络专题班,×省干部网络学院,2024-04-01,"
        "2024-04-30,12.5,WL-0430\n"
        "11010519491231002X,买买提·艾力,外单位培训班,市委党校轮训班,×市委党校,2024-05-06,"
        "2024-05-07,16,\n");
  CommandRun bad = Peixun("import outside-hours outside.csv --db " + db_);
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("第 3 行，证明编号"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("imported 0"), std::string::npos) << bad.output;
  CommandRun good =
      Peixun("import outside-hours outside.csv --skip-bad-rows --approve --db " + db_);
  EXPECT_EQ(good.exit_code, 2) << good.output;
  EXPECT_NE(good.output.find("imported 1"), std::string::npos) << good.output;
  EXPECT_NE(Read("outside.rejected.csv").find("市委党校轮训班"), std::string::npos);
  // Imported once: the same good row again is a duplicate.
  CommandRun again = Peixun("import outside-hours outside.csv --skip-bad-rows --db " + db_);
  EXPECT_NE(again.output.find("records.outside.duplicate"), std::string::npos) << again.output;
}

TEST_F(CliTest, Gb18030CsvFromExcelImports) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  peixun::io::Table t;
  t.header = {"姓名", "性别", "单位"};
  t.rows = {{"刘䶮", "男", "幸福社区"}, {"𠮷祥云", "男", "幸福社区"}};
  auto bytes = peixun::io::FormatCsv(t, peixun::io::CsvEncoding::kGb18030);
  ASSERT_TRUE(bytes.ok());
  Write("gbk.csv", *bytes);
  CommandRun r = Peixun("import people gbk.csv --db " + db_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_EQ(Peixun("export people --format csv -o out.csv --db " + db_).exit_code, 0);
  const std::string out = Read("out.csv");
  EXPECT_NE(out.find("刘䶮"), std::string::npos);
  EXPECT_NE(out.find("𠮷祥云"), std::string::npos);
}

// Issue 9, item 14: `peixun export … --encoding gb18030` writes GB18030 (iconv, not
// the ICU converter the binary uses, decodes it); an unknown encoding is refused.
TEST_F(CliTest, ExportCsvInGb18030) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  Write("people.csv",
        "姓名,性别,单位\n刘䶮,男,幸福社区\n买买提·艾力,男,幸福社区\n𠮷祥云,男,幸福社区\n");
  ASSERT_EQ(Peixun("import people people.csv --db " + db_).exit_code, 0);

  for (const char* verb : {"people", "orgs"}) {
    SCOPED_TRACE(verb);
    const std::string v = verb;
    CommandRun gb =
        Peixun("export " + v + " --format csv --encoding gb18030 -o gb.csv --db " + db_);
    ASSERT_EQ(gb.exit_code, 0) << gb.output;
    ASSERT_EQ(Peixun("export " + v + " --format csv -o utf8.csv --db " + db_).exit_code, 0);
    const std::string bytes = Read("gb.csv");
    EXPECT_EQ(bytes.find("\xEF\xBB\xBF"), std::string::npos);
    FILE* pipe =
        popen(("iconv -f GB18030 -t UTF-8 '" + (dir_ / "gb.csv").string() + "'").c_str(), "r");
    std::string text;
    std::array<char, 4096> buf;
    while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) text.append(buf.data(), n);
    ASSERT_EQ(pclose(pipe), 0);
    EXPECT_EQ(text, Read("utf8.csv").substr(3));  // the UTF-8 export without its BOM
    if (v == "people") {
      for (const char* name : {"刘䶮", "买买提·艾力", "𠮷祥云"}) {
        EXPECT_NE(text.find(name), std::string::npos) << name;
        EXPECT_EQ(bytes.find(name), std::string::npos) << name << " written as UTF-8";
      }
    }
  }
  CommandRun bad = Peixun("export people --format csv --encoding latin1 -o x.csv --db " + db_);
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.output.find("--encoding"), std::string::npos) << bad.output;
  EXPECT_FALSE(fs::exists(dir_ / "x.csv"));
}

// Issue 9, item 16: the summary of a short import showed "162/162 rows in 0.0 s
// (805970149 rows/s)". A rate is shown only for a time long enough to measure, and
// then it agrees with the rows and the seconds printed beside it.
TEST_F(CliTest, ImportSummaryShowsAPlausibleRate) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  std::string people = "姓名,性别,单位\n";
  for (int i = 0; i < 162; ++i) people += "学员" + std::to_string(i) + ",男,幸福社区\n";
  Write("people.csv", people);
  CommandRun r = Peixun("import people people.csv --db " + db_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, std::regex("162/162 rows in ([^\\n]*)"))) << r.output;
  const std::string tail = m[1];
  std::smatch rate;
  if (std::regex_match(tail, rate, std::regex("([0-9]+\\.[0-9]) s \\(([0-9]+) rows/s\\)"))) {
    const double seconds = std::stod(rate[1]);
    const double per_second = std::stod(rate[2]);
    EXPECT_GE(seconds, 0.1) << r.output;  // too short to measure: no rate
    // Seconds are printed to 0.1 s: the rate must fit the interval they stand for.
    EXPECT_LE(per_second, 162 / std::max(seconds - 0.05, 0.05) + 1) << r.output;
    EXPECT_GE(per_second, 162 / (seconds + 0.05) - 1) << r.output;
  } else {
    EXPECT_EQ(tail, "< 0.1 s") << r.output;
  }
}

// Issue 9, item 7: the rows per import are capped (peixun import --max-rows); the
// error names the limit.
TEST_F(CliTest, ImportRefusesMoreRowsThanTheLimit) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  std::string people = "姓名,性别,单位\n";
  for (int i = 0; i < 101; ++i) people += "学员" + std::to_string(i) + ",男,幸福社区\n";
  Write("people.csv", people);
  CommandRun over = Peixun("import people people.csv --max-rows 100 --db " + db_);
  EXPECT_EQ(over.exit_code, 1) << over.output;
  EXPECT_NE(over.output.find("io.table.too_many_rows"), std::string::npos) << over.output;
  EXPECT_NE(over.output.find("100"), std::string::npos) << over.output;
  CommandRun fits = Peixun("import people people.csv --max-rows 101 --db " + db_);
  EXPECT_EQ(fits.exit_code, 0) << fits.output;
  EXPECT_NE(fits.output.find("imported 101"), std::string::npos) << fits.output;
}

TEST_F(CliTest, DemoExportReimportIsByteIdentical) {
  const std::string demo_db = "sqlite:" + (dir_ / "demo.db").string();
  CommandRun demo = Peixun("demo --db " + demo_db + " --no-serve");
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  ASSERT_EQ(Peixun("export orgs -o orgs.xlsx --db " + demo_db).exit_code, 0);
  CommandRun people = Peixun("export people -o people.xlsx --db " + demo_db);
  ASSERT_EQ(people.exit_code, 0) << people.output;
  ASSERT_EQ(Peixun("export people -o people1.csv --db " + demo_db).exit_code, 0);

  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  ASSERT_EQ(Peixun("import orgs orgs.xlsx --db " + db_).exit_code, 0);
  CommandRun imported = Peixun("import people people.xlsx --db " + db_);
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(Peixun("export people -o people2.csv --db " + db_).exit_code, 0);
  const std::string a = Read("people1.csv"), b = Read("people2.csv");
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a, b);
  for (const char* hard : {"刘䶮", "𠮷祥云", "买买提·艾力", "欧阳晓岚"}) {
    EXPECT_NE(b.find(hard), std::string::npos) << hard;
  }
}

TEST_F(CliTest, WrongKeyFileAndMissingKeyAreRefusedClearly) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  ASSERT_EQ(Peixun("init --db sqlite:" + (dir_ / "other.db").string()).exit_code, 0);
  CommandRun wrong =
      Peixun("export people --db " + db_ + " --key-file " + (dir_ / "other.db.key").string());
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.output.find("crypto.key_mismatch"), std::string::npos) << wrong.output;
  CommandRun missing = Peixun("export people --db " + db_ + " --key-file nowhere.key");
  EXPECT_EQ(missing.exit_code, 1);
  // The database exists: the advice is to restore the key, not to init again.
  EXPECT_NE(missing.output.find("Restore the file from your backup (or pass --key-file)"),
            std::string::npos)
      << missing.output;
}

// The data key file of an existing database gone or unreadable when the server
// starts: a clear message naming the file, exit 1, and no new key made in its place
// (by serve, nor by a second `peixun init`).
TEST_F(CliTest, ServeRefusesAMissingOrUnreadableKeyFileAndMakesNoNewKey) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  const fs::path key = dir_ / "t.db.key";
  ASSERT_TRUE(fs::exists(key));
  fs::rename(key, dir_ / "elsewhere.key");
  CommandRun serve = Shell("timeout 30 '" + std::string(PEIXUN_BINARY) + "' serve --db " + db_ +
                           " --listen 127.0.0.1:0");
  EXPECT_EQ(serve.exit_code, 1) << serve.output;
  EXPECT_NE(serve.output.find("crypto.key_missing"), std::string::npos) << serve.output;
  EXPECT_NE(serve.output.find("找不到密钥文件 " + key.string()), std::string::npos) << serve.output;
  EXPECT_NE(serve.output.find("no new key was made"), std::string::npos) << serve.output;
  EXPECT_FALSE(fs::exists(key)) << "serve made a new key file";
  CommandRun init = Peixun("init --db " + db_);
  EXPECT_EQ(init.exit_code, 1) << init.output;
  EXPECT_NE(init.output.find("crypto.key_missing"), std::string::npos) << init.output;
  EXPECT_FALSE(fs::exists(key)) << "init made a new key for an existing database";

  // Unreadable: a directory where the file should be (root reads any file).
  fs::create_directory(key);
  serve = Shell("timeout 30 '" + std::string(PEIXUN_BINARY) + "' serve --db " + db_ +
                " --listen 127.0.0.1:0");
  EXPECT_EQ(serve.exit_code, 1) << serve.output;
  EXPECT_NE(serve.output.find("crypto.key_unreadable"), std::string::npos) << serve.output;
  EXPECT_NE(serve.output.find("cannot read key file " + key.string()), std::string::npos)
      << serve.output;
  fs::remove(key);

  // The file back: the database opens and checks sound.
  fs::rename(dir_ / "elsewhere.key", key);
  CommandRun check = Peixun("check --db " + db_);
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("database sound"), std::string::npos) << check.output;
}

TEST_F(CliTest, UninitializedDatabaseAndBadUrlAreRefused) {
  CommandRun r = Peixun("export people --db " + db_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("peixun init"), std::string::npos) << r.output;
  CommandRun url = Peixun("init --db mysql://x");
  EXPECT_EQ(url.exit_code, 1);
  EXPECT_NE(url.output.find("--db"), std::string::npos) << url.output;
}

TEST_F(CliTest, BackupAndRestoreRoundTrip) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  Write("pass.txt", "演练口令 correct horse\n");
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  CommandRun no_pass = Peixun("backup --db " + db_ + " backup.db");
  EXPECT_EQ(no_pass.exit_code, 1);
  EXPECT_NE(no_pass.output.find("--passphrase-file"), std::string::npos) << no_pass.output;
  ASSERT_EQ(Peixun("backup --db " + db_ + " --passphrase-file pass.txt backup.db").exit_code, 0);
  // The sealed key does not show the key file's text.
  const std::string key = Read("t.db.key");
  ASSERT_GT(key.size(), 40u);
  EXPECT_EQ(Read("backup.db.key").find(key.substr(0, 40)), std::string::npos);
  Write("more.csv", "单位名称,上级单位,单位类型\n民主社区,东关街道办事处,社区\n");
  ASSERT_EQ(Peixun("import orgs more.csv --db " + db_).exit_code, 0);
  ASSERT_EQ(Peixun("restore --db " + db_ + " --passphrase-file pass.txt backup.db").exit_code, 0);
  ASSERT_EQ(Peixun("export orgs -o orgs.csv --db " + db_).exit_code, 0);
  const std::string orgs = Read("orgs.csv");
  EXPECT_NE(orgs.find("幸福社区"), std::string::npos);
  EXPECT_EQ(orgs.find("民主社区"), std::string::npos);
  Write("junk.db", "not a database");
  Write("junk.db.key", Read("backup.db.key"));
  CommandRun bad = Peixun("restore --db " + db_ + " --passphrase-file pass.txt junk.db");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(Peixun("backup --verify junk.db").exit_code, 0);
}

// The numbers `backup --verify` prints: "  table<TAB>rows" lines.
std::map<std::string, std::string> RowCounts(const std::string& output) {
  std::map<std::string, std::string> out;
  std::regex line("^  ([a-z_0-9]+)\t([0-9]+)$");
  std::istringstream in(output);
  std::string l;
  std::smatch m;
  while (std::getline(in, l)) {
    if (std::regex_match(l, m, line)) out[m[1]] = m[2];
  }
  return out;
}

// The restore drill: the demo backed up while it exists, restored into a fresh
// folder with only the backup set and the passphrase; the restored copy has the
// same rows in every table, its audit chain verifies, and it opens with the
// restored key (ID numbers and check-in secrets readable).
TEST_F(CliTest, RestoreDrillIntoAFreshFolder) {
  const std::string demo_db = "sqlite:" + (dir_ / "demo.db").string();
  ASSERT_EQ(Peixun("demo --db " + demo_db + " --no-serve").exit_code, 0);
  Write("pass.txt", "drill passphrase\n");
  ASSERT_EQ(Peixun("backup --db " + demo_db + " --passphrase-file pass.txt set.db").exit_code, 0);
  CommandRun source = Peixun("backup --verify set.db --passphrase-file pass.txt");
  ASSERT_EQ(source.exit_code, 0) << source.output;
  EXPECT_NE(source.output.find("key opens and fits"), std::string::npos) << source.output;
  const auto counted = RowCounts(source.output);
  ASSERT_GT(counted.size(), 30u) << source.output;
  EXPECT_NE(counted.at("people"), "0");
  EXPECT_NE(counted.at("audit_log"), "0");

  fs::create_directories(dir_ / "fresh");
  fs::copy_file(dir_ / "set.db", dir_ / "fresh" / "set.db");
  fs::copy_file(dir_ / "set.db.key", dir_ / "fresh" / "set.db.key");
  const std::string fresh = "sqlite:" + (dir_ / "fresh" / "restored.db").string();
  CommandRun wrong =
      Peixun("restore --db " + fresh + " fresh/set.db", "PEIXUN_BACKUP_PASSPHRASE='not it' ");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.output.find("crypto.passphrase.wrong"), std::string::npos) << wrong.output;
  EXPECT_FALSE(fs::exists(dir_ / "fresh" / "restored.db"));
  CommandRun restored =
      Peixun("restore --db " + fresh + " --passphrase-file pass.txt fresh/set.db");
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_TRUE(fs::exists(dir_ / "fresh" / "restored.db.key"));

  CommandRun audit = Peixun("audit verify --db " + fresh);
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
  ASSERT_EQ(Peixun("backup --db " + fresh + " --passphrase-file pass.txt again.db").exit_code, 0);
  CommandRun again = Peixun("backup --verify again.db --passphrase-file pass.txt");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(RowCounts(again.output), counted);
  // The restored key reads what the data key sealed.
  CommandRun people = Peixun("export people -o people.xlsx --db " + fresh);
  EXPECT_EQ(people.exit_code, 0) << people.output;
}

TEST_F(CliTest, RestoreRefusesABackupWithoutItsKey) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("pass.txt", "p\n");
  ASSERT_EQ(Peixun("backup --db " + db_ + " --passphrase-file pass.txt b.db").exit_code, 0);
  fs::remove(dir_ / "b.db.key");
  const std::string fresh = "sqlite:" + (dir_ / "other.db").string();
  CommandRun r = Peixun("restore --db " + fresh + " --passphrase-file pass.txt b.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("backup.key_missing"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("b.db.key"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir_ / "other.db"));
  CommandRun v = Peixun("backup --verify b.db");
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_NE(v.output.find("backup.key_missing"), std::string::npos) << v.output;
}

// `peixun serve --backup-dir`: a verified backup set every interval, the newest
// --backup-keep kept, each restorable (its sealed key opens), and the last one's
// outcome recorded for the admin's start page (setting backup.last).
TEST_F(CliTest, ServeMakesScheduledVerifiedBackupsAndKeepsTheNewest) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  Write("orgs.csv", kOrgs);
  ASSERT_EQ(Peixun("import orgs orgs.csv --db " + db_).exit_code, 0);
  Write("pass.txt", "scheduled\n");
  CommandRun no_pass = Peixun("serve --db " + db_ + " --listen 127.0.0.1:0 --backup-dir sets");
  EXPECT_EQ(no_pass.exit_code, 1);
  EXPECT_NE(no_pass.output.find("backup.schedule.passphrase"), std::string::npos) << no_pass.output;
  // A simple command put in the background: $! is the server itself.
  Shell("{ '" + std::string(PEIXUN_BINARY) + "' serve --db " + db_ +
        " --listen 127.0.0.1:0 --backup-dir sets --backup-interval 1 --backup-keep 2 "
        "--backup-passphrase-file pass.txt >serve.log 2>&1 & echo $! >serve.pid; }");
  std::string pid = Read("serve.pid");
  pid = pid.substr(0, pid.find('\n'));
  ASSERT_FALSE(pid.empty());
  int made = 0;
  for (int i = 0; i < 600 && made < 3; ++i) {
    usleep(100 * 1000);
    const std::string log = Read("serve.log");
    made = 0;
    for (size_t at = log.find("wrote and verified"); at != std::string::npos;
         at = log.find("wrote and verified", at + 1)) {
      ++made;
    }
  }
  Shell("kill " + pid + "; for i in $(seq 100); do kill -0 " + pid +
        " 2>/dev/null || break; sleep 0.1; done");
  ASSERT_GE(made, 3) << Read("serve.log");
  EXPECT_EQ(Read("serve.log").find("FAILED"), std::string::npos) << Read("serve.log");
  std::vector<std::string> sets;
  for (const auto& e : fs::directory_iterator(dir_ / "sets")) {
    const std::string name = e.path().filename().string();
    if (name.size() > 3 && name.substr(name.size() - 3) == ".db") sets.push_back(name);
  }
  ASSERT_EQ(sets.size(), 2u);
  for (const auto& name : sets) {
    EXPECT_TRUE(fs::exists(dir_ / "sets" / (name + ".key"))) << name;
    CommandRun v = Peixun("backup --verify sets/" + name + " --passphrase-file pass.txt");
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_NE(v.output.find("key opens and fits"), std::string::npos) << v.output;
  }
  CommandRun last = Shell(
      "sqlite3 t.db \"SELECT value FROM app_settings WHERE key = "
      "'backup.last'\"");
  EXPECT_NE(last.output.find("\"ok\":true"), std::string::npos) << last.output;
}

}  // namespace
