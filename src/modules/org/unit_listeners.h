// Who is told when a unit's kind changes: whether a unit is 基层 (community,
// enterprise, social organisation) decides whether its party secretaries have the
// grassroots secretary's 学时 target, and the records module keeps its per-unit
// district figures from it. Told inside the update's transaction, after the row is
// written; a listener's error rolls the update back. Process-wide, like
// completion/decision_listeners.h.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/store.h"

namespace peixun::org {

using UnitKindListener = Status (*)(store::Tx& tx, int64_t unit_id);

void AddUnitKindListener(UnitKindListener listener);

// Runs every listener inside `tx`, in registration order.
Status NotifyUnitKindChangedIn(store::Tx& tx, int64_t unit_id);

}  // namespace peixun::org
