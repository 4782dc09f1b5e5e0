#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "modules/auth/user_service.h"

namespace peixun::cli {

void AddUserCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("user", "Manage login accounts from the command line");
  cmd->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto username = std::make_shared<std::string>();
  auto* reset = cmd->add_subcommand("reset-password", "Set a new generated password (shown once)");
  reset->add_option("USERNAME", *username, "Account to reset")->required();
  reset->add_option("--db", *db, "Database URL")->capture_default_str();
  reset->add_option("--key-file", *key_file, "Data key file");
  reset->callback([=] {
    auto database = OpenDatabase(*db, *key_file);
    if (!database) return PrintError(database.error()), void(*exit_code = 1);
    auto password = auth::ResetPasswordByUsername(*database->store, *username);
    if (!password) return PrintError(password.error()), void(*exit_code = 1);
    std::cout << *username << ": " << *password << "\n";
  });
}

}  // namespace peixun::cli
