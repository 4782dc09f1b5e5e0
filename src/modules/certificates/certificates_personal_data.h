// The certificates module's part of a person's PIPL export and erasure (modules/privacy
// composes every module's part): certificates issued to them (frozen fields; the PDF by size).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::certificates {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// Erasure: replaces the frozen name (and ID/phone values) in fields by 已删除#<id> and deletes the
// frozen PDF; serial, status and hours stay. `values` are the person's name, phone and ID number as
// they may appear in the frozen fields.
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id,
                           const std::vector<std::string>& values);

}  // namespace peixun::certificates
