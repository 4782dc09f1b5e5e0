// The assessment module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): exam attempts, answers and time overrides.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::assessment {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: clears graders' comments; attempts, answers and scores stay (results, item statistics).
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::assessment
