// `peixun audit verify` and `peixun audit list`: the operator's view of the audit
// log (modules/audit). Exit codes: 0 ok, 1 cannot open or read the database,
// 3 the chain is broken (verify).
#include <ctime>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/database.h"
#include "cli/operator_principal.h"
#include "modules/audit/audit_query.h"
#include "modules/audit/audit_verify.h"

namespace peixun::cli {
namespace {

constexpr int kExitBroken = 3;
// Entries are shown in China Standard Time (UTC+8, no daylight saving).
constexpr int64_t kChinaOffsetSeconds = 8 * 3600;

std::string FormatChinaTime(int64_t at_ms) {
  const std::time_t seconds = static_cast<std::time_t>(at_ms / 1000 + kChinaOffsetSeconds);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  std::ostringstream out;
  out << std::put_time(&tm, "%Y-%m-%d %H:%M:%S");
  return out.str();
}

int RunVerify(const std::string& db, const std::string& key_file) {
  auto database = OpenDatabase(db, key_file);
  if (!database) return PrintError(database.error()), 1;
  auto report = audit::VerifyChain(*database->store, OperatorPrincipal());
  if (!report) return PrintError(report.error()), 1;
  if (report->ok) {
    std::cout << "审计日志完整：" << report->entries
              << " 条 / audit log intact: " << report->entries << " entries\n"
              << "最新哈希 / head hash: " << report->last_hash << "\n";
    if (report->erased > 0) {
      std::cout << "其中 " << report->erased << " 条的个人信息已删除（有删除记录担保） / "
                << report->erased << " of them had personal values erased (vouched for)\n";
    }
    return 0;
  }
  std::cout << "审计日志已被篡改：条目 " << *report->first_bad_id << " — " << report->message
            << "\naudit log tampered: entry " << *report->first_bad_id << " (" << report->reason
            << ") — " << report->message_en << "\n"
            << "此前完好 / intact before it: " << report->entries << "\n";
  return kExitBroken;
}

int RunList(const std::string& db, const std::string& key_file, int64_t limit) {
  auto database = OpenDatabase(db, key_file);
  if (!database) return PrintError(database.error()), 1;
  audit::AuditQuery query;
  query.limit = limit;
  auto page = audit::ListEntries(*database->store, OperatorPrincipal(), query);
  if (!page) return PrintError(page.error()), 1;
  std::cout << "共 " << page->total << " 条，显示最新 " << page->items.size() << " 条 / "
            << page->total << " entries, newest " << page->items.size() << " shown (UTC+8)\n";
  for (const audit::AuditRecord& r : page->items) {
    std::cout << "#" << r.id << "  " << FormatChinaTime(r.at) << "  " << r.actor_name;
    if (!r.remote_address.empty()) std::cout << "@" << r.remote_address;
    std::cout << "  " << r.action << "  " << r.entity;
    if (r.entity_id) std::cout << "#" << *r.entity_id;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

void AddAuditCommand(CLI::App& app, int* exit_code) {
  auto* audit = app.add_subcommand("audit", "Check or show the audit log");
  audit->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto limit = std::make_shared<int64_t>(20);

  auto* verify = audit->add_subcommand(
      "verify",
      "Recompute the audit log's hash chain; exit 3 at the first edited or deleted entry");
  verify->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  verify->add_option("--key-file", *key_file,
                     "Data key file (default: PATH.key beside a SQLite file)");
  verify->callback([=] { *exit_code = RunVerify(*db, *key_file); });

  auto* list = audit->add_subcommand("list", "Print the newest audit entries");
  list->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  list->add_option("--key-file", *key_file,
                   "Data key file (default: PATH.key beside a SQLite file)");
  list->add_option("--limit", *limit, "How many entries")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, audit::kMaxQueryLimit));
  list->callback([=] { *exit_code = RunList(*db, *key_file, *limit); });
}

}  // namespace peixun::cli
