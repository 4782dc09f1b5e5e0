// `peixun ledger export --year Y [--out FILE] [--full-id-numbers]`: the yearly hours
// report sent upward (records/ledger_service.h YearExport: name, ID number, unit,
// rank, class, dates, 学时, certificate serial), as the operator, audited. ID
// numbers are masked unless --full-id-numbers. A year after the current one is an
// error (records.year.future).
// `peixun ledger rebuild`: recomputes the hours summary (LedgerService::RebuildSummary).
// Exit codes: 0 ok, 1 cannot open the database, bad year, or cannot write the file.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "cli/table_files.h"
#include "modules/records/ledger_service.h"

namespace peixun::cli {
namespace {

int RunExport(const std::string& db, const std::string& key_file, int year, std::string out,
              bool full_ids) {
  auto database = OpenDatabase(db, key_file);
  if (!database) return PrintError(database.error()), 1;
  records::LedgerService ledger(*database->store, database->key);
  auto table = ledger.YearExportAsSystem(year, full_ids);
  if (!table) return PrintError(table.error()), 1;
  if (out.empty()) out = std::to_string(year) + "年学时上报.xlsx";
  const std::string format = FormatOfPath(out);
  if (format.empty()) {
    return PrintError(Invalid("cli.out.format", "输出文件须为 .xlsx 或 .csv：" + out,
                              "the output file must be .xlsx or .csv: " + out, "--out")),
           1;
  }
  if (Status written = WriteTableFile(out, *table, format, "学时上报"); !written) {
    return PrintError(written.error()), 1;
  }
  std::cout << out << ": " << table->rows.size() << " 行 / rows\n";
  return 0;
}

int RunRebuild(const std::string& db, const std::string& key_file) {
  auto database = OpenDatabase(db, key_file);
  if (!database) return PrintError(database.error()), 1;
  records::LedgerService ledger(*database->store, database->key);
  auto counts = ledger.RebuildSummary();
  if (!counts) return PrintError(counts.error()), 1;
  std::cout << "学时汇总已重建 / hours summary rebuilt: " << counts->classes << " classes, "
            << counts->credits << " credits, " << counts->year_rows << " person-years\n";
  return 0;
}

}  // namespace

void AddLedgerCommand(CLI::App& app, int* exit_code) {
  auto* ledger = app.add_subcommand("ledger", "学时台账 (the hours ledger)");
  ledger->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto year = std::make_shared<int>(0);
  auto out = std::make_shared<std::string>();
  auto full = std::make_shared<bool>(false);
  auto* exp = ledger->add_subcommand(
      "export", "Write the year's hours report (one row per class or outside study) to a file");
  exp->add_option("--year", *year, "The year, e.g. 2025 (not after this year)")->required();
  exp->add_option("--out", *out, "Output file, .xlsx or .csv (default: <year>年学时上报.xlsx)");
  exp->add_flag("--full-id-numbers", *full, "Write ID numbers in full (default: masked)");
  exp->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  exp->add_option("--key-file", *key_file,
                  "Data key file (default: PATH.key beside a SQLite file)");
  exp->callback([=] { *exit_code = RunExport(*db, *key_file, *year, *out, *full); });
  auto* rebuild = ledger->add_subcommand(
      "rebuild",
      "Recompute the hours summary the ledger reads (after data written around the services)");
  rebuild->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  rebuild->add_option("--key-file", *key_file,
                      "Data key file (default: PATH.key beside a SQLite file)");
  rebuild->callback([=] { *exit_code = RunRebuild(*db, *key_file); });
}

}  // namespace peixun::cli
