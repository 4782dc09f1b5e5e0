// Per-key write locks: how a module keeps an invariant that spans rows (a quota
// counted over enrollments, the audit chain's head, the next serial of a class)
// now that PostgreSQL writers run concurrently (store/postgres/postgres_store.h).
//
//   PEIXUN_RETURN_IF_ERROR(store::LockKeyIn(tx, "enrollment.class:" + std::to_string(id)));
//
// Contract: inside a Store::Transact transaction, LockKeyIn(tx, key) waits until no
// other transaction holds `key` and holds it until this transaction commits or
// rolls back. Transactions locking different keys do not wait for each other.
// On PostgreSQL it is pg_advisory_xact_lock on a 64-bit hash of the key (READ
// COMMITTED: every statement after it sees what the previous holder committed); on
// SQLite it does nothing, since SQLite's writers are serialized already.
//
// Take the lock before reading what the invariant depends on. Keys are
// "<module>.<what>:<id>", owned by the module that names them. Transactions taking
// two keys should take them in one order (the audit chain's key last: audit::
// AppendIn takes it); a deadlock that happens anyway is retried by the store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::store {

Status LockKeyIn(Tx& tx, std::string_view key);

// LockKeyIn for each of `keys` (duplicates allowed), in sorted order and in one
// statement, so two transactions locking overlapping sets never deadlock.
Status LockKeysIn(Tx& tx, std::vector<std::string> keys);

// " FOR NO KEY UPDATE" on PostgreSQL, "" on SQLite (which has no row locks and
// needs none): appended to a SELECT of the row that owns an invariant, it makes the
// other transactions locking or updating that row wait until this one ends, while
// inserts of rows referencing it (foreign keys) go on.
std::string_view ForUpdate(const Tx& tx);

}  // namespace peixun::store
