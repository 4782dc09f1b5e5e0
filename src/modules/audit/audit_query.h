// Reading the audit log: pages of entries, newest first, with filters. Read-only;
// thread-safe (uses only the Store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/audit/audit_record.h"
#include "store/store.h"

namespace peixun::audit {

inline constexpr int64_t kMaxQueryLimit = 1000;

struct AuditQuery {
  std::string entity;                // exact, e.g. "person"; empty: any
  std::optional<int64_t> entity_id;  // exact
  std::string actor;                 // exact actor name (username); empty: any
  std::optional<int64_t> actor_user_id;
  // Actions starting with this text: "people." gives every people action,
  // "people.update" just that one. Printable ASCII only; empty: any.
  std::string action_prefix;
  int64_t offset = 0;  // >= 0
  int64_t limit = 20;  // 1..kMaxQueryLimit
};

struct AuditPage {
  std::vector<AuditRecord> items;  // newest (highest id) first
  int64_t total = 0;               // matches before paging
};

// Errors: "audit.query" (kInvalid, field named) for a bad limit, offset or
// action_prefix; the store's error when reading fails.
Result<AuditPage> ListEntries(store::Store& store, const AuditQuery& query);
// The query for a user: administrators only (403 auth.forbidden for others).
Result<AuditPage> ListEntries(store::Store& store, const Principal& who, const AuditQuery& query);
Result<AuditPage> ListEntriesIn(store::Tx& tx, const AuditQuery& query);

}  // namespace peixun::audit
