// bench/crash: kill -9 of `peixun serve` at random moments, many times (issue 14).
// Not in CI (long); bench/crash/run.sh runs it on SQLite and PostgreSQL and
// bench/crash/README.md holds the figures.
//
// One database (SQLite file in a temporary folder, or a fresh PostgreSQL database
// of the cluster named by PEIXUN_TEST_PG_URL), prepared once: a class, a session
// running now, 60 trainees, an admin's API token. Then, per cycle:
//  1. `peixun serve` starts; kiosks send check-ins with unique idempotency keys;
//     every 10th cycle a roster import of 60 people is sent as well;
//  2. after a random 30-700 ms the server gets SIGKILL;
//  3. the database is opened and checked: every check-in answered 200 in this
//     cycle is there exactly once, no idempotency key is stored twice, an import
//     answered 200 has all its rows and one not answered has all or none, and
//     audit::CheckIntegrity passes (SQLite integrity_check / PostgreSQL amcheck,
//     and the audit chain).
// At the end every check-in ever acknowledged is looked up once more.
//
//   PEIXUN_TEST_DB=sqlite|postgres [PEIXUN_TEST_PG_URL=…] peixun_crash_bench KILLS
//
// Prints one line per 25 cycles and the totals: kills, acknowledged, found,
// duplicates, failures. Exit status 0 when there is no failure.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../../tests/integration/serve_fixture.h"
#include "../../tests/integration/test_db.h"
#include "core/clock.h"
#include "modules/audit/integrity_check.h"
#include "store/open_store.h"

namespace peixun::test {
namespace {

namespace fs = std::filesystem;

struct Totals {
  int64_t kills = 0, acknowledged = 0, found = 0, duplicates = 0, failures = 0;
  int64_t sent = 0, imports_acked = 0, imports_cut = 0, imports_none = 0;
};

int Kills() {
  const char* v = std::getenv("PEIXUN_CRASH_KILLS");
  return v ? std::atoi(v) : 100;
}

std::string ImportCsv(int cycle, int rows) {
  std::string csv = "姓名,性别,单位\n";
  for (int i = 0; i < rows; ++i) {
    csv += "导入" + std::to_string(cycle) + "·" + std::to_string(i) + ",男,演练社区\n";
  }
  return csv;
}

// Looks each of `keys` up among the stored check-ins (each should be there once).
// Keys are stored scoped to caller, session and direction ("u2:s1:in:KEY",
// checkin_service.h): one pass over the table, matched by what follows ":in:".
Status CountKeys(store::Store& store, const std::vector<std::string>& keys, Totals* t,
                 std::string* first_problem) {
  std::unordered_map<std::string, int64_t> stored;
  PEIXUN_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows r,
                            tx.Query("SELECT idempotency_key FROM attendance_events"));
    for (const store::Row& row : r) {
      const std::string k = row.Str(0);
      const size_t at = k.find(":in:");
      if (at != std::string::npos) ++stored[k.substr(at + 4)];
    }
    return Ok();
  }));
  for (const std::string& key : keys) {
    auto it = stored.find(key);
    const int64_t n = it == stored.end() ? 0 : it->second;
    if (n >= 1) ++t->found;
    if (n > 1) ++t->duplicates;
    if (n != 1) {
      ++t->failures;
      if (first_problem->empty()) *first_problem = key + " stored " + std::to_string(n) + " times";
    }
  }
  return Ok();
}

TEST(CrashBench, KillDashNine) {
  const int kills = Kills();
  std::fflush(stdout);  // before the fork()s of StartServer, or each child repeats it
  char dir_template[] = "/tmp/peixun-crashbench-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const fs::path dir = dir_template;
  std::unique_ptr<store::Store> fresh_pg;
  std::string url;
  if (CurrentBackend() == "postgres") {
    fresh_pg = OpenFreshTestStore();
    url = fresh_pg->DisplayUrl();
  } else {
    url = "sqlite:" + (dir / "crash.db").string();
  }
  const std::string log = (dir / "serve.log").string();
  ServeDb db;
  PrepareServeDb(url, log, 60, &db);
  if (HasFatalFailure()) return;

  std::mt19937 rng(std::random_device{}());
  Totals t;
  std::vector<std::string> all_acked;
  std::string first_problem;
  std::map<int, int64_t> statuses;  // answers by HTTP status (0: no answer, killed)
  std::string example;              // the first answer neither 200 nor 0
  const auto started = std::chrono::steady_clock::now();
  for (int cycle = 0; cycle < kills; ++cycle) {
    const int port = FreePort();
    pid_t pid = StartServer(url, port, log);
    ASSERT_GT(pid, 0);
    if (!WaitUp(port)) {
      ++t.failures;
      first_problem = first_problem.empty() ? "serve did not start; see " + log : first_problem;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      break;
    }
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::vector<std::string> acked;
    std::atomic<int64_t> sent{0};
    std::vector<std::thread> kiosks;
    for (int k = 0; k < 4; ++k) {
      kiosks.emplace_back([&, k] {
        MiniHttp http(port);
        for (int i = 0; !stop.load(); ++i) {
          const std::string key =
              "c" + std::to_string(cycle) + "-k" + std::to_string(k) + "-" + std::to_string(i);
          nlohmann::json body = {{"session_id", db.session_id},
                                 {"badge_token", db.badges[(k * 17 + i) % db.badges.size()]},
                                 {"idempotency_key", key}};
          ++sent;
          const int status = http.Post("/api/v1/kiosk/scan", db.api_token, body.dump());
          {
            std::lock_guard<std::mutex> lock(mu);
            ++statuses[status];
            if (status == 200) acked.push_back(key);
            if (status != 200 && status != 0 && example.empty()) example = http.last_body();
          }
          if (status == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
          }
        }
      });
    }
    const bool with_import = cycle % 10 == 5;
    constexpr int kImportRows = 60;
    std::atomic<int> import_status{-1};
    std::thread importer;
    if (with_import) {
      importer = std::thread([&] {
        MiniHttp http(port);
        import_status = http.Post("/api/v1/people/import?filename=r.csv", db.api_token,
                                  ImportCsv(cycle, kImportRows));
      });
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(30, 700)(rng)));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    ++t.kills;
    stop = true;
    for (auto& th : kiosks) th.join();
    if (importer.joinable()) importer.join();
    t.sent += sent.load();
    t.acknowledged += static_cast<int64_t>(acked.size());

    auto store = store::OpenStore(url);
    ASSERT_TRUE(store.ok()) << store.error().message_en;
    Status counted = CountKeys(**store, acked, &t, &first_problem);
    ASSERT_TRUE(counted.ok()) << counted.error().message_en;
    // No key twice anywhere (a check-in from any earlier cycle included).
    Status dup = (*store)->Read([&](store::Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(
          store::Rows r,
          tx.Query("SELECT COUNT(*) - COUNT(DISTINCT idempotency_key) FROM attendance_events"));
      if (r[0].Int(0) != 0) {
        ++t.failures;
        if (first_problem.empty())
          first_problem = "a key stored twice (cycle " + std::to_string(cycle) + ")";
      }
      if (with_import) {
        PEIXUN_ASSIGN_OR_RETURN(store::Rows p,
                                tx.Query("SELECT COUNT(*) FROM people WHERE name LIKE ?",
                                         {store::Text("导入" + std::to_string(cycle) + "·%")}));
        const int64_t rows = p[0].Int(0);
        const bool acked_import = import_status.load() == 200;
        if (acked_import) ++t.imports_acked;
        if (rows == kImportRows && !acked_import) ++t.imports_cut;
        if (rows == 0) ++t.imports_none;
        if ((acked_import && rows != kImportRows) || (rows != 0 && rows != kImportRows)) {
          ++t.failures;
          if (first_problem.empty()) {
            first_problem = "import of cycle " + std::to_string(cycle) + ": " +
                            std::to_string(rows) + " rows, answered " +
                            std::to_string(import_status.load());
          }
        }
      }
      return Ok();
    });
    ASSERT_TRUE(dup.ok()) << dup.error().message_en;
    auto verdict = audit::CheckIntegrity(**store);
    if (!verdict.ok() || !verdict->ok) {
      ++t.failures;
      if (first_problem.empty()) {
        first_problem = "integrity after cycle " + std::to_string(cycle) + ": " +
                        (verdict.ok() ? verdict->message_en : verdict.error().message_en);
      }
    }
    // The check-in window closes some minutes after a session starts, and a run
    // lasts longer: between kills (no server running) the session is moved to
    // have started a minute ago, so every burst meets an open window.
    const int64_t now = NowMillis();
    Status moved = (*store)->Transact([&](store::Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(tx.Exec(
          "UPDATE class_sessions SET start_ms = ?, end_ms = ? WHERE id = ?",
          {store::Int(now - 60'000), store::Int(now + 7'200'000), store::Int(db.session_id)}));
      return Ok();
    });
    ASSERT_TRUE(moved.ok()) << moved.error().message_en;
    all_acked.insert(all_acked.end(), acked.begin(), acked.end());
    if ((cycle + 1) % 25 == 0 || cycle + 1 == kills) {
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cout << "[ crash ] " << CurrentBackend() << " kills " << t.kills << ", acknowledged "
                << t.acknowledged << ", found " << t.found << ", duplicates " << t.duplicates
                << ", failures " << t.failures << " (" << static_cast<int>(s) << " s)" << std::endl;
    }
  }

  // Every acknowledged check-in of every cycle, once more at the end.
  Totals final_check;
  auto store = store::OpenStore(url);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(CountKeys(**store, all_acked, &final_check, &first_problem).ok());
  t.failures += final_check.failures;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "crash bench (" << CurrentBackend() << "): kills " << t.kills << ", requests sent "
            << t.sent << ", acknowledged " << t.acknowledged << ", found " << t.found
            << " (at the end: " << final_check.found << " of " << all_acked.size()
            << "), duplicates " << t.duplicates + final_check.duplicates << ", imports "
            << t.imports_acked << " acknowledged / " << t.imports_cut
            << " complete but cut before the answer / " << t.imports_none
            << " rolled back, failures " << t.failures << ", " << static_cast<int>(seconds)
            << " s\n";
  std::cout << "answers:";
  for (const auto& [status, n] : statuses) std::cout << " " << status << " x " << n;
  std::cout << (example.empty() ? "" : "; first other: " + example) << "\n";
  if (!first_problem.empty()) std::cout << "first failure: " << first_problem << "\n";
  EXPECT_EQ(t.failures, 0);
  store->reset();
  fresh_pg.reset();
  if (t.failures == 0) fs::remove_all(dir);
}

}  // namespace
}  // namespace peixun::test
