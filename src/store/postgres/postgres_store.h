// The PostgreSQL Store, on libpq (which appears only in this folder).
//
// Every connection talks UTF-8 with TimeZone UTC. Parameters travel as text
// (integers in decimal, doubles as %.17g, NULL as NULL); every column comes back
// as text (std::string) or NULL (std::monostate), which Row::Int/Double parse.
//
// Transactions: Transact runs READ COMMITTED with no global lock: writers run
// concurrently, each on its own pooled connection, and a module keeps an invariant
// over several rows itself (unique constraints with ON CONFLICT, SELECT … FOR
// UPDATE on the owning row, or store/key_lock.h). A try the server aborts for a
// deadlock or serialization failure is rolled back and run again (at most 5 tries),
// one that hit a unique violation once more (store/store.h). Read runs
// REPEATABLE READ READ ONLY and never waits for writers. Calling Transact from
// inside a Transact callback of the same store (same thread) is refused with
// "store.nested_transaction" instead of deadlocking.
//
// Notifications (store/notify.h) go through one dedicated connection and its
// thread (pg_notifier.h), started on first use and stopped when the store closes:
// Notify queues (NOTIFY is sent within milliseconds, batched), Listen LISTENs.
//
// Thread-safety: as for every Store (store/store.h).
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/admin.h"
#include "store/store.h"

namespace peixun::store {

// Opens a Store on the database of `url` (postgresql://… or postgres://…), keeping
// up to `pool_size` connections for writers and as many for readers. One connection is made before
// returning, so a wrong URL, host or password fails here with code "store.connect".
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, int pool_size);

}  // namespace peixun::store
