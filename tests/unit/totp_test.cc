#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "crypto/hmac_sha1.h"

namespace peixun::crypto {
namespace {

std::string Hex(const Sha1Digest& d) {
  std::string out;
  char buf[3];
  for (unsigned char c : d) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

TEST(Sha1Test, MatchesFipsExamples) {
  EXPECT_EQ(Hex(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Hex(Sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  // Two blocks after padding.
  EXPECT_EQ(Hex(Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

TEST(HmacSha1Test, MatchesRfc2202) {
  EXPECT_EQ(Hex(HmacSha1("Jefe", "what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  // A key longer than the block is hashed first.
  EXPECT_EQ(Hex(HmacSha1(std::string(80, '\xaa'),
                         "Test Using Larger Than Block-Size Key - Hash Key First")),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

TEST(HotpTest, MatchesRfc4226AppendixD) {
  const std::string key = "12345678901234567890";
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t i = 0; i < 10; ++i) EXPECT_EQ(Hotp(key, i), expected[i]) << "counter " << i;
}

TEST(TotpTest, MatchesRfc6238AppendixBSha1) {
  const std::string key = "12345678901234567890";
  EXPECT_EQ(Totp(key, 59, 8), "94287082");
  EXPECT_EQ(Totp(key, 1111111109, 8), "07081804");
  EXPECT_EQ(Totp(key, 1111111111, 8), "14050471");
  EXPECT_EQ(Totp(key, 1234567890, 8), "89005924");
  EXPECT_EQ(Totp(key, 2000000000, 8), "69279037");
  EXPECT_EQ(Totp(key, 20000000000, 8), "65353130");
  // Six digits are the last six of the eight.
  EXPECT_EQ(Totp(key, 1111111109), "081804");
  EXPECT_EQ(TotpStep(59), 1);
  EXPECT_EQ(TotpStep(60), 2);
  EXPECT_EQ(TotpStep(-1), -1);
}

TEST(Base32Test, MatchesRfc4648AndRoundTrips) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Decode("MZXW6YTBOI"), std::string("foobar"));
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi=="), std::string("foobar"));
  EXPECT_EQ(Base32Decode("MZXW1"), std::nullopt);
  const std::string twenty = "12345678901234567890";
  EXPECT_EQ(Base32Encode(twenty), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(Base32Decode(Base32Encode(twenty)), twenty);
}

TEST(OtpauthUriTest, EncodesLabelAndParameters) {
  EXPECT_EQ(OtpauthUri("培训", "admin", "GEZDGNBV"),
            "otpauth://totp/%E5%9F%B9%E8%AE%AD:admin?secret=GEZDGNBV&issuer=%E5%9F%B9%E8%AE%AD"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace peixun::crypto
