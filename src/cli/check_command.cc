// `peixun check`: is the database sound? The storage check (SQLite PRAGMA
// integrity_check; PostgreSQL amcheck on every index and table) and the audit
// log's hash chain (modules/audit/integrity_check.h). Exit codes: 0 sound, 1
// cannot open or read the database, 3 something is broken (printed).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "modules/audit/integrity_check.h"

namespace peixun::cli {
namespace {

constexpr int kExitBroken = 3;

int RunCheck(const std::string& db, const std::string& key_file) {
  auto database = OpenDatabase(db, key_file);
  if (!database) return PrintError(database.error()), 1;
  auto verdict = audit::CheckIntegrity(*database->store);
  if (!verdict) return PrintError(verdict.error()), 1;
  if (verdict->storage) {
    for (const std::string& c : verdict->storage->checked) {
      std::cout << "存储检查通过 / storage ok: " << c << "\n";
    }
    for (const std::string& s : verdict->storage->skipped) {
      std::cout << "未检查 / not checked: " << s << "\n";
    }
  }
  if (verdict->chain.ok) {
    std::cout << "审计日志完整：" << verdict->chain.entries
              << " 条 / audit log intact: " << verdict->chain.entries << " entries\n";
  }
  if (!verdict->ok) {
    std::cout << verdict->message << verdict->message_en;
    return kExitBroken;
  }
  std::cout << "数据库完好 / database sound\n";
  return 0;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto* check = app.add_subcommand(
      "check",
      "Check the database: storage integrity (SQLite integrity_check, PostgreSQL amcheck) "
      "and the audit chain; exit 3 when broken");
  check->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  check->add_option("--key-file", *key_file,
                    "Data key file (default: PATH.key beside a SQLite file)");
  check->callback([=] { *exit_code = RunCheck(*db, *key_file); });
}

}  // namespace peixun::cli
