// Normalization of text that people type or paste into fields: names, unit
// names, ID numbers, phone numbers, dates. Every importer and every form runs
// its cells through these before validating or storing them, so that "张 三",
// "张三" and "张　三" are one person and "１３８…" is a phone number.
//
// All functions are pure and thread-safe. Ill-formed UTF-8 never fails: each bad
// byte becomes U+FFFD (see core/utf8.h); call IsValidUtf8 (declared there) first
// when bad input must be refused rather than repaired.
#pragma once

#include <string>
#include <string_view>

#include "core/utf8.h"

namespace peixun::core {

// Returns `text` cleaned for storage and comparison, in this order:
//   1. full-width digits, Latin letters and ＋ － ＠ ＿ ． ／ become half-width
//      ("ＡＢ１" → "AB1"); full-width punctuation such as （）：，stays as typed;
//   2. U+FEFF (byte-order mark) and U+200B (zero-width space) are dropped;
//   3. every White_Space character (tab, newline, U+00A0 NBSP, U+3000
//      ideographic space, U+2000–U+200A, …) counts as a space; runs of them
//      collapse to one ASCII space; leading and trailing ones go;
//   4. the result is put in Unicode NFC (ICU).
// Supplementary-plane characters (𠮷 U+20BB7) and Extension A (䶮 U+4DAE) come
// out byte for byte. NFC does map the CJK compatibility ideographs
// (U+F900–U+FAFF, U+2F800–U+2FA1F) to their unified twins, as it must.
std::string NormalizeField(std::string_view text);

// Returns a personal name in its stored form: NormalizeField, then
//   - spaces between two Han characters go ("张 三" → "张三"); other spaces stay
//     ("Li Ming", "张 Li");
//   - a separator between two name parts made of middle-dot look-alikes
//     (U+00B7 ·, U+2022 •, U+30FB ・, U+FF65 ･, U+2027 ‧, U+22C5 ⋅, U+2219 ∙,
//     U+0387, U+16EB) and any spaces around them becomes exactly one U+00B7
//     ("买买提 • 艾力" → "买买提·艾力"); an ASCII '.' (full-width U+FF0E included)
//     is unified the same way only between two Han characters, so "J. Smith"
//     keeps its full stop. A look-alike at either end of the name stays as it is.
std::string NormalizeName(std::string_view name);

}  // namespace peixun::core
