// The evaluation module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): which questionnaires they answered (answers carry no link to
// them).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::evaluation {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: nothing to erase: answers are stored without a link to the trainee.
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::evaluation
