// A process-wide count of committed write transactions, for in-process caches of
// rows that change rarely (issue #15: the check-in path's session, roster and leave
// caches), so they need no list of every write that could touch their rows.
//
// Every Store opened by OpenStore counts: after each Transact that committed, the
// epoch is bumped, unless the transaction declared itself quiet
// (MarkTransactionQuiet): it wrote only rows no such cache holds (the check-in
// writer's attendance_events, whose counts the check-in service keeps itself). A
// cache reads WriteEpoch() BEFORE reading its rows and uses an entry only while the
// epoch is unchanged, so any change committed in this process (an enrollment, a
// leave decision, a session edit, an erasure, a raw SQL write in a test) is seen by
// the very next read. A change made by another process (another instance on
// PostgreSQL, the CLI on the SQLite file) is not counted here: such caches must
// also expire by time.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>

#include "store/store.h"

namespace peixun::store {

uint64_t WriteEpoch();

// Inside a Transact callback: this transaction's writes need not bump the epoch.
// Safe to call more than once (and again when the callback runs again after a
// retried transaction).
void MarkTransactionQuiet();

// `inner` with its committed, non-quiet Transact calls counted (OpenStore wraps every
// store it opens).
std::unique_ptr<Store> CountingWrites(std::unique_ptr<Store> inner);

}  // namespace peixun::store
