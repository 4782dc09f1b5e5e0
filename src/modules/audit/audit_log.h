// The audit log's one writer: services record every change (and every viewing of
// an ID number in clear) with AppendIn, inside the transaction that makes the
// change, so the entry commits or rolls back with it. Entries are never updated
// or deleted; audit_verify.h proves it (audit_record.h defines the hash chain).
//
//   PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
//       tx, actor, audit::AuditEntry{"people.update", "person", id, before, after}));
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/actor.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::audit {

struct AuditEntry {
  std::string action;  // dotted, module first: "people.create", "org.move", "auth.login"
  std::string entity;  // what it concerns: "person", "unit", "user"
  std::optional<int64_t> entity_id;
  nlohmann::json before;  // the state before (null: none, e.g. on create)
  nlohmann::json after;   // the state after (null: none, e.g. on delete)
};

// Appends `e` by `actor` to the chain, inside the caller's transaction `tx`
// (which must be a Store::Transact transaction). Takes the id and prev_hash from
// the newest entry read in `tx`, stamps `at` with NowMillis(), masks before and
// after with MaskSensitive, computes the hash and inserts.
//
// Correctness: the head is read under the chain's lock (store/key_lock.h, key
// "audit.chain"; SQLite's writers are serialized anyway), held until the caller's
// transaction ends, so no other append can commit between reading the newest entry
// and inserting this one; two racing appends cannot both link to the same
// predecessor (and the primary key would turn a fork into an error). Audited
// writes therefore run one at a time from their append to their commit: append
// late in a transaction, after its own locks (tests/integration/
// concurrency_test.cc appends from many connections at once).
//
// Errors: "audit.entry" (kInternal) when action or entity is empty; the store's
// error when a statement fails (the caller then rolls back, as always).
Status AppendIn(store::Tx& tx, const Actor& actor, const AuditEntry& e);

// AppendIn(tx, actor, AuditEntry{action, entity, id, before, after}): the one
// call each service's change makes (there is no per-module wrapper).
Status RecordIn(store::Tx& tx, const Actor& actor, std::string action, std::string entity,
                std::optional<int64_t> entity_id, nlohmann::json before, nlohmann::json after);

// How many entries of `action` the user `actor_user_id` has at or after
// `since_ms` (rate limits that must hold across instances and restarts read the
// log rather than memory). Inside the caller's transaction.
Result<int64_t> CountRecentIn(store::Tx& tx, int64_t actor_user_id, const std::string& action,
                              int64_t since_ms);

// Returns `value` with every ID number masked: at any depth, in objects and in
// arrays, the value of each key named exactly "id_number" that is a string (or a
// number) becomes core::MaskIdNumber of it ("1*************1234": first 1 and
// last 4 kept, the rest stars; 8 characters or fewer all stars). Everything else
// is unchanged. Idempotent. Pure.
nlohmann::json MaskSensitive(nlohmann::json value);

}  // namespace peixun::audit
