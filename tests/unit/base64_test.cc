#include "crypto/base64.h"

#include <gtest/gtest.h>

namespace peixun::crypto {
namespace {

TEST(Base64Test, RoundTripsBytesAndIgnoresLineBreaks) {
  const std::string bytes("\x89PNG\r\n\x1a\n\0\xff", 10);
  const std::string text = Base64Encode(bytes);
  EXPECT_EQ(text, "iVBORw0KGgoA/w==");
  EXPECT_EQ(Base64Decode(text), bytes);
  EXPECT_EQ(Base64Decode("iVBORw0K\r\nGgoA/w=="), bytes);
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Decode(""), std::string());
}

TEST(Base64Test, RefusesWhatIsNotBase64) {
  EXPECT_EQ(Base64Decode("not base64!"), std::nullopt);
  EXPECT_EQ(Base64Decode("iVBORw0KGgoA/w"), std::nullopt);  // padding missing
}

// libsodium 1.0.18 (Debian 12) decodes any byte >= 0x80 as '/': "iVBORw0KGgoA\xffw=="
// decoded to the bytes of "iVBORw0KGgoA/w==" before Base64Decode refused non-ASCII.
TEST(Base64Test, RefusesBytesOutsideAscii) {
  ASSERT_TRUE(Base64Decode("iVBORw0KGgoA/w=="));
  EXPECT_EQ(Base64Decode("iVBORw0KGgoA\xffw=="), std::nullopt);
  EXPECT_EQ(Base64Decode("iVBORw0KGgoA\x98w=="), std::nullopt);
  EXPECT_EQ(Base64Decode("iVBORw0KGgoA\xc3\xbf=="), std::nullopt);
}

}  // namespace
}  // namespace peixun::crypto
