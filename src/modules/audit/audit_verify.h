// Proof that the audit log was not edited or cut in the middle: walks every entry
// in id order, recomputes its hash (audit_record.h) and checks its link to the
// entry before it.
//
// What it finds, reported for the first entry where the chain breaks:
//   "deleted"  the id is not previous id + 1 (ids are gapless, audit_schema.cc),
//              or prev_hash is not the previous entry's stored hash (an entry
//              before it was removed, replaced or re-hashed);
//   "edited"   the stored hash is not the hash of the stored columns.
// What it cannot find alone: entries cut from the END of the log, or the whole
// log replaced by a freshly computed chain. Keep last_hash of a good report
// somewhere else (a printout, the backup log) to anchor the head.
//
// Streams in pages of `page_size` rows, each read in its own snapshot, so memory
// stays flat on millions of rows and writers are never held up. Entries appended
// while it runs are checked too, if they arrive before the walk reaches the end.
// Thread-safe (uses only the Store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::audit {

// Rows read per query when verifying.
inline constexpr int64_t kVerifyPageSize = 5000;

inline constexpr char kReasonEdited[] = "edited";
inline constexpr char kReasonDeleted[] = "deleted";

struct VerifyReport {
  bool ok = true;
  int64_t entries = 0;    // entries found intact (ok: all of them; else: before the bad one)
  std::string last_hash;  // hash of the last intact entry; kGenesisHash when none
  int64_t erased = 0;     // entries whose personal columns were erased (audit_redaction.h)
  // When !ok:
  std::optional<int64_t> first_bad_id;
  std::string reason;      // kReasonEdited or kReasonDeleted
  std::string message;     // zh-CN detail, e.g. which ids are missing
  std::string message_en;  // en detail
};

// Verifies the whole chain. A broken chain is an ok Result with report.ok false;
// an error Result means the database could not be read.
Result<VerifyReport> VerifyChain(store::Store& store, int64_t page_size = kVerifyPageSize);
// The verification for a user: administrators only (403 auth.forbidden for others).
Result<VerifyReport> VerifyChain(store::Store& store, const Principal& who);

}  // namespace peixun::audit
