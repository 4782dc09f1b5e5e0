#include "core/text_normalize.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

TEST(NormalizeFieldTest, FullWidthDigitsLettersAndDataSymbolsBecomeHalfWidth) {
  EXPECT_EQ(NormalizeField("１３８００１３８０００"), "13800138000");
  EXPECT_EQ(NormalizeField("ＡＢＣｘｙｚ"), "ABCxyz");
  EXPECT_EQ(NormalizeField("＋８６－１３８"), "+86-138");
  EXPECT_EQ(NormalizeField("２０２０／５／１"), "2020/5/1");
  EXPECT_EQ(NormalizeField("ａ＠ｂ．ｃｎ"), "a@b.cn");
}

TEST(NormalizeFieldTest, ChinesePunctuationStaysAsTyped) {
  // Class names and titles use full-width punctuation on purpose.
  EXPECT_EQ(NormalizeField("（第一期）"), "（第一期）");
  EXPECT_EQ(NormalizeField("现场教学：社区党建示范点"), "现场教学：社区党建示范点");
  EXPECT_EQ(NormalizeField("！～"), "！～");
  EXPECT_EQ(NormalizeField("。、「」"), "。、「」");
  EXPECT_EQ(NormalizeField("，；："), "，；：");
  EXPECT_EQ(NormalizeField("\uFF5F\uFF61"), "\uFF5F\uFF61");
}

TEST(NormalizeFieldTest, TrimsAndCollapsesEveryKindOfSpace) {
  EXPECT_EQ(NormalizeField(""), "");
  EXPECT_EQ(NormalizeField("   "), "");
  EXPECT_EQ(NormalizeField("  a  b  "), "a b");
  EXPECT_EQ(NormalizeField("a\t\tb\r\nc"), "a b c");
  EXPECT_EQ(NormalizeField("\u3000张三\u3000"), "张三");
  EXPECT_EQ(NormalizeField("张\u3000\u3000三"), "张 三");
  EXPECT_EQ(NormalizeField("a\u00A0b"), "a b");
  EXPECT_EQ(NormalizeField("a\u2003\u202F\u205Fb"), "a b");
  EXPECT_EQ(NormalizeField("\u00A0\u3000 \t"), "");
}

TEST(NormalizeFieldTest, DropsByteOrderMarkAndZeroWidthSpace) {
  EXPECT_EQ(NormalizeField("\uFEFF单位名称"), "单位名称");
  EXPECT_EQ(NormalizeField("张\u200B三"), "张三");
  EXPECT_EQ(NormalizeField("\uFEFF  x"), "x");
}

TEST(NormalizeFieldTest, ComposesToNfc) {
  EXPECT_EQ(NormalizeField("e\u0301"), "\u00E9");
  EXPECT_EQ(NormalizeField("lu\u0308"), "l\u00FC");
  EXPECT_EQ(NormalizeField("\u00E9"), "\u00E9");
  // A compatibility ideograph is canonically equivalent to its unified twin.
  EXPECT_EQ(NormalizeField("\uF934"), "\u8001");
}

TEST(NormalizeFieldTest, KeepsRareHanByteForByte) {
  EXPECT_EQ(NormalizeField("𠮷"), "\xF0\xA0\xAE\xB7");
  EXPECT_EQ(NormalizeField("刘䶮"), "刘\xE4\xB6\xAE");
  EXPECT_EQ(NormalizeField(" 𠮷田 "), "𠮷田");
  EXPECT_EQ(NormalizeField("𪚥𫠠"), "𪚥𫠠");
}

TEST(NormalizeFieldTest, ReplacesIllFormedBytes) {
  EXPECT_EQ(NormalizeField("a\xFF"
                           "b"),
            "a\uFFFDb");
  EXPECT_TRUE(IsValidUtf8(NormalizeField("\xE5\xBC")));
}

TEST(NormalizeFieldTest, IsIdempotent) {
  for (const char* text : {"  张　三 ", "ＡＢ  c", "买买提 • 艾力", "e\u0301 x", "𠮷"}) {
    const std::string once = NormalizeField(text);
    EXPECT_EQ(NormalizeField(once), once) << text;
  }
}

TEST(NormalizeNameTest, RemovesSpacesBetweenHan) {
  EXPECT_EQ(NormalizeName("张 三"), "张三");
  EXPECT_EQ(NormalizeName(" 张　三 "), "张三");
  EXPECT_EQ(NormalizeName("欧 阳  修"), "欧阳修");
  EXPECT_EQ(NormalizeName("刘 䶮"), "刘䶮");
  EXPECT_EQ(NormalizeName("𠮷 田"), "𠮷田");
}

TEST(NormalizeNameTest, KeepsSpacesNextToOtherScripts) {
  EXPECT_EQ(NormalizeName("Li  Ming"), "Li Ming");
  EXPECT_EQ(NormalizeName("张 Li"), "张 Li");
  EXPECT_EQ(NormalizeName("Anna 李"), "Anna 李");
  EXPECT_EQ(NormalizeName("张 3"), "张 3");
}

TEST(NormalizeNameTest, UnifiesMiddleDotLookAlikes) {
  const std::string expected = "买买提·艾力";
  for (const char* dot : {"\u00B7", "\u2022", "\u30FB", "\uFF65", "\u2027", "\u22C5", "\u2219",
                          "\u0387", "\u16EB", ".", "\uFF0E"}) {
    EXPECT_EQ(NormalizeName(std::string("买买提") + dot + "艾力"), expected) << dot;
  }
}

TEST(NormalizeNameTest, SpacesAroundTheDotGo) {
  EXPECT_EQ(NormalizeName("买买提 • 艾力"), "买买提·艾力");
  EXPECT_EQ(NormalizeName("买买提 ·艾力"), "买买提·艾力");
  EXPECT_EQ(NormalizeName("买买提\u3000．\u3000艾力"), "买买提·艾力");
  EXPECT_EQ(NormalizeName("买买提··艾力"), "买买提·艾力");
  EXPECT_EQ(NormalizeName("阿依古丽・买买提・吐尔逊"), "阿依古丽·买买提·吐尔逊");
}

TEST(NormalizeNameTest, LookAlikesBetweenLatinLettersBecomeMiddleDot) {
  EXPECT_EQ(NormalizeName("Jean•Paul"), "Jean·Paul");
  EXPECT_EQ(NormalizeName("Jean ・ Paul"), "Jean·Paul");
}

TEST(NormalizeNameTest, AsciiFullStopOutsideHanStays) {
  EXPECT_EQ(NormalizeName("J. Smith"), "J. Smith");
  EXPECT_EQ(NormalizeName("J.Smith"), "J.Smith");
  EXPECT_EQ(NormalizeName("张.Smith"), "张.Smith");
}

TEST(NormalizeNameTest, SeparatorsAtTheEndsStay) {
  EXPECT_EQ(NormalizeName("·张三"), "·张三");
  EXPECT_EQ(NormalizeName("张三•"), "张三•");
  EXPECT_EQ(NormalizeName("张三 ."), "张三 .");
  EXPECT_EQ(NormalizeName("•"), "•");
}

TEST(NormalizeNameTest, DotsBetweenDigitsStay) {
  EXPECT_EQ(NormalizeName("1•2"), "1•2");
  EXPECT_EQ(NormalizeName("张1.5"), "张1.5");
}

TEST(NormalizeNameTest, EmptyAndPlainNames) {
  EXPECT_EQ(NormalizeName(""), "");
  EXPECT_EQ(NormalizeName("   "), "");
  EXPECT_EQ(NormalizeName("张三"), "张三");
  EXPECT_EQ(NormalizeName("ＬＩ　Ｍｉｎｇ"), "LI Ming");
}

TEST(NormalizeNameTest, KeepsRareHanByteForByte) {
  EXPECT_EQ(NormalizeName("𠮷"), "\xF0\xA0\xAE\xB7");
  EXPECT_EQ(NormalizeName("刘䶮"), "刘\xE4\xB6\xAE");
  EXPECT_EQ(NormalizeName("𠮷·䶮"), "𠮷·䶮");
}

TEST(NormalizeNameTest, IsIdempotent) {
  for (const char* name : {"张 三", "买买提 • 艾力", "J. Smith", "·张三", "𠮷 田", "Jean•Paul"}) {
    const std::string once = NormalizeName(name);
    EXPECT_EQ(NormalizeName(once), once) << name;
  }
}

TEST(IsValidUtf8Test, IsAvailableFromTextNormalize) {
  EXPECT_TRUE(IsValidUtf8("张三"));
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));
}

}  // namespace
}  // namespace peixun::core
