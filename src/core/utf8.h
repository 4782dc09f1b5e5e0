// UTF-8 <-> code points, for the text rules in src/core.
//
// The decoder is strict about what it calls valid (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF) and lossy on purpose: every byte that
// does not begin a valid sequence becomes one U+FFFD, so a bad cell in an import
// never stops the rules that follow. Callers that must refuse bad input check
// IsValidUtf8 first.
#pragma once

#include <string>
#include <string_view>

namespace peixun::core {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

// True when `text` is well-formed UTF-8 (RFC 3629). The empty string is valid.
bool IsValidUtf8(std::string_view text);

// The number of characters (code points) in UTF-8 `text`: the length limits of
// names and titles count characters, not bytes.
size_t Utf8CharCount(std::string_view text);

// Decodes `text`; each ill-formed byte becomes U+FFFD (see file comment).
std::u32string DecodeUtf8(std::string_view text);

// Appends the UTF-8 form of `c` to `out`; surrogates and values above
// U+10FFFF are written as U+FFFD.
void AppendUtf8(char32_t c, std::string* out);

// Encodes code points as UTF-8 (invalid ones as U+FFFD, as AppendUtf8).
std::string EncodeUtf8(std::u32string_view text);

}  // namespace peixun::core
