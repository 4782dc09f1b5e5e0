// Class ids by status, without loading the classes (the hours ledger: which classes
// are past enrolling).
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "modules/classes/class_status.h"
#include "store/store.h"

namespace peixun::classes {

// The ids of the classes whose status is none of `excluded`, ascending.
Result<std::vector<int64_t>> IdsNotInStatusIn(store::Tx& tx,
                                              const std::vector<ClassStatus>& excluded);

}  // namespace peixun::classes
