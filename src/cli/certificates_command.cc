// `peixun certificates issue CLASS`: issues a 结业证书 to every trainee of the class
// decided as completed who has no valid one, printing progress, as the operator (an
// admin principal, user 0). The same service as POST /api/v1/classes/{id}/certificates/batch.
// Exit codes: 0 ok, 1 cannot open the database or the class cannot be issued.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/database.h"
#include "modules/certificates/certificate_service.h"

namespace peixun::cli {
namespace {

int RunIssue(const std::string& db, const std::string& key_file, int64_t class_id) {
  auto database = OpenDatabase(db, key_file);
  if (!database) return PrintError(database.error()), 1;
  certificates::CertificateService service(*database->store);
  Principal operator_principal;
  operator_principal.role = Role::kAdmin;
  operator_principal.username = "cli";
  auto issued = service.IssueClass(operator_principal, class_id, [](int done, int total) {
    std::cout << "\r颁发证书 / issuing certificates: " << done << "/" << total << std::flush;
  });
  std::cout << "\n";
  if (!issued) return PrintError(issued.error()), 1;
  std::cout << "新颁发 " << *issued << " 份 / " << *issued << " issued\n";
  return 0;
}

}  // namespace

void AddCertificatesCommand(CLI::App& app, int* exit_code) {
  auto* certs = app.add_subcommand("certificates", "结业证书 (completion certificates)");
  certs->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto key_file = std::make_shared<std::string>();
  auto class_id = std::make_shared<int64_t>(0);
  auto* issue = certs->add_subcommand(
      "issue", "Issue a certificate to every completed trainee of CLASS without a valid one");
  issue->add_option("CLASS", *class_id, "The class id")->required()->check(CLI::PositiveNumber);
  issue->add_option("--db", *db, "Database URL: sqlite:PATH or postgresql://…")
      ->capture_default_str();
  issue->add_option("--key-file", *key_file,
                    "Data key file (default: PATH.key beside a SQLite file)");
  issue->callback([=] { *exit_code = RunIssue(*db, *key_file, *class_id); });
}

}  // namespace peixun::cli
