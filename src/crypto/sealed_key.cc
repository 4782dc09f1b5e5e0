#include "crypto/sealed_key.h"

#include <sodium.h>

#include <vector>

#include "crypto/base64.h"

namespace peixun::crypto {
namespace {

using Bytes = std::vector<unsigned char>;

Status DeriveKey(std::string_view passphrase, const unsigned char* salt, unsigned char* out) {
  if (crypto_pwhash(out, crypto_secretbox_KEYBYTES, passphrase.data(), passphrase.size(), salt,
                    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("crypto.pwhash", "crypto_pwhash failed (out of memory)");
  }
  return Ok();
}

Error Malformed() {
  return Invalid("crypto.sealed_key.format", "备份的密钥文件格式不对（不是 peixun backup 写的）",
                 "the backup's key file is not one peixun backup wrote", "FILE");
}

}  // namespace

Result<std::string> SealKeyFile(std::string_view key_file_bytes, std::string_view passphrase) {
  if (sodium_init() < 0) return Internal("crypto.init", "libsodium failed to initialize");
  if (passphrase.empty()) {
    return Invalid("crypto.passphrase.empty", "备份口令不能为空", "the backup passphrase is empty",
                   "--passphrase-file");
  }
  Bytes out(crypto_pwhash_SALTBYTES + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
            key_file_bytes.size());
  unsigned char* salt = out.data();
  unsigned char* nonce = salt + crypto_pwhash_SALTBYTES;
  unsigned char* box = nonce + crypto_secretbox_NONCEBYTES;
  randombytes_buf(salt, crypto_pwhash_SALTBYTES);
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  unsigned char key[crypto_secretbox_KEYBYTES];
  PEIXUN_RETURN_IF_ERROR(DeriveKey(passphrase, salt, key));
  crypto_secretbox_easy(box, reinterpret_cast<const unsigned char*>(key_file_bytes.data()),
                        key_file_bytes.size(), nonce, key);
  sodium_memzero(key, sizeof key);
  return std::string(kSealedKeyHeader) + "\n" +
         Base64Encode(std::string_view(reinterpret_cast<const char*>(out.data()), out.size())) +
         "\n";
}

Result<std::string> OpenSealedKeyFile(std::string_view sealed, std::string_view passphrase) {
  if (sodium_init() < 0) return Internal("crypto.init", "libsodium failed to initialize");
  const std::string header = std::string(kSealedKeyHeader) + "\n";
  if (sealed.substr(0, header.size()) != header) return Malformed();
  std::string_view body = sealed.substr(header.size());
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
  const std::optional<std::string> raw = Base64Decode(body);
  const size_t overhead =
      crypto_pwhash_SALTBYTES + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (!raw || raw->size() < overhead) return Malformed();
  const auto* salt = reinterpret_cast<const unsigned char*>(raw->data());
  const unsigned char* nonce = salt + crypto_pwhash_SALTBYTES;
  const unsigned char* box = nonce + crypto_secretbox_NONCEBYTES;
  const size_t box_len = raw->size() - crypto_pwhash_SALTBYTES - crypto_secretbox_NONCEBYTES;
  unsigned char key[crypto_secretbox_KEYBYTES];
  PEIXUN_RETURN_IF_ERROR(DeriveKey(passphrase, salt, key));
  std::string plain(box_len - crypto_secretbox_MACBYTES, '\0');
  const int rc = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box,
                                            box_len, nonce, key);
  sodium_memzero(key, sizeof key);
  if (rc != 0) {
    return Invalid("crypto.passphrase.wrong", "备份口令不对（或备份的密钥文件已被改动）",
                   "wrong backup passphrase (or the backup's key file was altered)",
                   "--passphrase-file");
  }
  return plain;
}

}  // namespace peixun::crypto
