#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "cli/table_files.h"
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
}

}  // namespace peixun::cli
