// Who is told when a completion decision is written: the records module keeps its
// hours summary (学时台账) from it. A listener runs inside the decision's
// transaction, after the class's rows are written; its error rolls the decision
// back. Process-wide: a listener is a plain function registered once (registering
// the same one again does nothing), so every CompletionService, however built
// (server, CLI, demo, tests), tells it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::completion {

using DecisionListener = Status (*)(store::Tx& tx, int64_t class_id);

void AddDecisionListener(DecisionListener listener);

// Runs every listener for `class_id` inside `tx`, in registration order.
Status NotifyDecisionIn(store::Tx& tx, int64_t class_id);

}  // namespace peixun::completion
