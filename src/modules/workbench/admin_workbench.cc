// The admin's start page: the users by role, the audit chain's state, the
// server's health and the last scheduled backup (`peixun serve --backup-dir`
// records it in settings::kLastBackup; `peixun backup` by hand records nothing).
#include <nlohmann/json.hpp>
#include "core/principal.h"
#include "modules/audit/audit_verify.h"

#include "modules/auth/user_service.h"
#include "modules/settings/settings.h"
#include "modules/workbench/internal/workbench_access.h"
#include "modules/workbench/workbench.h"

namespace peixun::workbench {

Result<AdminWorkbench> WorkbenchService::Admin(const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  const int64_t now = now_ms_();
  AdminWorkbench out;
  auth::UserService users(store_);
  for (Role role : kAllRoles) {
    auth::UserQuery q;
    q.role = role;
    q.limit = 1;
    PEIXUN_ASSIGN_OR_RETURN(auth::UserPage page, users.List(q));
    out.users_by_role.push_back({std::string(RoleCode(role)), page.total});
    out.users += page.total;
  }
  PEIXUN_ASSIGN_OR_RETURN(audit::VerifyReport report, audit::VerifyChain(store_));
  out.audit_ok = report.ok;
  out.audit_entries = report.entries;
  out.audit_first_bad_id = report.first_bad_id;
  out.audit_reason = report.reason;
  out.audit_last_hash = report.last_hash;
  out.db_kind = store_.dialect() == store::Dialect::kPostgres ? "postgresql" : "sqlite";
  out.version = facts_.version;
  out.started_ms = facts_.started_ms;
  out.uptime_s = facts_.started_ms > 0 ? (now - facts_.started_ms) / 1000 : 0;
  PEIXUN_ASSIGN_OR_RETURN(std::optional<std::string> last,
                          store::ReadValue<std::optional<std::string>>(store_, [](store::Tx& tx) {
                            return settings::GetIn(tx, settings::kLastBackup);
                          }));
  const nlohmann::json backup =
      last ? nlohmann::json::parse(*last, nullptr, false) : nlohmann::json();
  if (backup.is_object() && backup.value("at", int64_t{0}) > 0) {
    out.backup_state = backup.value("ok", false) ? "ok" : "failed";
    out.backup_at = backup.value("at", int64_t{0});
    out.backup_file = backup.value("file", "");
    out.backup_message = backup.value("message", "");
  }
  return out;
}

}  // namespace peixun::workbench
