// The login log's retention and purge (modules/auth/login_log_retention.h) on
// SQLite and PostgreSQL: entries older than the retention go, recent ones stay,
// each purge that deletes is audited; the same purge runs from `peixun login-log
// purge` and inside `peixun serve` at start (app/housekeeping.h).
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "auth_fixture.h"
#include "core/clock.h"
#include "modules/audit/audit_query.h"
#include "modules/audit/audit_verify.h"
#include "modules/auth/login_log.h"
#include "modules/auth/login_log_retention.h"
#include "serve_fixture.h"
#include "store/open_store.h"

namespace peixun::test {
namespace {

using nlohmann::json;

Principal Admin() {
  Principal p;
  p.user_id = 1;
  p.username = "root";
  p.role = Role::kAdmin;
  return p;
}

void Log(store::Store& db, const std::string& username, int64_t at) {
  ASSERT_TRUE(auth::RecordLogin(db,
                                auth::LoginAttempt{username, std::nullopt, "10.0.0.1", "test",
                                                   auth::LoginOutcome::kBadCredentials},
                                at)
                  .ok());
}

std::vector<std::string> Usernames(store::Store& db) {
  auto rows = store::ReadValue<store::Rows>(
      db, [](store::Tx& tx) { return tx.Query("SELECT username FROM login_log ORDER BY at"); });
  EXPECT_TRUE(rows.ok());
  std::vector<std::string> out;
  if (rows.ok()) {
    for (const store::Row& r : *rows) out.push_back(r.Str(0));
  }
  return out;
}

class LoginLogPurgeTest : public AuthTest {};

TEST_F(LoginLogPurgeTest, OldEntriesGoRecentOnesStayAndEachPurgeIsAudited) {
  const int64_t now = now_;
  Log(db(), "d400", now - 400 * kDay);
  Log(db(), "d200", now - 200 * kDay);
  Log(db(), "d181", now - 181 * kDay);
  Log(db(), "d179", now - 179 * kDay);
  Log(db(), "d1", now - 1 * kDay);

  // The default: 180 days.
  auto days = auth::GetLoginLogRetention(db(), Admin());
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(*days, 180);
  auto purged = auth::PurgeLoginLog(db(), Actor::System(), now);
  ASSERT_TRUE(purged.ok()) << purged.error().code;
  EXPECT_EQ(purged->deleted, 3);
  EXPECT_EQ(purged->cutoff, now - 180 * kDay);
  EXPECT_EQ(Usernames(db()), (std::vector<std::string>{"d179", "d1"}));
  // Nothing left to delete: no second audit entry.
  purged = auth::PurgeLoginLog(db(), Actor::System(), now);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(purged->deleted, 0);

  // A longer retention keeps more; then time passes.
  ASSERT_TRUE(auth::SetLoginLogRetention(db(), Admin(), 365).ok());
  EXPECT_EQ(*auth::LoginLogRetentionDays(db()), 365);
  Log(db(), "d300", now - 300 * kDay);
  purged = auth::PurgeLoginLog(db(), Actor::Cli(), now);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(purged->deleted, 0);
  purged = auth::PurgeLoginLog(db(), Actor::Cli(), now + 100 * kDay);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(purged->deleted, 1);
  EXPECT_EQ(Usernames(db()), (std::vector<std::string>{"d179", "d1"}));

  audit::AuditQuery q;
  q.action_prefix = "auth.login_log.";
  auto entries = audit::ListEntries(db(), q);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->total, 3);  // purge, retention update, purge (newest first)
  EXPECT_EQ(entries->items[0].action, "auth.login_log.purge");
  EXPECT_EQ(entries->items[0].actor_name, "cli");
  EXPECT_EQ(json::parse(entries->items[0].after_json.value_or("{}")).value("deleted", 0), 1);
  EXPECT_EQ(entries->items[1].action, "auth.login_log.retention.update");
  EXPECT_EQ(entries->items[2].action, "auth.login_log.purge");
  EXPECT_EQ(json::parse(entries->items[2].after_json.value_or("{}")).value("deleted", 0), 3);
  auto chain = audit::VerifyChain(db());
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok) << chain->message_en;
}

TEST_F(LoginLogPurgeTest, TheRetentionIsForAdminsAndKeepsAtLeastSixMonths) {
  for (int bad : {0, 179, 3651}) {
    Status st = auth::SetLoginLogRetention(db(), Admin(), bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().code, "auth.login_log.retention");
    EXPECT_EQ(st.error().field, "days");
  }
  Principal organizer = Admin();
  organizer.role = Role::kOrganizer;
  Status st = auth::SetLoginLogRetention(db(), organizer, 365);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "auth.forbidden");
  EXPECT_FALSE(auth::GetLoginLogRetention(db(), organizer).ok());
  EXPECT_EQ(*auth::LoginLogRetentionDays(db()), 180);
}

// `peixun login-log purge`, then `peixun serve`'s housekeeping at start.
TEST(LoginLogPurgeCommandTest, TheCliAndTheServerPurgeOldEntries) {
  namespace fs = std::filesystem;
  char dir_template[] = "/tmp/peixun-purge-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const fs::path dir = dir_template;
  std::unique_ptr<store::Store> fresh_pg;
  std::string url = "sqlite:" + (dir / "purge.db").string();
  if (CurrentBackend() == "postgres") {
    fresh_pg = OpenFreshTestStore();
    url = fresh_pg->DisplayUrl();  // the test cluster trusts local connections
  }
  const std::string log = (dir / "serve.log").string();
  ServeDb db;
  PrepareServeDb(url, log, 1, &db);
  if (::testing::Test::HasFatalFailure()) return;
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  const int64_t now = NowMillis();
  {
    auto store = store::OpenStore(url);
    ASSERT_TRUE(store.ok());
    Log(**store, "cli-old", now - 181 * kDay);
    Log(**store, "recent", now - 170 * kDay);
  }
  const std::string purge =
      std::string(PEIXUN_BINARY) + " login-log purge --db '" + url + "' >> " + log + " 2>&1";
  ASSERT_EQ(std::system(purge.c_str()), 0) << "see " << log;
  {
    auto store = store::OpenStore(url);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(Usernames(**store), (std::vector<std::string>{"recent"}));
    Log(**store, "serve-old", now - 200 * kDay);
    EXPECT_EQ(Usernames(**store), (std::vector<std::string>{"serve-old", "recent"}));
  }
  const int port = FreePort();
  const pid_t pid = StartServer(url, port, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitUp(port)) << "see " << log;
  // The purge runs once at start, beside the first requests: wait for it.
  bool gone = false;
  MiniHttp http(port);
  for (int i = 0; i < 100 && !gone; ++i) {
    ASSERT_EQ(http.Send("GET", "/api/v1/auth/login-log?username=serve-old", db.api_token, ""), 200)
        << http.last_body();
    gone = json::parse(http.last_body()).value("total", -1) == 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(gone) << "the server did not purge; see " << log;
  ASSERT_EQ(http.Send("GET", "/api/v1/auth/login-log?username=recent", db.api_token, ""), 200);
  EXPECT_EQ(json::parse(http.last_body()).value("total", -1), 1) << http.last_body();
  StopServer(pid);
  {
    auto store = store::OpenStore(url);
    ASSERT_TRUE(store.ok());
    audit::AuditQuery q;
    q.action_prefix = "auth.login_log.purge";
    auto entries = audit::ListEntries(**store, q);
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->total, 2);  // the server's, then the CLI's
    EXPECT_EQ(entries->items[1].actor_name, "cli");
  }
  fresh_pg.reset();
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

}  // namespace
}  // namespace peixun::test
