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

std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace peixun::records::internal
