#ifndef PEIXUN_MODULE_RECORDS_INTERNALS
#error "modules/records/internal is private to the records module"
#endif
// The checks one entry of outside hours passes, shared by the single entry
// (RecordService::AddOutside) and the bulk import (outside_import.h), so both give
// the same codes, messages and fields.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/error.h"
#include "core/hours_targets.h"
#include "modules/records/record_service.h"
#include "store/store.h"

namespace peixun::records::internal {

// kind, title, provider, start_date, end_date (not in the future of `today`), in that
// order; fills those fields of `out`. Every error found, empty when all pass.
std::vector<Error> CheckOutsideFields(const OutsideInput& in, const core::CivilDate& today,
                                      OutsideEntry* out);

// The 学时 of `in` (hours, else days and half days by `rules`) into out->tenths.
std::optional<Error> CheckOutsideHours(const OutsideInput& in, const core::HoursTargetRules& rules,
                                       OutsideEntry* out);

// Writes `e` (its id set on return). `proof_base64` "" for a proof reference.
Status InsertOutsideIn(store::Tx& tx, OutsideEntry* e, const std::string& proof_base64);

}  // namespace peixun::records::internal
