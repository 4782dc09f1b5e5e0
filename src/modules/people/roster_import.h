// Imports a people roster (花名册) read from xlsx or csv (io/table.h).
//
// Every row is checked before anything is written: fields (person_validation.h),
// the unit named in 单位 (must exist and be unambiguous), ID numbers repeated
// inside the file or already in the database. With any error the import writes
// nothing, unless options.skip_bad_rows, which writes the good rows and lists
// the bad ones. The writing itself is one transaction: a failure halfway leaves
// the database exactly as before.
#pragma once

#include <cstdint>
#include <functional>

#include "core/actor.h"
#include "core/import_report.h"
#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "io/table.h"
#include "store/store.h"

namespace peixun::people {

// Called now and then while rows are written: (rows done, rows to write).
using ImportProgress = std::function<void(int64_t done, int64_t total)>;

// Fails only when the file as a whole cannot be imported (a required column is
// missing) or the database fails; row problems are in the report.
// `scope_root`: when set (a unit liaison), every row's unit must lie in that
// unit's subtree, else the row is rejected ("people.unit.out_of_scope").
Result<ImportReport> ImportRoster(store::Store& store, const crypto::DataKey& key,
                                  const io::Table& table, const ImportOptions& options,
                                  const ImportProgress& progress = {},
                                  const Actor& actor = Actor::System(),
                                  std::optional<int64_t> scope_root = std::nullopt);

// The import for a user: admins, organizers and liaisons (403 auth.forbidden for
// others); a liaison's rows must lie in their unit's subtree.
Result<ImportReport> ImportRoster(store::Store& store, const crypto::DataKey& key,
                                  const io::Table& table, const ImportOptions& options,
                                  const Principal& who, const ImportProgress& progress = {});

}  // namespace peixun::people
