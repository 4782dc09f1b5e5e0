#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "cli/table_files.h"
#include "io/file_io.h"
#include "modules/assessment/exam_service.h"
#include "modules/assessment/results_export.h"
#include "modules/assessment/results_pdf.h"
#include "modules/org/org_import.h"
#include "modules/people/roster_export.h"

namespace peixun::cli {
namespace {

struct ExportArgs {
  std::string db = kDefaultDb;
  std::string key_file;
  std::string format;
  std::string out;
  std::string order = "stroke";
  std::string encoding = "utf-8";
  bool mask_id = false;
};

CLI::App* AddVariant(CLI::App* parent, const std::string& name, const std::string& what,
                     std::shared_ptr<ExportArgs> args) {
  auto* cmd = parent->add_subcommand(name, what);
  cmd->add_option("--db", args->db, "Database URL")->capture_default_str();
  cmd->add_option("--key-file", args->key_file, "Data key file");
  cmd->add_option("--format", args->format, "xlsx or csv (default: from --out, else xlsx)")
      ->check(CLI::IsMember({"xlsx", "csv"}));
  cmd->add_option("--out,-o", args->out, "Output file (default: " + name + ".FORMAT)");
  cmd->add_option("--encoding", args->encoding,
                  "CSV encoding: utf-8 (with BOM) or gb18030 (older Excel/WPS)")
      ->capture_default_str();
  return cmd;
}

// Resolves format and output path; false (with a message) when they disagree.
bool ResolveTarget(ExportArgs& args, const std::string& stem) {
  if (args.format.empty()) args.format = FormatOfPath(args.out);
  if (args.format.empty()) args.format = "xlsx";
  if (args.out.empty()) args.out = stem + "." + args.format;
  return true;
}

// The --encoding named, checked before anything is read or written.
Result<io::CsvEncoding> EncodingOf(const ExportArgs& args) {
  return io::CsvEncodingNamed(args.encoding, "--encoding");
}

void Write(const Result<io::Table>& table, ExportArgs& args, const std::string& sheet,
           int* exit_code) {
  if (!table) return PrintError(table.error()), void(*exit_code = 1);
  auto encoding = EncodingOf(args);
  if (!encoding) return PrintError(encoding.error()), void(*exit_code = 1);
  if (Status st = WriteTableFile(args.out, *table, args.format, sheet, *encoding); !st) {
    return PrintError(st.error()), void(*exit_code = 1);
  }
  std::cout << "已导出 " << table->rows.size() << " 行到 " << args.out << "\nexported "
            << table->rows.size() << " rows to " << args.out << "\n";
}

// `peixun export results CLASS`: the results of the class's exam (the closing one,
// its last, unless --exam names another) as xlsx/csv (results_export.h) or, with
// --pdf, the A4 成绩单 (results_pdf.h), as the operator (an admin principal).
// Exit codes: 0 ok, 1 no such class or exam, or the file cannot be written.
int RunExportResults(ExportArgs& args, int64_t class_id, int64_t exam_id, bool pdf) {
  if (auto e = EncodingOf(args); !e) return PrintError(e.error()), 1;
  auto db = OpenDatabase(args.db, args.key_file);
  if (!db) return PrintError(db.error()), 1;
  Principal operator_principal;
  operator_principal.role = Role::kAdmin;
  operator_principal.username = "cli";
  assessment::ExamService exams(*db->store);
  auto list = exams.ListForClass(operator_principal, class_id);
  if (!list) return PrintError(list.error()), 1;
  const assessment::Exam* exam = nullptr;
  for (const auto& e : *list) {
    if (exam_id == 0 || e.id == exam_id) exam = &e;
  }
  if (!exam) {
    PrintError(NotFound("assessment.exam.not_found", "该班没有这场考试",
                        "the class has no such exam", exam_id ? "--exam" : "CLASS"));
    return 1;
  }
  if (pdf) {
    if (args.out.empty()) args.out = "results.pdf";
    auto bytes = assessment::ResultsPdf(*db->store, exams, operator_principal, exam->id);
    if (!bytes) return PrintError(bytes.error()), 1;
    if (Status st = io::WriteFileAtomically(args.out, *bytes); !st) {
      return PrintError(st.error()), 1;
    }
    std::cout << "已导出成绩单到 " << args.out << "\nexported the results to " << args.out << "\n";
    return 0;
  }
  ResolveTarget(args, "results");
  int exit_code = 0;
  Write(assessment::ResultsTable(*db->store, exams, operator_principal, exam->id), args, "考试成绩",
        &exit_code);
  return exit_code;
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("export", "Export people (花名册) or organizations to xlsx/csv");
  cmd->require_subcommand(1);

  auto people_args = std::make_shared<ExportArgs>();
  auto* people_cmd = AddVariant(cmd, "people", "Export the people roster", people_args);
  people_cmd->add_option("--order", people_args->order, "stroke (姓氏笔画) or pinyin")
      ->check(CLI::IsMember({"stroke", "pinyin"}))
      ->capture_default_str();
  people_cmd->add_flag("--mask-id", people_args->mask_id, "Mask ID numbers (1101**********1234)");
  people_cmd->callback([=] {
    if (auto e = EncodingOf(*people_args); !e) return PrintError(e.error()), void(*exit_code = 1);
    auto db = OpenDatabase(people_args->db, people_args->key_file);
    if (!db) return PrintError(db.error()), void(*exit_code = 1);
    ResolveTarget(*people_args, "people");
    people::RosterExportOptions options;
    options.order =
        people_args->order == "pinyin" ? people::NameOrder::kPinyin : people::NameOrder::kStroke;
    options.mask_id_numbers = people_args->mask_id;
    options.actor = Actor::Cli();
    Write(people::ExportRoster(*db->store, db->key, options), *people_args, "花名册", exit_code);
  });

  auto org_args = std::make_shared<ExportArgs>();
  AddVariant(cmd, "orgs", "Export the organization tree", org_args)->callback([=] {
    if (auto e = EncodingOf(*org_args); !e) return PrintError(e.error()), void(*exit_code = 1);
    auto db = OpenDatabase(org_args->db, org_args->key_file);
    if (!db) return PrintError(db.error()), void(*exit_code = 1);
    ResolveTarget(*org_args, "orgs");
    Write(org::ExportOrgs(*db->store), *org_args, "单位", exit_code);
  });

  auto results_args = std::make_shared<ExportArgs>();
  auto class_id = std::make_shared<int64_t>(0);
  auto exam_id = std::make_shared<int64_t>(0);
  auto pdf = std::make_shared<bool>(false);
  auto* results_cmd = AddVariant(
      cmd, "results",
      "Export the exam results of CLASS (scores in 姓氏笔画 order, item statistics): xlsx, csv "
      "or --pdf",
      results_args);
  results_cmd->add_option("CLASS", *class_id, "The class id")
      ->required()
      ->check(CLI::PositiveNumber);
  results_cmd->add_option("--exam", *exam_id, "The exam id (default: the class's last exam)");
  results_cmd->add_flag("--pdf", *pdf,
                        "Write the A4 PDF 成绩单 instead (default out: results.pdf)");
  results_cmd->callback(
      [=] { *exit_code = RunExportResults(*results_args, *class_id, *exam_id, *pdf); });
}

}  // namespace peixun::cli
