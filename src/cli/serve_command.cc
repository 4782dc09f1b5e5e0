#include <iostream>
#include <memory>

#include "app/run_server.h"
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
  auto second_factor = std::make_shared<std::string>("required");
  cmd->add_option("--second-factor", *second_factor,
                  "required: admins and organizers must use TOTP at login; optional: nobody must")
      ->check(CLI::IsMember({"required", "optional"}))
      ->capture_default_str();
  cmd->callback([=] {
    options->second_factor_required = *second_factor == "required";
    io::SetMaxImportRows(*max_import_rows);
    io::ReturnLargeBlocksAtOnce();  // uploads of many MB must not stay in the heap
    auto database = OpenDatabase(*db, *key_file);
    if (!database) return PrintError(database.error()), void(*exit_code = 1);
    *exit_code = app::RunServer(std::move(database->store), database->key, *options);
  });
}

}  // namespace peixun::cli
