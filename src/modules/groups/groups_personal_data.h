// The groups module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): discussion group memberships and leaderships.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::groups {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: nothing to erase: memberships hold no personal values.
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::groups
