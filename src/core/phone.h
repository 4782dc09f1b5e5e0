// Mainland China mobile phone numbers (11 digits beginning with 1), the number
// peixun texts and shows on rosters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::core {

inline constexpr size_t kMobilePhoneDigits = 11;

// Returns the 11-digit form of a mainland mobile number. The text goes through
// NormalizeField (full-width digits are fine); spaces, '-', '(' and ')' are
// removed; then one country-code prefix is dropped: "+86", "0086", or "86"
// when 13 digits remain. What is left must be 11 ASCII digits beginning with 1,
// else ErrorKind::kInvalid with code "phone.format" (field left empty).
//   "+86 138-0013-8000" -> "13800138000"
Result<std::string> NormalizePhone(std::string_view text);

// For display: "13800138000" -> "138****8000" (digits 4-7 hidden). Text that is
// not an 11-digit number after NormalizePhone is returned as all stars of its
// length in code points, so nothing unexpected is shown whole.
std::string MaskPhone(std::string_view text);

}  // namespace peixun::core
