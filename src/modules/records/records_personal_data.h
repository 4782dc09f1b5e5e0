// The records module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): outside hours (proof by name and size) and promotion dates.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::records {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: removes uploaded proofs and free-text reasons; the hours, dates and statuses stay
// (ledger totals).
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::records
