// Text encodings of files people bring from Windows: converting between UTF-8 and legacy
// charsets (GB18030, UTF-16) with ICU's ucnv. Checking UTF-8 itself is core::IsValidUtf8
// (src/core/utf8.h).
//
// All functions are thread-safe (each call opens its own converter).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::io {

// Converts `bytes` in `charset` (an ICU converter name: "GB18030", "UTF-16LE", …) to
// UTF-8. A byte sequence that is not valid in `charset` gives io.encoding.invalid;
// nothing is silently replaced.
Result<std::string> ToUtf8(std::string_view bytes, const char* charset);

// Converts UTF-8 `text` to `charset`. Text that is not valid UTF-8, or a character the
// charset cannot hold, gives io.encoding.invalid. GB18030 holds all of Unicode.
Result<std::string> FromUtf8(std::string_view text, const char* charset);

}  // namespace peixun::io
