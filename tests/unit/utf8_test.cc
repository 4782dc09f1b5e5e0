#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace peixun::core {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII\t\n"));
  EXPECT_TRUE(IsValidUtf8("张三"));
  EXPECT_TRUE(IsValidUtf8("\xC2\xA0"));          // U+00A0, smallest two-byte lead
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000
  EXPECT_TRUE(IsValidUtf8("𠮷"));                // U+20BB7, four bytes
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8Test, RefusesIllFormedText) {
  EXPECT_FALSE(IsValidUtf8("\x80"));                          // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));                      // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));                      // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));                  // overlong three-byte form
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));                  // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));              // overlong four-byte form
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));              // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));              // invalid lead
  EXPECT_FALSE(IsValidUtf8("\xFF"));                          // invalid lead
  EXPECT_FALSE(IsValidUtf8("\xE5\xBC"));                      // truncated 张
  EXPECT_FALSE(IsValidUtf8("张\xE5"));                        // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xE5\x41\xA0"));                  // continuation replaced by ASCII
  EXPECT_FALSE(IsValidUtf8(std::string("\xF0\xA0\xAE", 3)));  // truncated 𠮷
}

TEST(Utf8Test, DecodesCodePoints) {
  EXPECT_EQ(DecodeUtf8(""), U"");
  EXPECT_EQ(DecodeUtf8("a张𠮷"), U"a张𠮷");
  EXPECT_EQ(DecodeUtf8("䶮"), std::u32string(1, U'\u4DAE'));
  EXPECT_EQ(DecodeUtf8("𠮷"), std::u32string(1, U'\U00020BB7'));
}

TEST(Utf8Test, DecodeReplacesEachBadByteWithReplacementCharacter) {
  EXPECT_EQ(DecodeUtf8("a\x80z"), U"a\uFFFDz");
  EXPECT_EQ(DecodeUtf8("\xC0\x80"), U"\uFFFD\uFFFD");
  EXPECT_EQ(DecodeUtf8("\xE5\xBC"), U"\uFFFD\uFFFD");
  EXPECT_EQ(DecodeUtf8("\xE5\xBC张"), U"\uFFFD\uFFFD张");
}

TEST(Utf8Test, EncodesAndRoundTrips) {
  EXPECT_EQ(EncodeUtf8(U"a张𠮷䶮"), "a张𠮷䶮");
  EXPECT_EQ(EncodeUtf8(U""), "");
  for (char32_t c :
       {U'\0', U'\x7F', U'\x80', U'\u07FF', U'\u0800', U'\uFFFF', U'\U00010000', U'\U0010FFFF'}) {
    std::string bytes;
    AppendUtf8(c, &bytes);
    EXPECT_TRUE(IsValidUtf8(bytes)) << static_cast<uint32_t>(c);
    EXPECT_EQ(DecodeUtf8(bytes), std::u32string(1, c)) << static_cast<uint32_t>(c);
  }
}

TEST(Utf8Test, EncodesInvalidCodePointsAsReplacementCharacter) {
  std::string out;
  AppendUtf8(0xD800, &out);
  AppendUtf8(0x110000, &out);
  EXPECT_EQ(out, "\uFFFD\uFFFD");
}

}  // namespace
}  // namespace peixun::core
