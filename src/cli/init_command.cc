#include <iostream>

#include "cli/commands.h"
#include "cli/database.h"
#include "modules/auth/user_service.h"
#include "store/migration.h"

namespace peixun::cli {

void AddInitCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("init", "Create or upgrade a database and its key file");
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  cmd->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  cmd->add_option("--key-file", *key_file,
                  "Data key file (default: PATH.key beside a SQLite file)");
  cmd->callback([=] {
    auto database = InitDatabase(*db, *key_file);
    if (!database) {
      PrintError(database.error());
      *exit_code = 1;
      return;
    }
    auto version = store::SchemaVersion(*database->store);
    std::cout << "数据库已就绪 / database ready: " << database->store->DisplayUrl() << " (schema "
              << (version ? *version : 0) << ")\n";
    auto admin = auth::EnsureFirstAdmin(*database->store, "admin");
    if (!admin) {
      PrintError(admin.error());
      *exit_code = 1;
      return;
    }
    if (*admin) {
      std::cout << "首个管理员账号（密码只显示这一次）/ first admin (password shown once):\n"
                << "admin: admin " << **admin << "\n";
    }
  });
}

}  // namespace peixun::cli
