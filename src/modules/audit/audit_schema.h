// Tables owned by the audit module: audit_log (append-only, hash-chained; see
// audit_record.h for the chain and audit_log.h for the only writer).
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::audit {

std::vector<store::Migration> AuditMigrations();

}  // namespace peixun::audit
