// The reflection module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): reflection papers (text and uploaded file by name and size).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::reflection {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: removes the paper's text, uploaded file and comment; submission, lateness and grade stay
// (completion counts).
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::reflection
