// `peixun backup`, `peixun backup --verify` and `peixun restore` (backup_set.h).
// Exit codes: 0 ok, 1 refused or failed (the message says why).
#include <iostream>
#include <memory>

#include "cli/backup_set.h"
#include "cli/commands.h"
#include "cli/database.h"

namespace peixun::cli {
namespace {

Error NoPassphrase() {
  return Invalid("backup.passphrase_missing",
                 "需要备份口令：用 --passphrase-file 指定口令文件，或设置环境变量 "
                 "PEIXUN_BACKUP_PASSPHRASE",
                 "a backup passphrase is needed: pass --passphrase-file or set "
                 "PEIXUN_BACKUP_PASSPHRASE",
                 "--passphrase-file");
}

void PrintReport(const BackupReport& r) {
  for (const auto& [table, n] : r.rows) std::cout << "  " << table << "\t" << n << "\n";
  std::cout << "审计日志完整 / audit chain intact: " << r.audit_entries << "\n";
  std::cout << (r.key_opened ? "密钥可用 / key opens and fits\n"
                             : "密钥文件在，未用口令打开 / key file present, not opened "
                               "(give --passphrase-file to check it)\n");
}

}  // namespace

void AddBackupCommands(CLI::App& app, int* exit_code) {
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto passphrase_file = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto verify = std::make_shared<bool>(false);

  auto* backup = app.add_subcommand(
      "backup",
      "Copy a live SQLite database to FILE (online backup) and its key, sealed with a "
      "passphrase, to FILE.key; --verify checks such a backup");
  backup->add_option("--db", *db, "Database URL")->capture_default_str();
  backup->add_option("--key-file", *key_file, "Data key file");
  backup->add_option("--passphrase-file", *passphrase_file,
                     "File whose first line is the backup passphrase (else "
                     "PEIXUN_BACKUP_PASSPHRASE)");
  backup->add_flag("--verify", *verify,
                   "Check backup FILE instead: sound, current schema, audit chain, key present "
                   "(and opening, given the passphrase); print its row counts");
  backup->add_option("FILE", *file, "Backup file to write (or to check)")->required();
  backup->callback([=] {
    auto passphrase = ReadPassphrase(*passphrase_file);
    if (!passphrase) return PrintError(passphrase.error()), void(*exit_code = 1);
    if (*verify) {
      auto report = VerifyBackupSet(*file, *passphrase);
      if (!report) return PrintError(report.error()), void(*exit_code = 1);
      std::cout << "备份完好 / backup sound: " << *file << "\n";
      PrintReport(*report);
      return;
    }
    if (!*passphrase) return PrintError(NoPassphrase()), void(*exit_code = 1);
    if (Status st = WriteBackupSet(*db, *key_file, *file, **passphrase); !st) {
      return PrintError(st.error()), void(*exit_code = 1);
    }
    std::cout << "已备份到 / backed up to " << *file << "\n密钥已用口令封存到 / key sealed to "
              << SealedKeyPath(*file) << "\n请两个文件一起保存，口令另行保管 / keep both files "
              << "together and the passphrase apart\n";
  });

  auto* restore = app.add_subcommand(
      "restore", "Replace a SQLite database with backup FILE and put its key file beside it");
  restore->add_option("--db", *db, "Database URL")->capture_default_str();
  restore->add_option("--key-file", *key_file, "Where to write the data key file");
  restore->add_option("--passphrase-file", *passphrase_file,
                      "File whose first line is the backup passphrase (else "
                      "PEIXUN_BACKUP_PASSPHRASE)");
  restore->add_option("FILE", *file, "Backup file to read (FILE.key beside it)")->required();
  restore->callback([=] {
    auto passphrase = ReadPassphrase(*passphrase_file);
    if (!passphrase) return PrintError(passphrase.error()), void(*exit_code = 1);
    if (!*passphrase) return PrintError(NoPassphrase()), void(*exit_code = 1);
    auto report = RestoreBackupSet(*db, *key_file, *file, **passphrase);
    if (!report) return PrintError(report.error()), void(*exit_code = 1);
    std::cout << "已从 " << *file << " 恢复 / restored from " << *file << "\n";
    PrintReport(*report);
  });
}

}  // namespace peixun::cli
