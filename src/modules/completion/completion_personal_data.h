// The completion module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): completion decisions and outstanding-trainee selections.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::completion {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: clears free-text reasons; outcomes stay (completion counts).
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::completion
