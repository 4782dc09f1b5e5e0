// `peixun audit verify` and `peixun audit list` run as an operator would, on
// SQLite files. Tampering is done with the sqlite3 shell (scripts/install-deps.sh
// installs it), the way someone with file access would.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code;
  std::string output;  // stdout and stderr together
};

CommandRun RunShell(const std::string& cmd) {
  FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("peixun-audit-cli-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandRun Peixun(const std::string& args) {
    return RunShell("cd '" + dir_.string() + "' && '" + PEIXUN_BINARY + "' " + args);
  }
  CommandRun Sql(const std::string& sql) {
    return RunShell("sqlite3 '" + (dir_ / "t.db").string() + "' \"" + sql + "\"");
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(AuditCliTest, HelpOnEveryAuditVerb) {
  for (const char* verb : {"audit", "audit verify", "audit list"}) {
    CommandRun h = Peixun(std::string(verb) + " --help");
    EXPECT_EQ(h.exit_code, 0) << verb;
    EXPECT_NE(h.output.find("--help"), std::string::npos) << verb;
  }
  EXPECT_NE(Peixun("audit verify --help").output.find("--db"), std::string::npos);
  EXPECT_NE(Peixun("audit list --help").output.find("--limit"), std::string::npos);
}

TEST_F(AuditCliTest, FreshDatabaseIsIntact) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  CommandRun r = Peixun("audit verify --db " + db_);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // init's one write: the first admin account.
  EXPECT_NE(r.output.find("审计日志完整：1 条 / audit log intact: 1 entries"), std::string::npos)
      << r.output;
  CommandRun list = Peixun("audit list --limit 5 --db " + db_);
  EXPECT_EQ(list.exit_code, 0) << list.output;
}

TEST_F(AuditCliTest, TamperedDatabaseExitsThreeNamingTheEntry) {
  ASSERT_EQ(Peixun("init --db " + db_).exit_code, 0);
  // Forge the one entry init wrote (the first admin's creation).
  CommandRun sql = Sql(
      "UPDATE audit_log SET at = 1700000000000, actor_name = 'mallory', action = 'people.delete', "
      "entity = 'person', entity_id = 5 WHERE id = 1");
  ASSERT_EQ(sql.exit_code, 0) << sql.output;

  CommandRun r = Peixun("audit verify --db " + db_);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("entry 1 (edited)"), std::string::npos) << r.output;

  CommandRun list = Peixun("audit list --limit 5 --db " + db_);
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("#1  2023-11-15 06:13:20  mallory  people.delete  person#5"),
            std::string::npos)
      << list.output;
}

TEST_F(AuditCliTest, UninitializedDatabaseFailsWithOne) {
  CommandRun r = Peixun("audit verify --db " + db_);
  EXPECT_EQ(r.exit_code, 1) << r.output;
}

}  // namespace
