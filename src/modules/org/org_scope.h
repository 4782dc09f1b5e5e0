// Which units a caller may see: everyone sees the whole tree except a unit
// liaison (单位联络员), who sees only their own unit's subtree. Other modules use
// this to scope people and nominations to a liaison's units.
#pragma once

#include <optional>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::org {

// The root of what `who` may see; nullopt: the whole tree.
std::optional<int64_t> ScopeRoot(const Principal& who);

// Ok when `unit_id` is visible to `who`; otherwise 403 "org.out_of_scope".
Status CheckUnitInScopeIn(store::Tx& tx, const Principal& who, int64_t unit_id);
Status CheckUnitInScope(store::Store& store, const Principal& who, int64_t unit_id);

}  // namespace peixun::org
