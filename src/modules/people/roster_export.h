// Writes the people registry as a roster table (花名册) with the same headers the
// import reads, sorted by stroke order (default) or pinyin, so that an export
// imports again unchanged, byte for byte (rare characters and middle dots too).
#pragma once

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "io/table.h"
#include "modules/people/people_service.h"
#include "store/store.h"

namespace peixun::people {

struct RosterExportOptions {
  NameOrder order = NameOrder::kStroke;
  // Masked ID numbers (they do not re-import) and no birth dates
  // (person_redaction.h): for callers who may not reveal them.
  bool mask_id_numbers = false;
  std::optional<int64_t> unit_root;  // only people of this unit's subtree
  // Who exports: an export of full ID numbers is audited ("people.export_id_numbers",
  // with the row count), as a single reveal is.
  Actor actor = Actor::System();
};

Result<io::Table> ExportRoster(store::Store& store, const crypto::DataKey& key,
                               const RosterExportOptions& options);

// The export for a user: the reading roles only (people_service.h, 403
// auth.forbidden for others); a liaison gets their unit's subtree; ID numbers
// and birth dates in full only for roles that may reveal them, audited.
Result<io::Table> ExportRoster(store::Store& store, const crypto::DataKey& key,
                               const Principal& who, NameOrder order);

}  // namespace peixun::people
