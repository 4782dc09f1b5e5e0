// The whole database's integrity, as `peixun check` and bench/crash see it: the
// storage (store/integrity.h: PRAGMA integrity_check on SQLite, amcheck on
// PostgreSQL) and the audit log's hash chain (audit_verify.h).
// Thread-safe (uses only the Store).
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "modules/audit/audit_verify.h"
#include "store/integrity.h"
#include "store/store.h"

namespace peixun::audit {

struct IntegrityVerdict {
  bool ok = true;
  // The storage check's report when it passed; its error (store.integrity, naming
  // the broken index or page) when it did not.
  std::optional<store::IntegrityReport> storage;
  std::optional<Error> storage_error;
  VerifyReport chain;
  // One line per failure, zh-CN and en, e.g. "审计日志条目 42 被改动（edited）".
  std::string message;
  std::string message_en;
};

// Runs both checks (the chain even when the storage check failed). A failure is an
// ok Result with verdict.ok false; an error Result means the database could not be
// read at all (e.g. the server is down).
Result<IntegrityVerdict> CheckIntegrity(store::Store& store);

}  // namespace peixun::audit
