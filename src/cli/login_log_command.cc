// `peixun login-log purge`: deletes the login log entries older than the
// retention (modules/auth/login_log_retention.h; 180 days unless the admin
// console set more), as `peixun serve` does hourly. Audited when it deletes
// anything. Exit 0 (also: nothing to delete), 1 cannot open the database.
#include <iostream>
#include <memory>

#include "cli/database.h"
#include "cli/login_log_command.h"
#include "core/actor.h"
#include "core/clock.h"
#include "modules/auth/login_log_retention.h"

namespace peixun::cli {

void AddLoginLogCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("login-log", "The login log (登录日志)");
  cmd->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto* purge = cmd->add_subcommand(
      "purge", "Delete the entries older than the retention (default 180 days), audited");
  purge->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  purge->add_option("--key-file", *key_file, "Data key file");
  purge->callback([=] {
    auto database = OpenDatabase(*db, *key_file);
    if (!database) return PrintError(database.error()), void(*exit_code = 1);
    auto purged = auth::PurgeLoginLog(*database->store, Actor::Cli(), NowMillis());
    if (!purged) return PrintError(purged.error()), void(*exit_code = 1);
    std::cout << "已删除 " << purged->days << " 天前的登录日志 " << purged->deleted
              << " 条 / deleted " << purged->deleted << " login log entries older than "
              << purged->days << " days\n";
    *exit_code = 0;
  });
}

}  // namespace peixun::cli
