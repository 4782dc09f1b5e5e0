// The storage's integrity check with what it looked at: on SQLite PRAGMA
// integrity_check and foreign_key_check (Store::CheckIntegrity); on PostgreSQL
// amcheck, after CREATE EXTENSION IF NOT EXISTS amcheck: bt_index_check with
// heapallindexed on every B-tree index of the current schema and verify_heapam on
// every table. When amcheck cannot be had (the role is not a superuser, the
// extension is not installed) that is said in `skipped`, not passed over silently.
// The audit chain is checked one layer up (modules/audit/integrity_check.h).
// Thread-safe (uses only the Store).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::store {

struct IntegrityReport {
  std::vector<std::string> checked;  // e.g. "amcheck bt_index_check (heapallindexed): 97 indexes"
  // Checks that could not run, and why: the database was not found broken, but
  // these parts were not looked at.
  std::vector<std::string> skipped;
};

// The report when sound; an error with code store.integrity naming what is broken
// (index, table block), or the error that kept the check from running.
Result<IntegrityReport> CheckStorage(Store& store);

}  // namespace peixun::store
