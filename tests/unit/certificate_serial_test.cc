#include "core/certificate_serial.h"

#include <gtest/gtest.h>

#include <string>

namespace peixun::core {
namespace {

CertificateSerial Counting(int year) {
  CertificateSerial s;
  s.year = year;
  for (int i = 0; i < kSerialRandomBytes; ++i) s.random[i] = static_cast<uint8_t>(i + 1);
  return s;
}

// By hand: the year's digits 2,0,2,0 read base 32 are 65600 ≡ 36 (mod 37); sixteen
// zero symbols multiply by 32 each time: 36 → 5 → 12 → 14 → 4 → 17 → 26 → 18 → 21 → 6
// → 7 → 2 → 27 → 13 → 9 → 29 → 3, the symbol "3".
TEST(CertificateSerialTest, AllZeroBitsByHand) {
  CertificateSerial s;
  s.year = 2020;
  EXPECT_EQ(FormatSerial(s), "PX-2020-0000-0000-0000-0000-3");
  EXPECT_EQ(SerialCheckSymbol(2020, std::string(16, 'Z')), 'U');
}

// Bytes 01 02 … 0A: 0000 0001 0000 0010 … as 5-bit groups 0,4,1,0,6,1,0,5,0,24(R),3,16(G),
// 16(G),2,8,10(A); checked by an independent script: check "G".
TEST(CertificateSerialTest, CountingBytes) {
  EXPECT_EQ(FormatSerial(Counting(2026)), "PX-2026-0410-6105-0R3G-G28A-G");
  auto parsed = ParseSerial("PX-2026-0410-6105-0R3G-G28A-G");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, Counting(2026));
}

TEST(CertificateSerialTest, LenientLikeCrockford) {
  const CertificateSerial want = Counting(2026);
  for (const char* text : {"px-2026-0410-6105-0r3g-g28a-g", "PX 2026 O41O 61O5 0R3G G28A G",
                           "PX2026041061050R3GG28AG"}) {
    auto parsed = ParseSerial(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(*parsed, want) << text;
  }
  // I and L read as 1.
  CertificateSerial ones;
  ones.year = 2021;
  ones.random[9] = 1;  // last symbol 1
  const std::string canonical = FormatSerial(ones);
  std::string with_l = canonical;
  with_l[with_l.size() - 3] = 'L';
  ASSERT_EQ(canonical[canonical.size() - 3], '1');
  EXPECT_EQ(ParseSerial(with_l), ones);
}

TEST(CertificateSerialTest, EverySingleSubstitutionAndAdjacentSwapIsCaught) {
  const std::string good = FormatSerial(Counting(2026));
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  int tried = 0;
  for (size_t i = 8; i < good.size(); ++i) {
    if (good[i] == '-') continue;
    for (char c : alphabet + "*~$=U") {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      EXPECT_FALSE(ParseSerial(bad).has_value()) << bad;
      ++tried;
    }
  }
  EXPECT_GT(tried, 16 * 31);
  std::string compact;
  for (char c : good) {
    if (c != '-') compact += c;
  }
  for (size_t i = 6; i + 2 < compact.size(); ++i) {  // the 16 data symbols
    if (compact[i] == compact[i + 1]) continue;
    std::string swapped = compact;
    std::swap(swapped[i], swapped[i + 1]);
    EXPECT_FALSE(ParseSerial(swapped).has_value()) << swapped;
  }
}

TEST(CertificateSerialTest, MalformedIsRefused) {
  for (const char* text :
       {"", "PX", "PY-2026-0410-6105-0R3G-G28A-G", "PX-20X6-0410-6105-0R3G-G28A-G",
        "PX-2026-0410-6105-0R3G-G28A", "PX-2026-0410-6105-0R3G-G28A-GG",
        "PX-2026-0410-6105-0R3G-G2UA-G", "PX-0026-0410-6105-0R3G-G28A-G", "../../etc/passwd",
        "PX-2026-0410-6105-0R3G-G28A-G-0000000000000000000"}) {
    EXPECT_FALSE(ParseSerial(text).has_value()) << text;
  }
}

TEST(CertificateSerialTest, RoundTripsAndCarriesEightyBits) {
  for (int seed = 0; seed < 50; ++seed) {
    CertificateSerial s;
    s.year = 2000 + seed;
    for (int i = 0; i < kSerialRandomBytes; ++i) {
      s.random[i] = static_cast<uint8_t>((seed * 37 + i * 101 + 7) & 0xff);
    }
    const std::string text = FormatSerial(s);
    EXPECT_EQ(text.size(), std::string("PX-2020-7K3M-Q9XD-T2WA-B8HN-5").size());
    EXPECT_EQ(ParseSerial(text), s) << text;
  }
}

TEST(CertificateSerialTest, MaskName) {
  EXPECT_EQ(MaskName("王小明"), "王*明");
  EXPECT_EQ(MaskName("王明"), "王*");
  EXPECT_EQ(MaskName("䶮"), "䶮");
  EXPECT_EQ(MaskName("买买提·艾力"), "买****力");
  EXPECT_EQ(MaskName("欧阳䶮明"), "欧**明");
  EXPECT_EQ(MaskName(""), "");
}

}  // namespace
}  // namespace peixun::core
