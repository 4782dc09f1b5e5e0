#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "store/backup.h"

namespace peixun::cli {

void AddBackupCommands(CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto file = std::make_shared<std::string>();

  auto* backup =
      app.add_subcommand("backup", "Copy a live SQLite database to FILE (online backup)");
  backup->add_option("--db", *db, "Database URL")->capture_default_str();
  backup->add_option("FILE", *file, "Backup file to write")->required();
  backup->callback([=] {
    if (Status st = store::BackupDatabase(*db, *file); !st) {
      return PrintError(st.error()), void(*exit_code = 1);
    }
    std::cout << "已备份到 / backed up to " << *file
              << "\n请同时妥善保存密钥文件 / keep the key file safe too\n";
  });

  auto* restore = app.add_subcommand("restore", "Replace a SQLite database with a backup FILE");
  restore->add_option("--db", *db, "Database URL")->capture_default_str();
  restore->add_option("FILE", *file, "Backup file to read")->required();
  restore->callback([=] {
    if (Status st = store::RestoreDatabase(*db, *file); !st) {
      return PrintError(st.error()), void(*exit_code = 1);
    }
    std::cout << "已从 " << *file << " 恢复 / restored from " << *file << "\n";
  });
}

}  // namespace peixun::cli
