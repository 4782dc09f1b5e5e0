// Erasing a person's values from the audit log without breaking the chain.
//
// The chain hashes each entry's stored text (audit_record.h), so rewriting an
// entry's personal columns changes what its hash covers. Erasure therefore keeps
// every entry's stored hash (the next entry's prev_hash still links to it),
// rewrites only the personal columns (actor_name, remote_address, before_json,
// after_json) and sets erased_by to the id of one new entry, appended in the
// same transaction, whose after_json lists each rewritten entry by id, at,
// action, entity and entity_id:
//
//   {"person_id": 12, "redacted_entries": [{"id":5,"at":…,"action":"people.create",
//                                           "entity":"person","entity_id":12}, …]}
//
// VerifyChain (audit_verify.h) checks the links of a rewritten entry as always,
// skips recomputing its hash, and requires that the entry named by erased_by
// comes later, is itself part of the verified chain, and lists the entry with
// the same id, at, action, entity and entity_id. So marking an entry "erased"
// to hide an edit breaks verification unless a chained erase entry vouches for
// it; only the erased personal columns go unverified, which is what erasure means.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "modules/audit/audit_log.h"
#include "store/store.h"

namespace peixun::audit {

struct Redaction {
  // Entries made by these users get actor_name = replacement, remote_address NULL.
  std::set<int64_t> actor_user_ids;
  // Every occurrence of these strings (whole or inside a longer string value) in
  // before/after is replaced by `replacement`. Values shorter than 2 characters
  // are ignored (they would match too much).
  std::vector<std::string> values;
  // In entries about (entity, entity_id) these keys' values become null at any
  // depth (e.g. "phone", "ethnicity" of a person).
  std::vector<std::pair<std::string, int64_t>> entities;
  std::vector<std::string> keys;
  std::string replacement;  // e.g. "已删除#12"
};

struct RedactionResult {
  int64_t redacted_entries = 0;
  int64_t erase_entry_id = 0;  // the appended entry that lists them
};

// Rewrites every entry that holds any of `r`'s values, then appends `cover`
// (its after gets "redacted_entries") by `actor` and marks the rewritten entries
// with its id. Inside the caller's write transaction. Reads the whole log.
Result<RedactionResult> RedactIn(store::Tx& tx, const Actor& actor, const Redaction& r,
                                 AuditEntry cover);

// Pure: `text` with every occurrence of each of `values` (≥ 2 characters)
// replaced by `replacement`.
std::string ReplaceAll(std::string text, const std::vector<std::string>& values,
                       const std::string& replacement);

}  // namespace peixun::audit
