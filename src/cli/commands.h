// The CLI's verbs. Each Add*Command registers one verb (with --help) on the app;
// its handler is thin and calls the same module services as the HTTP API.
// The verb's exit code is stored in *exit_code.
#pragma once

#include <CLI/CLI.hpp>

namespace peixun::cli {

void AddInitCommand(CLI::App& app, int* exit_code);
void AddImportCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);
void AddDemoCommand(CLI::App& app, int* exit_code);
void AddServeCommand(CLI::App& app, int* exit_code);
void AddUserCommand(CLI::App& app, int* exit_code);
void AddBackupCommands(CLI::App& app, int* exit_code);
void AddAuditCommand(CLI::App& app, int* exit_code);
void AddOpenApiCommand(CLI::App& app, int* exit_code);
void AddCertificatesCommand(CLI::App& app, int* exit_code);
void AddLedgerCommand(CLI::App& app, int* exit_code);
void AddPrivacyCommand(CLI::App& app, int* exit_code);
void AddCheckCommand(CLI::App& app, int* exit_code);

}  // namespace peixun::cli
