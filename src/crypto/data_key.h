// The data key: encrypts personal data at rest (ID numbers) and makes keyed
// fingerprints of it (to find duplicates without decrypting). It lives in a key
// file OUTSIDE the database (created by `peixun init`, mode 0600), so a copy of
// the database alone reveals no ID number.
//
// Encryption is XChaCha20-Poly1305 (libsodium secretbox-easy with a random
// nonce); fingerprints are keyed BLAKE2b. Both use sub-keys derived from the one
// master key. A DataKey is immutable after loading and safe to share across threads.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::crypto {

class DataKey {
 public:
  // Reads the key file at `path`. Fails with "crypto.key_missing" when absent,
  // "crypto.key_unreadable" when it cannot be read (a directory, permissions, I/O)
  // and "crypto.key_invalid" when malformed.
  static Result<DataKey> Load(const std::string& path);
  // Loads the key file, creating it with a fresh random key when missing.
  static Result<DataKey> LoadOrCreate(const std::string& path);
  // A key from fixed bytes, for tests.
  static DataKey FromSeed(std::string_view seed);

  // Base64 of nonce || ciphertext.
  std::string Encrypt(std::string_view plaintext) const;
  // Fails with "crypto.decrypt" when the text was not made by this key.
  Result<std::string> Decrypt(std::string_view sealed) const;
  // Hex keyed hash; equal plaintexts give equal fingerprints under one key.
  std::string Fingerprint(std::string_view plaintext) const;
  // Fingerprint of a fixed text, stored in the database to detect a wrong key file.
  std::string CheckValue() const { return Fingerprint("peixun-key-check-v1"); }

 private:
  std::array<unsigned char, 32> master_{};
  std::array<unsigned char, 32> enc_key_{};
  std::array<unsigned char, 32> mac_key_{};
  void Derive();
};

// The default key file for a database URL: PATH.key beside a SQLite file,
// ./peixun.key for PostgreSQL. The environment variable PEIXUN_KEY_FILE wins.
std::string DefaultKeyPath(const std::string& db_url);

}  // namespace peixun::crypto
