// The logistics module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): room, dietary needs and bus assignments.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::logistics {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: deletes dietary needs (they can reveal religion); room and bus assignments stay.
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::logistics
