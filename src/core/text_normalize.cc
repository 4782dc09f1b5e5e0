#include "core/text_normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <cstddef>

namespace peixun::core {
namespace {

constexpr char32_t kFullWidthFirst = U'\uFF01';
constexpr char32_t kFullWidthLast = U'\uFF5E';
constexpr char32_t kFullWidthOffset = kFullWidthFirst - U'!';
constexpr char32_t kMiddleDot = U'\u00B7';

// Full-width digits, Latin letters and the few symbols of phone numbers and
// addresses (＋ － ＠ ＿ ．) become half-width; Chinese punctuation such as （）：，
// stays as typed, since class names and titles use it on purpose.
bool IsFullWidthDataCharacter(char32_t c) {
  if (c < kFullWidthFirst || c > kFullWidthLast) return false;
  const char32_t ascii = c - kFullWidthOffset;
  return (ascii >= U'0' && ascii <= U'9') || (ascii >= U'A' && ascii <= U'Z') ||
         (ascii >= U'a' && ascii <= U'z') || ascii == U'+' || ascii == U'-' || ascii == U'@' ||
         ascii == U'_' || ascii == U'.' || ascii == U'/';
}

bool IsDroppedInvisible(char32_t c) { return c == U'\uFEFF' || c == U'\u200B'; }

bool IsHan(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

// Characters people (and input methods) use in place of U+00B7 between the
// parts of a transliterated name.
bool IsMiddleDotLookAlike(char32_t c) {
  switch (c) {
    case U'\u00B7':
    case U'\u0387':
    case U'\u16EB':
    case U'\u2022':
    case U'\u2027':
    case U'\u2219':
    case U'\u22C5':
    case U'\u30FB':
    case U'\uFF65':
      return true;
    default:
      return false;
  }
}

std::string ToNfcUtf8(const std::u32string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(text.data()), static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  if (U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfc->normalize(u, status);
    if (U_SUCCESS(status)) {
      normalized.toUTF8String(out);
      return out;
    }
  }
  // ICU's NFC data is compiled into libicuuc; if it still fails, the text
  // without normalization is the best we can give.
  return EncodeUtf8(text);
}

// Steps 1-3 of NormalizeField, on code points.
std::u32string CleanCodePoints(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char32_t c : DecodeUtf8(text)) {
    if (IsFullWidthDataCharacter(c)) c -= kFullWidthOffset;
    if (IsDroppedInvisible(c)) continue;
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string NormalizeField(std::string_view text) { return ToNfcUtf8(CleanCodePoints(text)); }

std::string NormalizeName(std::string_view name) {
  // NFC first, so that the separators below are judged on composed text.
  const std::u32string text = DecodeUtf8(NormalizeField(name));
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char32_t c = text[i];
    const bool separator = c == U' ' || c == U'.' || IsMiddleDotLookAlike(c);
    if (!separator || out.empty()) {
      out.push_back(c);
      ++i;
      continue;
    }
    // A run of spaces and dots between two name parts.
    size_t end = i;
    bool has_look_alike = false;
    bool has_full_stop = false;
    while (end < text.size() &&
           (text[end] == U' ' || text[end] == U'.' || IsMiddleDotLookAlike(text[end]))) {
      has_look_alike = has_look_alike || IsMiddleDotLookAlike(text[end]);
      has_full_stop = has_full_stop || text[end] == U'.';
      ++end;
    }
    if (end == text.size()) {  // trailing: NormalizeField left no space here
      out.append(text, i, end - i);
      break;
    }
    const char32_t before = out.back();
    const char32_t after = text[end];
    const bool between_han = IsHan(before) && IsHan(after);
    const bool between_letters =
        u_isalpha(static_cast<UChar32>(before)) && u_isalpha(static_cast<UChar32>(after));
    const bool spaces_only = !has_look_alike && !has_full_stop;
    if ((has_look_alike && between_letters) || (has_full_stop && !has_look_alike && between_han)) {
      out.push_back(kMiddleDot);
    } else if (!(spaces_only && between_han)) {  // spaces between Han characters go
      out.append(text, i, end - i);
    }
    i = end;
  }
  return EncodeUtf8(out);
}

}  // namespace peixun::core
