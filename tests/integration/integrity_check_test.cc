// audit::CheckIntegrity (modules/audit/integrity_check.h) on both backends: a sound
// database passes with the storage checks named (SQLite PRAGMA integrity_check;
// PostgreSQL amcheck on every index and table), an audit row edited behind the
// service's back fails naming its id, and on PostgreSQL a role that may not create
// amcheck gets a clear "not checked" note rather than a pass that looked at nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "modules/audit/audit_log.h"
#include "modules/audit/integrity_check.h"
#include "modules/schema.h"
#include "store/integrity.h"
#include "store/migration.h"
#include "store/open_store.h"
#include "test_db.h"

namespace peixun::test {
namespace {

class IntegrityCheckTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    ASSERT_TRUE(store::Migrate(db(), modules::AllMigrations()).ok());
    for (int i = 1; i <= 5; ++i) {
      Status st = db().Transact([&](store::Tx& tx) {
        return audit::AppendIn(tx, Actor{7, "admin", "10.0.0.7"},
                               {"people.update",
                                "person",
                                i,
                                {{"name", "张三"}},
                                {{"name", "张三丰·" + std::to_string(i)}}});
      });
      ASSERT_TRUE(st.ok()) << st.error().message;
    }
  }

  static bool Mentions(const std::vector<std::string>& lines, const std::string& needle) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(needle) != std::string::npos; });
  }
};

TEST_F(IntegrityCheckTest, ASoundDatabasePassesAndNamesWhatWasChecked) {
  auto verdict = audit::CheckIntegrity(db());
  ASSERT_TRUE(verdict.ok()) << verdict.error().message_en;
  EXPECT_TRUE(verdict->ok) << verdict->message_en;
  ASSERT_TRUE(verdict->storage.has_value());
  EXPECT_EQ(verdict->chain.entries, 5);
  if (CurrentBackend() == "postgres") {
    // The test cluster connects as the superuser postgres: amcheck runs.
    EXPECT_TRUE(verdict->storage->skipped.empty()) << verdict->storage->skipped[0];
    EXPECT_TRUE(Mentions(verdict->storage->checked, "bt_index_check"));
    EXPECT_TRUE(Mentions(verdict->storage->checked, "verify_heapam"));
    // Every table of the schema has a primary key: many indexes were walked.
    const std::string& line = verdict->storage->checked[1];
    EXPECT_GT(std::stoi(line.substr(line.find(": ") + 2)), 50) << line;
  } else {
    EXPECT_TRUE(Mentions(verdict->storage->checked, "PRAGMA integrity_check"));
  }
}

TEST_F(IntegrityCheckTest, AnAuditRowEditedBehindTheServicesBackFailsNamingIt) {
  int64_t third = 0;
  Status st = db().Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows r,
                            tx.Query("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2"));
    third = r[0].Int(0);
    PEIXUN_RETURN_IF_ERROR(
        tx.Exec("UPDATE audit_log SET action = 'people.delete' WHERE id = ?", {store::Int(third)}));
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().message;
  auto verdict = audit::CheckIntegrity(db());
  ASSERT_TRUE(verdict.ok()) << verdict.error().message_en;
  EXPECT_FALSE(verdict->ok);
  EXPECT_TRUE(verdict->storage.has_value());  // the storage itself is sound
  EXPECT_EQ(verdict->chain.first_bad_id, third);
  EXPECT_EQ(verdict->chain.reason, "edited");
  EXPECT_NE(verdict->message_en.find("audit log entry " + std::to_string(third)), std::string::npos)
      << verdict->message_en;
  EXPECT_NE(verdict->message.find("审计日志条目 " + std::to_string(third)), std::string::npos)
      << verdict->message;
}

TEST_F(IntegrityCheckTest, WithoutSuperuserAmcheckIsReportedAsNotChecked) {
  if (CurrentBackend() != "postgres") GTEST_SKIP() << "amcheck is PostgreSQL's";
  const std::string role = "peixun_plain_" + std::to_string(::getpid());
  auto admin = [&](const std::string& sql) {
    Status s = db().Transact([&](store::Tx& tx) { return tx.ExecScript(sql); });
    ASSERT_TRUE(s.ok()) << sql << ": " << s.error().message_en;
  };
  admin("DROP EXTENSION IF EXISTS amcheck");
  admin("CREATE ROLE " + role + " LOGIN");
  {
    std::string url = db().DisplayUrl();  // postgresql://postgres@host:port/db, no password
    url.replace(url.find("postgres@"), 8, role);
    auto plain = store::OpenStore(url);
    ASSERT_TRUE(plain.ok()) << plain.error().message_en;
    auto report = store::CheckStorage(**plain);
    ASSERT_TRUE(report.ok()) << report.error().message_en;
    ASSERT_EQ(report->skipped.size(), 1u);
    EXPECT_NE(report->skipped[0].find("CREATE EXTENSION amcheck failed"), std::string::npos)
        << report->skipped[0];
    EXPECT_NE(report->skipped[0].find("superuser"), std::string::npos) << report->skipped[0];
    EXPECT_FALSE(Mentions(report->checked, "bt_index_check"));
  }
  admin("DROP ROLE " + role);
}

}  // namespace
}  // namespace peixun::test
