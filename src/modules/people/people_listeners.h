// Who is told when a person's stored fields change: the records module keeps its
// per-unit district figures (学时台账) from the fields that decide a person's 学时
// target (unit, rank, party membership, position). Told after a person is created,
// updated, deleted or has their personal data erased, inside that write's
// transaction; a listener's error rolls the write back. Process-wide, like
// completion/decision_listeners.h: a plain function registered once (again: nothing).
// The ids told may name people no longer stored (a deletion).
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::people {

using PeopleChangeListener = Status (*)(store::Tx& tx, const std::vector<int64_t>& person_ids);

void AddPeopleChangeListener(PeopleChangeListener listener);

// Runs every listener inside `tx`, in registration order.
Status NotifyPeopleChangedIn(store::Tx& tx, const std::vector<int64_t>& person_ids);

}  // namespace peixun::people
