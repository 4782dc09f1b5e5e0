// The attendance module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): check-in events, corrections, spot-check confirmations and leave
// requests.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::attendance {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: clears free-text reasons, leave attachments and device fingerprints; events, statuses
// and times stay (hours, leave share).
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::attendance
