#include "core/name_collation.h"

#include <gtest/gtest.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/utf8.h"

namespace peixun::core {
namespace {

std::vector<std::string> SortedByStrokeKey(std::vector<std::string> names) {
  std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return StrokeSortKey(a) < StrokeSortKey(b);
  });
  return names;
}

bool IsAscii(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A Han code point of Unicode 15.1 (CJK Extension I), newer than the Unihan
// data of Debian 12: no stroke count.
const std::string kUnknownHan = EncodeUtf8(U"\U0002EBF0");

// The hand-checked 姓氏笔画 order. Stroke kinds: 1 横 2 竖 3 撇 4 点 5 折 (竖钩
// counts as 竖, every turning stroke as 折), sequences as in the mainland
// standard (GB13000.1 笔顺规范). Within one count, the first stroke that
// differs decides; identical sequences fall back to pinyin.
const std::vector<std::string> kStrokeOrder = {
    "一",           // 1: 1
    "丁",           // 2: 12 (横 竖钩)
    "卜",           // 2: 24 (竖 点)
    "于",           // 3: 112
    "万",           // 3: 153 (横 横折钩 撇)
    "马",           // 3: 551
    "王",           // 4: 1121 — starts with 横
    "牛",           // 4: 3112 — 撇 横 横 竖
    "毛",           // 4: 3115 — 撇 横 横 竖弯钩: fourth stroke 折 > 竖
    "文",           // 4: 4134 — 点 横 撇 点
    "方",           // 4: 4153 — 点 横 横折钩 撇: third stroke 折 > 撇
    "孔",           // 4: 5215 — 横撇 竖钩 提 竖弯钩
    "邓",           // 4: 5452 — second stroke 点 > 孔's 竖
    "石",           // 5: 13251
    "甲",           // 5: 25112, the same strokes as 申 and 叶: pinyin jia
    "申",           // 5: 25112, shen
    "叶",           // 5: 25112, ye
    "田",           // 5: 25121, the same strokes as 由: pinyin tian
    "由",           // 5: 25121, you
    "白",           // 5: 32511
    "𠮷",           // 6: 121251 (U+20BB7, 土 over 口; Unihan kTotalStrokes 6)
    "朱",           // 6: 311234
    "刘",           // 6: 413422
    "江",           // 6: 441121 — second stroke 点 > 刘's 横
    "那",           // 6: 511352
    "买",           // 6: 544134
    "买买提·艾力",  // 买 + more characters: after 买 alone; the dot is skipped
    "䶸",          // 6 strokes by Unihan but no known sequence: after every 6 with one
    "李",           // 7: 1234521
    "张",           // 7: 5153154
    "张三",         // 张 + 三 (3 strokes)
    "张飞",         // 张 + 飞 (3: 534): 三 111 < 飞 534
    "张A",          // 张 + a character without strokes: after every known one
    "阿",           // 7: 5212512 — 阝 is 2 strokes in the simplified count
    "陈",           // 7: 5215234 — fourth stroke 折 > 阿's 竖
    "欧",           // 8: 13453534
    "欧阳",         // 欧 is a prefix of 欧阳: shorter first
    "欧阳修",
    "䶮",         // 9: 135341134 (U+4DAE, as in 刘䶮)
    "Tom",        // no stroke counts: after every Han name, by code point
    kUnknownHan,  // U+2EBF0 > 'T'
};

TEST(TotalStrokesTest, SimplifiedCounts) {
  EXPECT_EQ(TotalStrokes(U'一'), 1);
  EXPECT_EQ(TotalStrokes(U'丁'), 2);
  EXPECT_EQ(TotalStrokes(U'马'), 3);
  EXPECT_EQ(TotalStrokes(U'王'), 4);
  EXPECT_EQ(TotalStrokes(U'叶'), 5);
  EXPECT_EQ(TotalStrokes(U'那'), 6);
  EXPECT_EQ(TotalStrokes(U'张'), 7);
  EXPECT_EQ(TotalStrokes(U'阿'), 7);
  EXPECT_EQ(TotalStrokes(U'陈'), 7);
  EXPECT_EQ(TotalStrokes(U'欧'), 8);
  EXPECT_EQ(TotalStrokes(U'\u4DAE'), 9);      // 䶮
  EXPECT_EQ(TotalStrokes(U'\U00020BB7'), 6);  // 𠮷
  EXPECT_EQ(TotalStrokes(U'龍'), 16);
  EXPECT_EQ(TotalStrokes(U'龙'), 5);
  EXPECT_EQ(TotalStrokes(U'\u3007'), 1);  // 〇
}

TEST(TotalStrokesTest, UnknownIsMinusOne) {
  EXPECT_EQ(TotalStrokes(U'A'), -1);
  EXPECT_EQ(TotalStrokes(U'·'), -1);
  EXPECT_EQ(TotalStrokes(U'\uE000'), -1);
  EXPECT_EQ(TotalStrokes(U'\U0002EBF0'), -1);
  EXPECT_EQ(TotalStrokes(U'\u33FF'), -1);  // just before CJK Extension A
  EXPECT_EQ(TotalStrokes(0), -1);
  EXPECT_EQ(TotalStrokes(0x10FFFF), -1);
  EXPECT_EQ(TotalStrokes(0x110000), -1);
}

TEST(StrokeSequenceTest, MainlandSequences) {
  EXPECT_EQ(StrokeSequence(U'一'), "1");
  EXPECT_EQ(StrokeSequence(U'丁'), "12");  // not 15: 竖钩 counts as 竖
  EXPECT_EQ(StrokeSequence(U'万'), "153");
  EXPECT_EQ(StrokeSequence(U'王'), "1121");
  EXPECT_EQ(StrokeSequence(U'方'), "4153");
  EXPECT_EQ(StrokeSequence(U'孔'), "5215");
  EXPECT_EQ(StrokeSequence(U'那'), "511352");  // 6 strokes, not the 7 of 𨙸
  EXPECT_EQ(StrokeSequence(U'张'), "5153154");
  EXPECT_EQ(StrokeSequence(U'李'), "1234521");
  EXPECT_EQ(StrokeSequence(U'阿'), "5212512");
  EXPECT_EQ(StrokeSequence(U'必'), "45434");  // mainland 点 卧钩 点 撇 点
  EXPECT_EQ(StrokeSequence(U'艾'), "12234");  // 艹 in 3 strokes
  EXPECT_EQ(StrokeSequence(U'\U00020BB7'), "121251");
  EXPECT_EQ(StrokeSequence(U'\u4DAE').size(), 9u);
}

TEST(StrokeSequenceTest, UnknownIsEmpty) {
  EXPECT_EQ(StrokeSequence(U'A'), "");
  EXPECT_EQ(StrokeSequence(U'\U0002EBF0'), "");
  EXPECT_EQ(StrokeSequence(U'\u4DB8'), "");  // 䶸: a count but no sequence
  EXPECT_EQ(TotalStrokes(U'\u4DB8'), 6);
}

TEST(StrokeSequenceTest, SequencesAreStrokeKindDigits) {
  for (char32_t c = U'\u4E00'; c <= U'\u9FA5'; c += 7) {
    const std::string sequence = StrokeSequence(c);
    EXPECT_FALSE(sequence.empty()) << static_cast<uint32_t>(c);
    EXPECT_TRUE(std::all_of(sequence.begin(), sequence.end(), [](char k) {
      return k >= '1' && k <= '5';
    })) << static_cast<uint32_t>(c);
  }
}

TEST(StrokeSortKeyTest, HandCheckedSurnameOrder) {
  std::vector<std::string> shuffled(kStrokeOrder.rbegin(), kStrokeOrder.rend());
  std::rotate(shuffled.begin(), shuffled.begin() + 17, shuffled.end());
  EXPECT_EQ(SortedByStrokeKey(shuffled), kStrokeOrder);
}

TEST(StrokeSortKeyTest, StrictlyIncreasingAlongTheList) {
  for (size_t i = 1; i < kStrokeOrder.size(); ++i) {
    EXPECT_LT(StrokeSortKey(kStrokeOrder[i - 1]), StrokeSortKey(kStrokeOrder[i]))
        << kStrokeOrder[i - 1] << " < " << kStrokeOrder[i];
  }
}

TEST(StrokeSortKeyTest, KeysAreAscii) {
  for (const std::string& name : kStrokeOrder) {
    const std::string key = StrokeSortKey(name);
    EXPECT_FALSE(key.empty()) << name;
    EXPECT_TRUE(IsAscii(key)) << name;
  }
  EXPECT_EQ(StrokeSortKey(""), "");
}

TEST(StrokeSortKeyTest, DiffersFromIcuStrokeCollation) {
  // ICU's zh@collation=stroke puts 张 before 那 and 欧 before 阿
  // (shared/DESIGN.md, "Known pitfalls"); official lists do the opposite.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> icu_stroke(
      icu::Collator::createInstance(icu::Locale("zh@collation=stroke"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  const auto icu_less = [&](const char* a, const char* b) {
    UErrorCode s = U_ZERO_ERROR;
    return icu_stroke->compare(icu::UnicodeString::fromUTF8(a), icu::UnicodeString::fromUTF8(b),
                               s) == UCOL_LESS;
  };
  EXPECT_TRUE(icu_less("张", "那"));
  EXPECT_TRUE(icu_less("欧", "阿"));
  EXPECT_LT(StrokeSortKey("那"), StrokeSortKey("张"));
  EXPECT_LT(StrokeSortKey("阿"), StrokeSortKey("欧"));
}

TEST(StrokeSortKeyTest, PrefixSortsFirst) {
  EXPECT_LT(StrokeSortKey("欧"), StrokeSortKey("欧阳"));
  EXPECT_LT(StrokeSortKey("欧阳"), StrokeSortKey("欧阳修"));
  EXPECT_LT(StrokeSortKey("张"), StrokeSortKey("张一"));
  EXPECT_EQ(StrokeSortKey("欧阳修").rfind(StrokeSortKey("欧阳"), 0), 0u);
}

TEST(StrokeSortKeyTest, ComparesCharacterByCharacter) {
  // Total strokes of the whole name do not matter: 王 (4) + 麟 (19) < 方 (4) + 一 (1).
  EXPECT_LT(StrokeSortKey("王麟"), StrokeSortKey("方一"));
  // The second character decides when the first ones are equal.
  EXPECT_LT(StrokeSortKey("王一"), StrokeSortKey("王丁"));
  EXPECT_LT(StrokeSortKey("李丁"), StrokeSortKey("李卜"));
  // Second character 𠮷 (6) before 䶮 (9), however long the rest.
  EXPECT_LT(StrokeSortKey("刘𠮷𠮷"), StrokeSortKey("刘䶮"));
}

TEST(StrokeSortKeyTest, NormalizesFirst) {
  EXPECT_EQ(StrokeSortKey("张 三"), StrokeSortKey("张三"));
  EXPECT_EQ(StrokeSortKey(" 张\u3000三 "), StrokeSortKey("张三"));
  EXPECT_EQ(StrokeSortKey("买买提•艾力"), StrokeSortKey("买买提·艾力"));
  EXPECT_EQ(StrokeSortKey("买买提 ・ 艾力"), StrokeSortKey("买买提·艾力"));
}

TEST(StrokeSortKeyTest, MiddleDotDoesNotBreakTheKey) {
  const std::string key = StrokeSortKey("买买提·艾力");
  EXPECT_EQ(key, StrokeSortKey("买买提艾力"));
  EXPECT_EQ(key.rfind(StrokeSortKey("买买提"), 0), 0u);
  EXPECT_LT(StrokeSortKey("买"), key);
  EXPECT_LT(key, StrokeSortKey("李"));
  EXPECT_LT(StrokeSortKey("那"), key);
}

TEST(StrokeSortKeyTest, RareCharactersHaveKeys) {
  EXPECT_LT(StrokeSortKey("刘"), StrokeSortKey("刘䶮"));
  EXPECT_LT(StrokeSortKey("白"), StrokeSortKey("𠮷"));
  EXPECT_LT(StrokeSortKey("𠮷"), StrokeSortKey("朱"));
  EXPECT_NE(StrokeSortKey("䶮"), StrokeSortKey("\u4DAF"));
}

TEST(StrokeSortKeyTest, UnknownCharactersGoLastDeterministically) {
  EXPECT_LT(StrokeSortKey("龘"), StrokeSortKey("A"));  // 48 strokes, still before any unknown
  EXPECT_LT(StrokeSortKey("A"), StrokeSortKey("B"));
  EXPECT_LT(StrokeSortKey("B"), StrokeSortKey("a"));
  EXPECT_LT(StrokeSortKey("Tom"), StrokeSortKey(kUnknownHan));
  EXPECT_EQ(StrokeSortKey(kUnknownHan), StrokeSortKey(kUnknownHan));
  EXPECT_NE(StrokeSortKey(kUnknownHan), StrokeSortKey(EncodeUtf8(U"\U0002EBF1")));
  EXPECT_LT(StrokeSortKey("张" + kUnknownHan), StrokeSortKey("阿"));
}

TEST(StrokeSortKeyTest, DistinctCharactersNeverTie) {
  // Code point is the last tie-break: two different characters never share a key.
  std::vector<std::string> keys;
  for (char32_t c = U'\u4E00'; c < U'\u4E00' + 2000; ++c)
    keys.push_back(StrokeSortKey(EncodeUtf8(std::u32string(1, c))));
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST(StrokeSortKeyTest, IllFormedInputStillGivesAKey) {
  const std::string key = StrokeSortKey("张\xFF");
  EXPECT_TRUE(IsAscii(key));
  EXPECT_LT(StrokeSortKey("张"), key);
}

TEST(PinyinSortKeyTest, PinyinOrder) {
  // 单 (shan) and 曾 (zeng) as surnames: ICU's collator alone puts them at dan and ceng.
  const std::vector<std::string> expected = {"阿", "白", "陈", "陈一", "丁",   "方",
                                             "李", "刘", "那", "欧阳", "单",   "王",
                                             "叶", "曾", "詹", "张",   "张三", "张四"};
  std::vector<std::string> names(expected.rbegin(), expected.rend());
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return PinyinSortKey(a) < PinyinSortKey(b);
  });
  EXPECT_EQ(names, expected);
}

TEST(PinyinSortKeyTest, KeysAreLowercaseHex) {
  for (const char* name : {"张三", "买买提·艾力", "𠮷", "䶮", "Tom", ""}) {
    const std::string key = PinyinSortKey(name);
    EXPECT_FALSE(key.empty()) << name;
    EXPECT_EQ(key.size() % 2, 0u);
    EXPECT_TRUE(std::all_of(key.begin(), key.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    })) << name;
  }
}

TEST(PinyinSortKeyTest, NormalizesFirst) {
  EXPECT_EQ(PinyinSortKey("张 三"), PinyinSortKey("张三"));
  EXPECT_EQ(PinyinSortKey("买买提•艾力"), PinyinSortKey("买买提·艾力"));
  EXPECT_NE(PinyinSortKey("张三"), PinyinSortKey("张四"));
}

TEST(PinyinTest, Initials) {
  EXPECT_EQ(PinyinInitials("张三"), "zs");
  EXPECT_EQ(PinyinInitials("欧阳修"), "oyx");
  EXPECT_EQ(PinyinInitials("买买提·艾力"), "mmtal");
  EXPECT_EQ(PinyinInitials("张 三"), "zs");
  EXPECT_EQ(PinyinInitials("刘䶮"), "ly");
  EXPECT_EQ(PinyinInitials("Li Ming"), "lm");
  EXPECT_EQ(PinyinInitials("张A"), "za");
  EXPECT_EQ(PinyinInitials(""), "");
  EXPECT_EQ(PinyinInitials("𠮷"), "");  // ICU has no reading for 𠮷
}

TEST(PinyinTest, SurnameReadings) {
  EXPECT_EQ(PinyinInitials("曾祥"), "zx");     // zeng, not ceng
  EXPECT_EQ(PinyinInitials("单雄信"), "sxx");  // shan, not dan
  EXPECT_EQ(PinyinFull("区"), "ou");
  EXPECT_EQ(PinyinFull("仇"), "qiu");
}

TEST(PinyinTest, Full) {
  EXPECT_EQ(PinyinFull("张三"), "zhangsan");
  EXPECT_EQ(PinyinFull("欧阳修"), "ouyangxiu");
  EXPECT_EQ(PinyinFull("买买提·艾力"), "maimaitiaili");
  EXPECT_EQ(PinyinFull("吕"), "lu");
  EXPECT_EQ(PinyinFull("ＬＩ Ming"), "liming");
  EXPECT_EQ(PinyinFull(""), "");
}

TEST(NameCollationTest, SameKeysFromManyThreads) {
  std::vector<std::string> expected;
  for (const std::string& name : kStrokeOrder) {
    expected.push_back(StrokeSortKey(name) + PinyinSortKey(name) + PinyinFull(name));
  }
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&result] {
      for (int round = 0; round < 20; ++round) {
        result.clear();
        for (const std::string& name : kStrokeOrder) {
          result.push_back(StrokeSortKey(name) + PinyinSortKey(name) + PinyinFull(name));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& result : results) EXPECT_EQ(result, expected);
}

TEST(PinyinTest, OutputIsLowercaseAscii) {
  for (const std::string& name : kStrokeOrder) {
    const std::string full = PinyinFull(name);
    EXPECT_TRUE(std::all_of(full.begin(), full.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    })) << name;
    EXPECT_LE(PinyinInitials(name).size(), full.size());
  }
}

}  // namespace
}  // namespace peixun::core
