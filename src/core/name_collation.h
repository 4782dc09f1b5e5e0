// Sort and search keys for Chinese personal names.
//
// Every key is an ASCII string whose plain byte order (memcmp, SQL BINARY /
// COLLATE "C") is the wanted order, so the store can keep it in a column and
// ORDER BY it on SQLite and PostgreSQL alike. Every function first applies
// NormalizeName (core/text_normalize.h), so "张 三" and "张三" get one key.
// Keys are stable for a given build but change when ICU or the Debian stroke
// data change: whoever stores them must recompute them after such an upgrade
// rather than compare keys made by different builds.
//
// All functions are thread-safe (ICU objects are kept per thread).
#pragma once

#include <string>
#include <string_view>

namespace peixun::core {

// The total stroke count of `c` in its simplified (mainland) form: the first
// value of Unihan kTotalStrokes (张 7, 那 6, 䶮 9, 𠮷 6). -1 when the tables have
// no count for `c` (non-Han characters, ideographs newer than the data).
int TotalStrokes(char32_t c);

// The kinds of the strokes of `c` in writing order as digits, following the
// mainland standard (GB13000.1 笔顺规范, five kinds): '1' 横 一 (提 included),
// '2' 竖 丨 (竖钩 included), '3' 撇 丿, '4' 点 丶 (捺 included), '5' 折 乛 (every
// turning stroke): 王 "1121", 张 "5153154". Empty when unknown. Normally as long
// as TotalStrokes(c), though for a few rare characters the sources disagree.
std::string StrokeSequence(char32_t c);

// The 姓氏笔画 (surname stroke) order of official Chinese name lists. Names
// compare character by character; the first character that differs decides by,
// in turn:
//   1. TotalStrokes, fewer first;
//   2. StrokeSequence, compared stroke by stroke in the order 横 竖 撇 点 折
//      (王 1121 < 方 4153 among four strokes); a character with a count but
//      no known sequence comes after those with one;
//   3. pinyin (ICU zh pinyin collation, primary strength): 甲 < 申 < 叶, which
//      all write 丨乛一一丨;
//   4. code point.
// Characters without a stroke count (Latin letters, digits, unknown
// ideographs) come after every character with one, ordered by code point.
// Spaces and U+00B7 between name parts are skipped ("买买提·艾力" sorts as
// 买买提艾力). A name that is a prefix of another comes first (欧 < 欧阳).
// This is not ICU's zh@collation=stroke, which puts 张 before 那.
std::string StrokeSortKey(std::string_view name);

// The pinyin order of names, as a sort key in lowercase hex: the syllables of
// PinyinFull one by one (so a leading surname sorts by its surname reading: 曾
// zeng among the z, 单 shan among the s), shorter before longer (zhan < zhang),
// then ICU's "zh@collation=pinyin" collator (tertiary strength) for ties.
std::string PinyinSortKey(std::string_view name);

// The name in toneless pinyin, one syllable per Han character, lowercase, no
// separators: "张三" -> "zhangsan", "买买提·艾力" -> "maimaitiaili". Uses ICU's
// "Han-Latin/Names; Latin-ASCII" transliteration, which reads a leading
// surname as a surname (曾 zeng, 单 shan, 区 ou) and other characters by their
// most common reading (重 is always "zhong" inside a name). Runs of ASCII
// letters and digits are kept, lowercased; anything ICU cannot romanize (such
// as 𠮷) is left out.
std::string PinyinFull(std::string_view name);

// The first letter of each syllable of PinyinFull, and of each run of ASCII
// letters or digits: "张三" -> "zs", "欧阳修" -> "oyx", "Li Ming" -> "lm".
std::string PinyinInitials(std::string_view name);

}  // namespace peixun::core
