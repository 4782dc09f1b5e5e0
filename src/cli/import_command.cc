#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/database.h"
#include "cli/operator_principal.h"
#include "cli/table_files.h"
#include "core/clock.h"
#include "io/progress.h"
#include "io/rejected_rows.h"
#include "modules/assessment/question_bank_service.h"
#include "modules/assessment/question_import.h"
#include "modules/org/org_for_user.h"
#include "modules/org/org_import.h"
#include "modules/people/roster_import.h"
#include "modules/records/outside_import.h"

namespace peixun::cli {
namespace {

struct ImportArgs {
  std::string db = kDefaultDb;
  std::string key_file;
  std::string file;
  std::string rejected_file;
  bool dry_run = false;
  bool skip_bad_rows = false;
  int64_t max_rows = 0;  // 0: io::kDefaultMaxImportRows
};

// The rejected-rows file gives every bad row its reasons, so its import lists every
// error; the terminal shows the first ones only.
ImportOptions OptionsOf(const ImportArgs& args) {
  ImportOptions options{args.dry_run, args.skip_bad_rows};
  if (args.skip_bad_rows) options.max_listed_errors = SIZE_MAX;
  return options;
}

io::ReadOptions ReadOptionsOf(const ImportArgs& args) {
  io::ReadOptions options;
  options.max_rows = args.max_rows;
  return options;
}

void PrintReport(const ImportReport& report) {
  for (const auto& w : report.warnings) std::cerr << "提示：" << w << "\n";
  size_t printed = 0;
  for (const RowError& e : report.errors) {
    if (printed++ == kDefaultListedErrors) break;
    std::cerr << "第 " << e.row << " 行";
    if (!e.column.empty()) std::cerr << "，" << e.column;
    std::cerr << "：" << e.error.message << "  [row " << e.row << ", " << e.error.code << "]\n";
  }
  const int64_t unlisted =
      report.errors_omitted + static_cast<int64_t>(report.errors.size()) -
      static_cast<int64_t>(std::min(report.errors.size(), kDefaultListedErrors));
  if (unlisted > 0) {
    std::cerr << "……另有 " << unlisted << " 个错误未列出 / " << unlisted
              << " more errors not listed:";
    for (const auto& [code, n] : report.error_counts) std::cerr << " " << code << " ×" << n;
    std::cerr << "\n";
  }
  std::cout << "读取 " << report.total_rows << " 行，导入 " << report.imported << " 行，错误 "
            << report.rejected_rows.size() << " 行" << (report.dry_run ? "（试运行，未写入）" : "")
            << "\nread " << report.total_rows << " rows, imported " << report.imported
            << ", rejected " << report.rejected_rows.size() << (report.dry_run ? " (dry run)" : "")
            << "\n";
}

std::string DefaultRejectedPath(const std::string& file) {
  const size_t dot = file.rfind('.');
  return (dot == std::string::npos ? file : file.substr(0, dot)) + ".rejected" +
         (dot == std::string::npos ? ".csv" : file.substr(dot));
}

CLI::App* AddVariant(CLI::App* parent, const std::string& name, const std::string& what,
                     std::shared_ptr<ImportArgs> args) {
  auto* cmd = parent->add_subcommand(name, what);
  cmd->add_option("FILE", args->file, ".xlsx or .csv file (UTF-8 or GB18030)")->required();
  cmd->add_option("--db", args->db, "Database URL")->capture_default_str();
  cmd->add_option("--key-file", args->key_file, "Data key file");
  cmd->add_flag("--dry-run", args->dry_run, "Check every row, write nothing");
  cmd->add_flag("--skip-bad-rows", args->skip_bad_rows,
                "Import the good rows; write the bad ones with reasons to --rejected-file");
  cmd->add_option("--rejected-file", args->rejected_file,
                  "Where --skip-bad-rows writes rejected rows (default FILE.rejected.EXT)");
  cmd->add_option("--max-rows", args->max_rows,
                  "Most data rows a file may have (default " +
                      std::to_string(io::kDefaultMaxImportRows) + ")")
      ->check(CLI::PositiveNumber);
  return cmd;
}

void Finish(const Result<ImportReport>& report, const io::Table& table, const ImportArgs& args,
            int* exit_code, bool write_rejected) {
  if (!report) {
    PrintError(report.error());
    *exit_code = 1;
    return;
  }
  PrintReport(*report);
  if (!report->ok() && args.skip_bad_rows && write_rejected) {
    const std::string path =
        args.rejected_file.empty() ? DefaultRejectedPath(args.file) : args.rejected_file;
    std::string format = FormatOfPath(path);
    if (format.empty()) format = "csv";
    if (Status st = WriteTableFile(path, io::RejectedRowsTable(table, *report), format, "rejected");
        !st) {
      PrintError(st.error());
    } else {
      std::cout << "错误行已写入 / rejected rows written to: " << path << "\n";
    }
  }
  if (!report->ok() && !args.skip_bad_rows) {
    std::cerr << "文件有错误，未导入任何数据 / the file has errors; nothing was imported\n";
  }
  *exit_code = report->ok() ? 0 : 2;
}

// The CLI acts as an administrator of the machine it runs on (audited as "cli").
Principal CliPrincipal() { return OperatorPrincipal(); }

// The bank named `name` (made when missing).
Result<int64_t> BankNamed(store::Store& store, const std::string& name) {
  assessment::QuestionBankService banks(store);
  PEIXUN_ASSIGN_OR_RETURN(auto all, banks.ListBanks(CliPrincipal()));
  for (const auto& b : all) {
    if (b.name == name) return b.id;
  }
  PEIXUN_ASSIGN_OR_RETURN(auto made, banks.CreateBank(CliPrincipal(), name, ""));
  std::cout << "新建题库 / created bank: " << made.name << " (" << made.id << ")\n";
  return made.id;
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand(
      "import", "Import people (花名册), organizations, questions or outside hours from xlsx/csv");
  cmd->require_subcommand(1);

  auto people_args = std::make_shared<ImportArgs>();
  AddVariant(cmd, "people", "Import a people roster", people_args)->callback([=] {
    auto db = OpenDatabase(people_args->db, people_args->key_file);
    if (!db) return PrintError(db.error()), void(*exit_code = 1);
    auto table = ReadTableFile(people_args->file, ReadOptionsOf(*people_args));
    if (!table) return PrintError(table.error()), void(*exit_code = 1);
    // Made before the import, so its clock covers the checks and the writing; the
    // total is known once the rows are checked.
    io::ProgressBar bar("导入 import", 0);
    // As the operator (CliPrincipal), so the import passes the same check as the route's.
    auto report = people::ImportRoster(*db->store, db->key, *table, OptionsOf(*people_args),
                                       CliPrincipal(), [&](int64_t done, int64_t total) {
                                         bar.SetTotal(total);
                                         bar.Update(done);
                                         if (done == total) bar.Finish();
                                       });
    Finish(report, *table, *people_args, exit_code, true);
  });

  auto org_args = std::make_shared<ImportArgs>();
  AddVariant(cmd, "orgs", "Import organization units (单位名称, 上级单位, 单位类型)", org_args)
      ->callback([=] {
        auto db = OpenDatabase(org_args->db, org_args->key_file);
        if (!db) return PrintError(db.error()), void(*exit_code = 1);
        auto table = ReadTableFile(org_args->file, ReadOptionsOf(*org_args));
        if (!table) return PrintError(table.error()), void(*exit_code = 1);
        auto report = org::ImportOrgs(*db->store, *table, OptionsOf(*org_args), CliPrincipal());
        Finish(report, *table, *org_args, exit_code, true);
      });

  auto question_args = std::make_shared<ImportArgs>();
  auto bank_name = std::make_shared<std::string>("题库");
  auto* questions = AddVariant(
      cmd, "questions",
      "Import questions into a bank (题型, 题干, 选项A…, 答案, 分值, 多选计分, 标签, 解析)",
      question_args);
  questions->add_option("--bank", *bank_name, "Name of the question bank (made when missing)")
      ->capture_default_str();
  questions->callback([=] {
    auto db = OpenDatabase(question_args->db, question_args->key_file);
    if (!db) return PrintError(db.error()), void(*exit_code = 1);
    auto table = ReadTableFile(question_args->file, ReadOptionsOf(*question_args));
    if (!table) return PrintError(table.error()), void(*exit_code = 1);
    auto bank = BankNamed(*db->store, *bank_name);
    if (!bank) return PrintError(bank.error()), void(*exit_code = 1);
    auto report = assessment::ImportQuestions(*db->store, CliPrincipal(), *bank, *table,
                                              OptionsOf(*question_args), NowMillis());
    Finish(report, *table, *question_args, exit_code, true);
  });

  auto outside_args = std::make_shared<ImportArgs>();
  auto approve = std::make_shared<bool>(false);
  auto* outside = AddVariant(cmd, "outside-hours",
                             "Import outside hours (人员编号 or 身份证号, 姓名, 类别, 培训名称, "
                             "主办单位, 开始日期, 结束日期, 学时 or 天数, 证明编号)",
                             outside_args);
  outside->add_flag("--approve", *approve, "Approve the imported rows at once (audited as cli)");
  outside->callback([=] {
    auto db = OpenDatabase(outside_args->db, outside_args->key_file);
    if (!db) return PrintError(db.error()), void(*exit_code = 1);
    auto table = ReadTableFile(outside_args->file, ReadOptionsOf(*outside_args));
    if (!table) return PrintError(table.error()), void(*exit_code = 1);
    records::OutsideImportOptions options;
    options.rows = OptionsOf(*outside_args);
    options.approve = *approve;
    auto report = records::ImportOutsideHours(*db->store, db->key, CliPrincipal(), *table, options,
                                              NowMillis());
    Finish(report, *table, *outside_args, exit_code, true);
  });
}

}  // namespace peixun::cli
