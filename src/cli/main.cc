// peixun: one binary for the server, the demo and the operator's verbs.
#include <iostream>

#include "cli/commands.h"
#include "cli/login_log_command.h"

int main(int argc, char** argv) {
  CLI::App app{"peixun 培训 — runs in-person training classes from plan to certificate"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("peixun ") + PEIXUN_VERSION);
  int exit_code = 0;
  peixun::cli::AddInitCommand(app, &exit_code);
  peixun::cli::AddImportCommand(app, &exit_code);
  peixun::cli::AddExportCommand(app, &exit_code);
  peixun::cli::AddDemoCommand(app, &exit_code);
  peixun::cli::AddServeCommand(app, &exit_code);
  peixun::cli::AddUserCommand(app, &exit_code);
  peixun::cli::AddBackupCommands(app, &exit_code);
  peixun::cli::AddAuditCommand(app, &exit_code);
  peixun::cli::AddOpenApiCommand(app, &exit_code);
  peixun::cli::AddCertificatesCommand(app, &exit_code);
  peixun::cli::AddLedgerCommand(app, &exit_code);
  peixun::cli::AddPrivacyCommand(app, &exit_code);
  peixun::cli::AddCheckCommand(app, &exit_code);
  peixun::cli::AddLoginLogCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (app.get_subcommands().empty()) {
    std::cout << app.help();
    return 0;
  }
  return exit_code;
}
