#include "core/name_collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/stroke_table.h"
#include "core/text_normalize.h"
#include "core/utf8.h"

namespace peixun::core {
namespace {

constexpr char32_t kMiddleDot = U'\u00B7';
constexpr char kKnownClass = '1';    // a character with a stroke count
constexpr char kUnknownClass = '9';  // after every known one
constexpr char kSequenceEnd = '0';   // below every stroke kind: shorter first
constexpr char kNoSequence = '6';    // above every stroke kind: unknown last
constexpr const char* kPinyinLocale = "zh@collation=pinyin";
constexpr const char* kRomanization = "Han-Latin/Names; Latin-ASCII";
// Given-name characters: the ordinary reading (the /Names rules read a lone
// character as a surname).
constexpr const char* kPlainRomanization = "Han-Latin; Latin-ASCII";

// The stroke table entry of `c`, or -1.
int64_t EntryOf(char32_t c) {
  using stroke_table::kRunCount;
  using stroke_table::kRuns;
  const stroke_table::Run* end = kRuns + kRunCount;
  const stroke_table::Run* next = std::upper_bound(
      kRuns, end, c,
      [](char32_t value, const stroke_table::Run& run) { return value < run.first; });
  if (next == kRuns || next == end) return -1;
  const stroke_table::Run& run = *(next - 1);
  const uint64_t entry = run.index + static_cast<uint64_t>(c - run.first);
  return entry < next->index ? static_cast<int64_t>(entry) : -1;
}

// ICU objects of one thread: Collator and Transliterator instances must not be
// shared across threads while in use, and building them costs milliseconds.
struct IcuObjects {
  std::unique_ptr<icu::Collator> pinyin;          // tertiary, for PinyinSortKey
  std::unique_ptr<icu::Collator> pinyin_primary;  // for the stroke key's tie-break
  std::unique_ptr<icu::Transliterator> romanizer;
  std::unique_ptr<icu::Transliterator> plain_romanizer;
  // Syllables of one Han character, as the first character (surname reading)
  // or a later one. ICU transliteration is by far the costliest step of an
  // import; a name's characters come from a few thousand, so this stays small.
  std::unordered_map<char32_t, std::vector<std::string>> first_char_syllables;
  std::unordered_map<char32_t, std::vector<std::string>> later_char_syllables;

  IcuObjects() {
    UErrorCode status = U_ZERO_ERROR;
    pinyin.reset(icu::Collator::createInstance(icu::Locale(kPinyinLocale), status));
    if (U_FAILURE(status)) pinyin.reset();
    status = U_ZERO_ERROR;
    pinyin_primary.reset(icu::Collator::createInstance(icu::Locale(kPinyinLocale), status));
    if (U_SUCCESS(status)) {
      pinyin_primary->setStrength(icu::Collator::PRIMARY);
    } else {
      pinyin_primary.reset();
    }
    status = U_ZERO_ERROR;
    romanizer.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(kRomanization),
                                                        UTRANS_FORWARD, status));
    if (U_FAILURE(status)) romanizer.reset();
    status = U_ZERO_ERROR;
    plain_romanizer.reset(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kPlainRomanization), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) plain_romanizer.reset();
  }
};

IcuObjects& Icu() {
  thread_local IcuObjects objects;
  return objects;
}

void AppendHexByte(uint8_t byte, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out->push_back(kDigits[byte >> 4]);
  out->push_back(kDigits[byte & 0xF]);
}

// Appends the ICU sort key of `text` in hex. Sort keys end in a 0 byte that
// occurs nowhere else, so the hex form is prefix-free and keeps byte order.
// Without a collator (ICU data missing) the UTF-8 bytes stand in: still
// prefix-free per character, in code point order.
void AppendSortKeyHex(const icu::Collator* collator, const icu::UnicodeString& text,
                      std::string* out) {
  if (!collator) {
    std::string utf8;
    text.toUTF8String(utf8);
    for (char c : utf8) AppendHexByte(static_cast<uint8_t>(c), out);
    return;
  }
  std::vector<uint8_t> key(64);
  int32_t length = collator->getSortKey(text, key.data(), static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(length);
    length = collator->getSortKey(text, key.data(), length);
  }
  for (int32_t i = 0; i < length; ++i) AppendHexByte(key[i], out);
}

void AppendCodePointHex(char32_t c, std::string* out) {
  AppendHexByte(static_cast<uint8_t>(c >> 16), out);
  AppendHexByte(static_cast<uint8_t>(c >> 8), out);
  AppendHexByte(static_cast<uint8_t>(c), out);
}

// One character's part of StrokeSortKey. Each part is prefix-free (fixed width
// or terminated), so comparing concatenations compares character by character.
void AppendStrokeKey(char32_t c, std::string* key) {
  const int total = TotalStrokes(c);
  if (total < 0) {
    key->push_back(kUnknownClass);
    AppendCodePointHex(c, key);
    return;
  }
  key->push_back(kKnownClass);
  key->push_back(static_cast<char>('0' + total / 10));
  key->push_back(static_cast<char>('0' + total % 10));
  const std::string sequence = StrokeSequence(c);
  if (sequence.empty()) {
    key->push_back(kNoSequence);
  } else {
    key->append(sequence);
    key->push_back(kSequenceEnd);
  }
  UChar32 code_point = static_cast<UChar32>(c);
  AppendSortKeyHex(Icu().pinyin_primary.get(), icu::UnicodeString(code_point), key);
  AppendCodePointHex(c, key);
}

// Lowercase ASCII syllables of `utf8` romanized by `romanizer`, in order.
std::vector<std::string> RomanizedSyllables(icu::Transliterator* romanizer,
                                            const std::string& utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  if (romanizer) romanizer->transliterate(text);
  std::string romanized;
  text.toUTF8String(romanized);
  std::vector<std::string> syllables;
  std::string current;
  for (char c : romanized) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      current.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!current.empty()) {
      syllables.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) syllables.push_back(std::move(current));
  return syllables;
}

bool IsHan(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN;
}

// Lowercase ASCII syllables of the romanized name, in order: Han characters one
// by one through the per-character caches (the first with its surname
// reading), other runs (Latin letters, digits) as they are.
std::vector<std::string> Syllables(std::string_view name) {
  IcuObjects& icu = Icu();
  std::vector<std::string> syllables;
  std::string other;
  auto flush_other = [&] {
    if (other.empty()) return;
    for (auto& s : RomanizedSyllables(icu.romanizer.get(), other))
      syllables.push_back(std::move(s));
    other.clear();
  };
  bool first_han = true;
  for (char32_t c : DecodeUtf8(NormalizeName(name))) {
    if (!IsHan(c)) {
      AppendUtf8(c, &other);
      continue;
    }
    flush_other();
    auto& cache = first_han ? icu.first_char_syllables : icu.later_char_syllables;
    auto it = cache.find(c);
    if (it == cache.end()) {
      std::string one;
      AppendUtf8(c, &one);
      icu::Transliterator* romanizer = first_han ? icu.romanizer.get() : icu.plain_romanizer.get();
      it = cache.emplace(c, RomanizedSyllables(romanizer, one)).first;
    }
    for (const auto& s : it->second) syllables.push_back(s);
    first_han = false;
  }
  flush_other();
  return syllables;
}

}  // namespace

int TotalStrokes(char32_t c) {
  const int64_t entry = EntryOf(c);
  if (entry < 0 || stroke_table::kTotalStrokes[entry] == 0) return -1;
  return stroke_table::kTotalStrokes[entry];
}

std::string StrokeSequence(char32_t c) {
  const int64_t entry = EntryOf(c);
  if (entry < 0) return {};
  const uint32_t length = stroke_table::kSequenceLengths[entry];
  const uint32_t block_start =
      static_cast<uint32_t>(entry) / stroke_table::kBlockSize * stroke_table::kBlockSize;
  uint32_t offset = stroke_table::kBlockOffsets[entry / stroke_table::kBlockSize];
  for (uint32_t e = block_start; e < entry; ++e) {
    offset += (stroke_table::kSequenceLengths[e] + 1) / 2;
  }
  std::string sequence;
  sequence.reserve(length);
  for (uint32_t i = 0; i < length; i += 2) {
    const int pair = stroke_table::kSequencePool[offset + i / 2] - 'a';
    sequence.push_back(static_cast<char>('1' + pair / 6));
    if (i + 1 < length) sequence.push_back(static_cast<char>('0' + pair % 6));
  }
  return sequence;
}

std::string StrokeSortKey(std::string_view name) {
  std::string key;
  for (char32_t c : DecodeUtf8(NormalizeName(name))) {
    if (c == U' ' || c == kMiddleDot) continue;
    AppendStrokeKey(c, &key);
  }
  return key;
}

std::string PinyinSortKey(std::string_view name) {
  std::string key;
  for (const std::string& syllable : Syllables(name)) {
    for (char c : syllable) AppendHexByte(static_cast<uint8_t>(c), &key);
    AppendHexByte(0x01, &key);  // ends the syllable: zhan < zhang
  }
  AppendHexByte(0x00, &key);  // then ICU breaks ties (tones, characters without a reading)
  AppendSortKeyHex(Icu().pinyin.get(), icu::UnicodeString::fromUTF8(NormalizeName(name)), &key);
  return key;
}

std::string PinyinFull(std::string_view name) {
  std::string full;
  for (const std::string& syllable : Syllables(name)) full += syllable;
  return full;
}

std::string PinyinInitials(std::string_view name) {
  std::string initials;
  for (const std::string& syllable : Syllables(name)) initials.push_back(syllable[0]);
  return initials;
}

}  // namespace peixun::core
