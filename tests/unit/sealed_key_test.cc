// The data key file sealed with a passphrase for backups (crypto/sealed_key.h).
#include "crypto/sealed_key.h"

#include <gtest/gtest.h>

#include <string>

namespace peixun::crypto {
namespace {

constexpr char kKeyFile[] = "q1bMdcIYmGmEtc5E0bHWeJfJQu3xTDCnNMVW7Jx6Sdw=\n";

TEST(SealedKey, OpensWithThePassphraseAndHidesTheKey) {
  auto sealed = SealKeyFile(kKeyFile, "培训班 backup 口令");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->rfind("peixun-sealed-key-v1\n", 0), 0u);
  EXPECT_EQ(sealed->find("q1bMdcIYmGmEtc5E0bHW"), std::string::npos);
  auto opened = OpenSealedKeyFile(*sealed, "培训班 backup 口令");
  ASSERT_TRUE(opened.ok()) << opened.error().code;
  EXPECT_EQ(*opened, kKeyFile);
  // A fresh salt and nonce each time.
  EXPECT_NE(*SealKeyFile(kKeyFile, "培训班 backup 口令"), *sealed);
}

TEST(SealedKey, WrongPassphraseAlteredTextAndEmptyPassphraseAreRefused) {
  auto sealed = SealKeyFile(kKeyFile, "right");
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(OpenSealedKeyFile(*sealed, "wrong").error().code, "crypto.passphrase.wrong");
  std::string altered = *sealed;
  const size_t at = altered.size() - 6;
  altered[at] = altered[at] == 'A' ? 'B' : 'A';
  EXPECT_EQ(OpenSealedKeyFile(altered, "right").error().code, "crypto.passphrase.wrong");
  EXPECT_EQ(OpenSealedKeyFile(kKeyFile, "right").error().code, "crypto.sealed_key.format");
  EXPECT_EQ(OpenSealedKeyFile("peixun-sealed-key-v1\nAAAA\n", "right").error().code,
            "crypto.sealed_key.format");
  EXPECT_EQ(SealKeyFile(kKeyFile, "").error().code, "crypto.passphrase.empty");
}

}  // namespace
}  // namespace peixun::crypto
