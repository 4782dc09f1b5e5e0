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

}  // namespace
}  // namespace peixun::crypto
