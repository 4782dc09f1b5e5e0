// Hostile imports (issue 9, item 7). The real `peixun serve` on the suite's database
// takes four uploads in parallel, each built by this test and small on disk:
//   - one cell of 198 MiB as an inline string,
//   - one shared string of 198 MiB, used by a cell,
//   - 1,000,000 rows,
//   - a worksheet that inflates to 300 MiB (zip bomb);
// each must be refused with a 4xx whose body names the limit, the server's peak
// resident memory (VmHWM) must stay under kPeakRssBound, it must give the memory
// back, and it must still answer /healthz. Before the limits, the first file alone
// took 2.5 GB and 31 s; the four together (under `ulimit -v 8000000`) reached a peak
// of 6.4 GB, answered 500 and a 200 MB report, and kept 3.8 GB.
// Also: a large valid import gives its memory back, and the import report of a file
// with thousands of bad rows lists the first errors and counts the rest instead of
// growing without bound.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app_fixture.h"
#include "serve_fixture.h"
#include "test_db.h"

namespace peixun::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The RSS bounds hold for the server as shipped. Under AddressSanitizer (the sanitizer
// build of the test command) freed memory sits in ASan's quarantine and every block
// carries redzones, so RSS says nothing about peixun's own memory there: the bounds
// are checked only in the ordinary build, the rest of each test runs in both.
#ifdef __SANITIZE_ADDRESS__
constexpr bool kRssBoundsApply = false;
#else
constexpr bool kRssBoundsApply = true;
#endif

// The server's peak resident memory while it refuses the four files in parallel.
// Unlimited, one of them alone took 2.5 GB.
constexpr int64_t kPeakRssBound = 256ll << 20;
// What the server may still hold afterwards, above what it held before.
constexpr int64_t kRetainedRssBound = 64ll << 20;

// A zip entry made on the fly: head, `unit` repeated `count` times, then tail; a
// 200 MB worksheet never sits in the test's memory.
struct Generated {
  std::string head, unit, tail;
  uint64_t count = 0;
  uint64_t pos = 0;

  uint64_t Size() const { return head.size() + unit.size() * count + tail.size(); }
  size_t Read(char* out, size_t n) {
    size_t done = 0;
    while (done < n && pos < Size()) {
      std::string_view piece;
      uint64_t offset = pos;
      if (offset < head.size()) {
        piece = std::string_view(head).substr(offset);
      } else if ((offset -= head.size()) < unit.size() * count) {
        piece = std::string_view(unit).substr(offset % unit.size());
      } else {
        piece = std::string_view(tail).substr(offset - unit.size() * count);
      }
      const size_t take = std::min(piece.size(), n - done);
      std::memcpy(out + done, piece.data(), take);
      done += take;
      pos += take;
    }
    return done;
  }
};

zip_int64_t GeneratedSource(void* state, void* data, zip_uint64_t length, zip_source_cmd_t cmd) {
  auto* g = static_cast<Generated*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      g->pos = 0;
      return 0;
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_READ:
      return static_cast<zip_int64_t>(g->Read(static_cast<char*>(data), length));
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

constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// An .xlsx whose worksheet (and, when given, shared strings) come from generators;
// returns its bytes.
std::string HostileXlsx(const fs::path& path, Generated sheet,
                        std::unique_ptr<Generated> shared_strings = nullptr) {
  const std::string pkg_rels = "http://schemas.openxmlformats.org/package/2006/relationships";
  std::vector<std::pair<std::string, std::string>> fixed = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"" + pkg_rels +
                          "\"><Relationship Id=\"rId1\" Type=\"" + kRel +
                          "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", std::string("<?xml version=\"1.0\"?><workbook xmlns=\"") + kMain +
                              "\" xmlns:r=\"" + kRel +
                              "\"><sheets><sheet name=\"花名册\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\"?><Relationships xmlns=\"" + pkg_rels +
           "\"><Relationship Id=\"rId1\" Type=\"" + kRel +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
           kRel + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"}};
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  if (archive == nullptr) return "";
  for (const auto& [name, content] : fixed) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  auto add_generated = [&](const char* name, Generated* g) {
    zip_source_t* source = zip_source_function(archive, GeneratedSource, g);
    const zip_int64_t index = zip_file_add(archive, name, source, 0);
    EXPECT_GE(index, 0);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
  };
  add_generated("xl/worksheets/sheet1.xml", &sheet);
  if (shared_strings) add_generated("xl/sharedStrings.xml", shared_strings.get());
  EXPECT_EQ(zip_close(archive), 0);
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string SheetHead() {
  return std::string("<?xml version=\"1.0\"?><worksheet xmlns=\"") + kMain + "\"><sheetData>";
}
constexpr char kSheetTail[] = "</sheetData></worksheet>";
constexpr char kHeaderRow[] =
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>单位</t></is></c></row>";
constexpr uint64_t kHugeCellBytes = 198ull << 20;

// Memory figures of a process from /proc/PID/status, in bytes ("VmHWM", "VmRSS").
int64_t ProcStatusBytes(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1)) * 1024;
  }
  return -1;
}

struct Upload {
  std::string label;
  std::string bytes;
  int want_status;
  std::string want_code;
  std::string want_in_message;  // the limit, as the message states it
  std::string want_field;       // "" = not checked
  int status = 0;
  std::string body = {};
};

TEST(ImportLimitsServeTest, FourHostileUploadsInParallelAreRefusedWithinAMemoryBound) {
  char dir_template[] = "/tmp/peixun-import-limits-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const fs::path dir = dir_template;
  std::unique_ptr<store::Store> fresh_pg;
  std::string url;
  if (CurrentBackend() == "postgres") {
    fresh_pg = OpenFreshTestStore();
    url = fresh_pg->DisplayUrl();
  } else {
    url = "sqlite:" + (dir / "limits.db").string();
  }
  const std::string log = (dir / "serve.log").string();
  ServeDb db;
  PrepareServeDb(url, log, 1, &db);
  if (HasFatalFailure()) return;

  // The four files, generated here (each a few hundred KB at most).
  std::vector<Upload> uploads;
  {
    Generated sheet{SheetHead() + kHeaderRow + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
                    std::string(1 << 16, 'A'), "</t></is></c></row>" + std::string(kSheetTail),
                    kHugeCellBytes >> 16};
    uploads.push_back({"one 198 MiB inline cell", HostileXlsx(dir / "cell.xlsx", sheet), 422,
                       "io.table.cell_too_long", "32767", "A2"});
  }
  {
    Generated sheet{SheetHead() + kHeaderRow +
                        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c>"
                        "<c r=\"B2\" t=\"s\"><v>0</v></c></row>" +
                        kSheetTail,
                    "", "", 0};
    auto strings = std::make_unique<Generated>(
        Generated{std::string("<?xml version=\"1.0\"?><sst xmlns=\"") + kMain + "\"><si><t>",
                  std::string(1 << 16, 'B'), "</t></si></sst>", kHugeCellBytes >> 16});
    uploads.push_back({"one 198 MiB shared string",
                       HostileXlsx(dir / "shared.xlsx", sheet, std::move(strings)), 422,
                       "io.table.cell_too_long", "32767", "B2"});
  }
  {
    Generated sheet{SheetHead() + kHeaderRow,
                    "<row><c t=\"inlineStr\"><is><t>张三</t></is></c>"
                    "<c t=\"inlineStr\"><is><t>幸福社区</t></is></c></row>",
                    kSheetTail, 1'000'000};
    uploads.push_back({"1,000,000 rows", HostileXlsx(dir / "rows.xlsx", sheet), 413,
                       "io.table.too_many_rows", "200000", ""});
  }
  {
    Generated sheet{SheetHead() + kHeaderRow, std::string(1 << 16, ' '), kSheetTail,
                    300ull << 4};  // 300 MiB of blanks
    uploads.push_back({"300 MiB worksheet", HostileXlsx(dir / "bomb.xlsx", sheet), 413,
                       "io.file.too_large", "200 MB", ""});
  }
  for (const Upload& u : uploads) {
    ASSERT_GT(u.bytes.size(), 0u) << u.label;
    EXPECT_LT(u.bytes.size(), 2u << 20) << u.label << ": the test file should be small on disk";
  }

  const int port = FreePort();
  const pid_t pid = StartServer(url, port, log);
  ASSERT_GT(pid, 0);
  // Stopped however the test ends (an ASSERT returns early).
  struct StopAtEnd {
    pid_t pid;
    ~StopAtEnd() { StopServer(pid); }
  } stop_at_end{pid};
  ASSERT_TRUE(WaitUp(port)) << "peixun serve did not come up; see " << log;
  const int64_t rss_before = ProcStatusBytes(pid, "VmRSS");
  ASSERT_GT(rss_before, 0);

  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (Upload& u : uploads) {
    threads.emplace_back([&u, port, &db] {
      MiniHttp http(port);
      u.status = http.Post("/api/v1/people/import?filename=hostile.xlsx", db.api_token, u.bytes);
      u.body = http.last_body();
    });
  }
  for (auto& t : threads) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (const Upload& u : uploads) {
    SCOPED_TRACE(u.label);
    EXPECT_EQ(u.status, u.want_status) << u.body.substr(0, 500);
    const json body = json::parse(u.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << u.body.substr(0, 500);
    EXPECT_EQ(body["error"].value("code", ""), u.want_code) << u.body;
    EXPECT_NE(body["error"].value("message", "").find(u.want_in_message), std::string::npos)
        << u.body;
    if (!u.want_field.empty()) {
      EXPECT_EQ(body["error"].value("field", ""), u.want_field) << u.body;
    }
    EXPECT_LT(u.body.size(), 2000u);
  }
  const int64_t peak = ProcStatusBytes(pid, "VmHWM");
  // The memory comes back (glibc keeps freed memory unless it is trimmed).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const int64_t rss_after = ProcStatusBytes(pid, "VmRSS");
  EXPECT_EQ(MiniHttp(port).Get("/healthz"), 200) << "the server stopped answering; see " << log;
  std::cout << "[ limits   ] four hostile imports in " << seconds << " s; server RSS before "
            << (rss_before >> 20) << " MB, peak " << (peak >> 20) << " MB, after "
            << (rss_after >> 20) << " MB\n";
  if (kRssBoundsApply) {
    EXPECT_LT(peak, kPeakRssBound) << "peak RSS " << (peak >> 20) << " MB";
    EXPECT_LT(rss_after - rss_before, kRetainedRssBound)
        << "RSS before " << (rss_before >> 20) << " MB, after " << (rss_after >> 20) << " MB";
  }
  EXPECT_LT(seconds, 30.0);

  fs::remove_all(dir);
}

// A large, valid import (dry runs of 100,000 rows, two at a time on two worker
// threads, twice): the server's resident memory goes back near where it was. Measured
// while writing this test: without malloc_trim after each import the server kept
// 67 MB more; without the fixed mmap threshold (io::ReturnLargeBlocksAtOnce) the
// upload bodies stayed, 44 MB; with both, 2 MB.
TEST(ImportLimitsServeTest, ALargeImportGivesItsMemoryBack) {
  char dir_template[] = "/tmp/peixun-import-memory-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const fs::path dir = dir_template;
  std::unique_ptr<store::Store> fresh_pg;
  std::string url;
  if (CurrentBackend() == "postgres") {
    fresh_pg = OpenFreshTestStore();
    url = fresh_pg->DisplayUrl();
  } else {
    url = "sqlite:" + (dir / "memory.db").string();
  }
  const std::string log = (dir / "serve.log").string();
  ServeDb db;
  PrepareServeDb(url, log, 1, &db);  // its unit is 演练社区
  if (HasFatalFailure()) return;
  std::string csv = "姓名,性别,单位,职务\n";
  for (int i = 0; i < 100'000; ++i) {
    csv += "学员" + std::to_string(i) + (i % 2 ? ",男" : ",女") + ",演练社区,党务干事\n";
  }

  const int port = FreePort();
  const pid_t pid = StartServer(url, port, log);
  ASSERT_GT(pid, 0);
  struct StopAtEnd {
    pid_t pid;
    ~StopAtEnd() { StopServer(pid); }
  } stop_at_end{pid};
  ASSERT_TRUE(WaitUp(port)) << "peixun serve did not come up; see " << log;
  const int64_t rss_before = ProcStatusBytes(pid, "VmRSS");
  for (int round = 0; round < 2; ++round) {
    // Two connections at once, so two workers (two malloc arenas) parse a file.
    std::vector<std::thread> threads;
    std::vector<std::string> bodies(2);
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        MiniHttp http(port);
        EXPECT_EQ(http.Post("/api/v1/people/import?filename=big.csv&dry_run=1", db.api_token, csv),
                  200);
        bodies[t] = http.last_body();
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& body : bodies) {
      const json report = json::parse(body, nullptr, false);
      ASSERT_TRUE(report.is_object()) << body.substr(0, 300);
      EXPECT_EQ(report["total_rows"], 100'000) << body.substr(0, 300);
      EXPECT_EQ(report["rejected"], 0) << body.substr(0, 300);
    }
  }
  const int64_t peak = ProcStatusBytes(pid, "VmHWM");
  const int64_t rss_after = ProcStatusBytes(pid, "VmRSS");
  std::cout << "[ memory   ] 4 × 100,000-row imports: server RSS before " << (rss_before >> 20)
            << " MB, peak " << (peak >> 20) << " MB, after " << (rss_after >> 20) << " MB\n";
  EXPECT_GT(peak - rss_before, 64ll << 20) << "the imports should have used memory";
  if (kRssBoundsApply) {
    EXPECT_LT(rss_after - rss_before, 40ll << 20)
        << "RSS before " << (rss_before >> 20) << " MB, after " << (rss_after >> 20) << " MB";
  }
  fs::remove_all(dir);
}

// ---- the report of a file with many bad rows ----

class ImportReportLimitTest : public AppTest {};

TEST_F(ImportReportLimitTest, ReportListsTheFirstErrorsAndCountsTheRest) {
  Session admin = MakeUser("report_admin", Role::kAdmin);
  std::string csv = "姓名,性别,单位,手机号\n";
  constexpr int kRows = 2500;
  for (int i = 0; i < kRows; ++i) {
    // Every row is wrong twice: an unknown unit, and a phone number too short.
    csv += "学员" + std::to_string(i) + ",男,不存在的单位,123\n";
  }
  auto r = Send(api::Method::kPost, "/api/v1/people/import?filename=bad.csv&dry_run=1", csv, admin,
                {{"content-type", "application/octet-stream"}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  const json report = Body(r);
  EXPECT_EQ(report["total_rows"], kRows);
  EXPECT_EQ(report["rejected"], kRows);
  ASSERT_TRUE(report["errors"].is_array());
  EXPECT_EQ(report["errors"].size(), 1000u);
  EXPECT_EQ(report["errors_omitted"], 2 * kRows - 1000);
  EXPECT_EQ(report["error_counts"]["people.unit.unknown"], kRows) << report["error_counts"];
  EXPECT_EQ(report["error_counts"]["phone.format"], kRows) << report["error_counts"];
  // The listed errors are the first ones, in row order.
  EXPECT_EQ(report["errors"][0]["row"], 2);
  EXPECT_LT(r.body.size(), 300u << 10);
}

}  // namespace
}  // namespace peixun::test
