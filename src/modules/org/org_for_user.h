// The organization tree's entry points for a user (routes, the CLI, jobs): every
// access check of the tree lives behind these, so a caller only translates.
// Staff read (403 auth.forbidden for trainees), a unit liaison only their
// subtree (another unit is 404 org.not_found, as if it did not exist); admins
// and organizers write and import (403 auth.forbidden for others). Writes are
// audited as `who`.
#pragma once

#include <optional>
#include <vector>

#include "core/import_report.h"
#include "core/principal.h"
#include "core/result.h"
#include "io/table.h"
#include "modules/org/unit.h"
#include "store/store.h"

namespace peixun::org {

// Every unit `who` may see, parents before children.
Result<std::vector<Unit>> ListUnits(store::Store& store, const Principal& who);
Result<Unit> GetUnit(store::Store& store, const Principal& who, int64_t id);
Result<std::vector<Unit>> UnitSubtree(store::Store& store, const Principal& who, int64_t root_id);
Result<Unit> CreateUnit(store::Store& store, const Principal& who, const UnitInput& input);
Result<Unit> UpdateUnit(store::Store& store, const Principal& who, int64_t id,
                        const UnitInput& input);
Result<Unit> MoveUnit(store::Store& store, const Principal& who, int64_t id,
                      std::optional<int64_t> new_parent);
Status DeleteUnit(store::Store& store, const Principal& who, int64_t id);

// The import (org_import.h) for a user.
Result<ImportReport> ImportOrgs(store::Store& store, const io::Table& table,
                                const ImportOptions& options, const Principal& who);
// The export for a user: a liaison's holds only their subtree.
Result<io::Table> ExportOrgs(store::Store& store, const Principal& who);

}  // namespace peixun::org
