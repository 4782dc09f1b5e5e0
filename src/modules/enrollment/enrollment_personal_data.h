// The enrollment module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): their enrollments (nominations, approvals, substitutions).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::enrollment {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: clears the free-text reasons; statuses stay (class counts).
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

// (person id, class id) of every enrollment whatever its status, by person then
// class: the retention rule (modules/privacy) asks who left every class.
Result<std::vector<std::pair<int64_t, int64_t>>> AllPersonClassPairsIn(store::Tx& tx);

}  // namespace peixun::enrollment
