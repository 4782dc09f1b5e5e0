#include <iostream>
#include <memory>

#include "app/run_server.h"
#include "cli/backup_schedule.h"
#include "cli/backup_set.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "io/heap_trim.h"
#include "io/table.h"

namespace peixun::cli {

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("serve", "Serve the web app and the HTTP API");
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto options = std::make_shared<app::ServeOptions>();
  cmd->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  cmd->add_option("--key-file", *key_file, "Data key file");
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on")->capture_default_str();
  cmd->add_option("--web-root", options->web_root, "Folder of the built web app (web/dist)");
  cmd->add_option("--threads", options->io_threads, "Network threads (0: one per core)");
  cmd->add_option("--workers", options->worker_threads, "Threads that run requests")
      ->capture_default_str();
  auto max_import_rows = std::make_shared<int64_t>(io::kDefaultMaxImportRows);
  cmd->add_option("--max-import-rows", *max_import_rows, "Most data rows an uploaded file may have")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  // Scheduled backups (backup_schedule.h), SQLite only; off without --backup-dir.
  auto schedule = std::make_shared<BackupSchedule>();
  auto backup_passphrase_file = std::make_shared<std::string>();
  schedule->every_seconds = 24 * 3600;
  cmd->add_option("--backup-dir", schedule->dir,
                  "Folder for scheduled backups (SQLite); none: no scheduled backups");
  cmd->add_option("--backup-interval", schedule->every_seconds, "Seconds between backups")
      ->capture_default_str();
  cmd->add_option("--backup-keep", schedule->keep, "Backups kept (the newest)")
      ->capture_default_str();
  cmd->add_option("--backup-passphrase-file", *backup_passphrase_file,
                  "File whose first line seals the key in each backup (else "
                  "PEIXUN_BACKUP_PASSPHRASE)");
  auto second_factor = std::make_shared<std::string>("required");
  cmd->add_option("--second-factor", *second_factor,
                  "required: admins and organizers must use TOTP at login; optional: nobody must")
      ->check(CLI::IsMember({"required", "optional"}))
      ->capture_default_str();
  cmd->add_option("--trusted-proxy", options->trusted_proxies,
                  "Reverse proxies (ADDR or CIDR, comma-separated) whose X-Forwarded-For and "
                  "X-Forwarded-Proto are believed; from anyone else both are ignored");
  auto cookie_secure = std::make_shared<std::string>("auto");
  cmd->add_option("--cookie-secure", *cookie_secure,
                  "auto: Secure cookies when the request came over https (X-Forwarded-Proto "
                  "from a trusted proxy); always: every request counts as https")
      ->check(CLI::IsMember({"auto", "always"}))
      ->capture_default_str();
  cmd->callback([=] {
    options->second_factor_required = *second_factor == "required";
    options->always_https = *cookie_secure == "always";
    std::unique_ptr<BackupScheduler> scheduler;
    if (!schedule->dir.empty()) {
      schedule->url = *db;
      schedule->key_file = *key_file;
      auto passphrase = ReadPassphrase(*backup_passphrase_file);
      if (!passphrase) return PrintError(passphrase.error()), void(*exit_code = 1);
      schedule->passphrase = passphrase->value_or("");
      if (Status st = CheckSchedule(*schedule); !st) {
        return PrintError(st.error()), void(*exit_code = 1);
      }
      scheduler = std::make_unique<BackupScheduler>(*schedule);
    }
    io::SetMaxImportRows(*max_import_rows);
    io::ReturnLargeBlocksAtOnce();  // uploads of many MB must not stay in the heap
    auto database = OpenDatabase(*db, *key_file);
    if (!database) return PrintError(database.error()), void(*exit_code = 1);
    if (scheduler) scheduler->Start();
    *exit_code = app::RunServer(std::move(database->store), database->key, *options);
    if (scheduler) scheduler->Stop();
  });
}

}  // namespace peixun::cli
