// The audit log's entry points for a user: reading the log and verifying its
// chain are for administrators, whoever the transport (route, CLI, job).
#include "core/role_guard.h"
#include "modules/audit/audit_query.h"
#include "modules/audit/audit_verify.h"

namespace peixun::audit {

Result<AuditPage> ListEntries(store::Store& store, const Principal& who, const AuditQuery& query) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return ListEntries(store, query);
}

Result<VerifyReport> VerifyChain(store::Store& store, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return VerifyChain(store);
}

}  // namespace peixun::audit
