#ifndef PEIXUN_MODULE_RECORDS_INTERNALS
#error "modules/records/internal is private to the records module"
#endif
// Small helpers the records module's files share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/civil_date.h"

namespace peixun::records::internal {

// The date in China at `now_ms`.
core::CivilDate TodayAt(int64_t now_ms);

}  // namespace peixun::records::internal
