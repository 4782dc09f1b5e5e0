#include "crypto/data_key.h"

#include "crypto/base64.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace peixun::crypto {
namespace {

[[maybe_unused]] const bool kSodiumReady = sodium_init() >= 0;

std::string ToBase64(const unsigned char* data, size_t len) {
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(data), len));
}

// Through Base64Decode, which refuses bytes >= 0x80 (libsodium 1.0.18 reads them as '/').
bool FromBase64(std::string_view text, std::vector<unsigned char>* out) {
  const std::optional<std::string> bytes = Base64Decode(text);
  if (!bytes) return false;
  out->assign(bytes->begin(), bytes->end());
  return true;
}

Error KeyInvalid(const std::string& path, const std::string& why) {
  return Invalid("crypto.key_invalid", "密钥文件 " + path + " 无效：" + why,
                 "key file " + path + " is invalid: " + why, "--key-file");
}

}  // namespace

void DataKey::Derive() {
  crypto_kdf_derive_from_key(enc_key_.data(), enc_key_.size(), 1, "peixunEN", master_.data());
  crypto_kdf_derive_from_key(mac_key_.data(), mac_key_.size(), 2, "peixunFP", master_.data());
}

Result<DataKey> DataKey::Load(const std::string& path) {
  // POSIX reads, for errno: a missing file and one that cannot be read (a
  // directory, no permission, an I/O error) are told apart.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    return NotFound("crypto.key_missing",
                    "找不到密钥文件 " + path + "：请先运行 peixun init，或用 --key-file 指定",
                    "key file " + path + " not found: run `peixun init` first or pass --key-file",
                    "--key-file");
  }
  std::string text;
  int read_errno = fd < 0 ? errno : 0;
  if (fd >= 0) {
    char buf[256];
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n > 0 && text.size() < 4096) text.append(buf, static_cast<size_t>(n));
      if (n == 0 || (n > 0 && text.size() >= 4096)) break;
      if (n < 0 && errno != EINTR) {
        read_errno = errno;
        break;
      }
    }
    ::close(fd);
  }
  if (read_errno != 0) {
    const std::string why = std::strerror(read_errno);
    return MakeError(ErrorKind::kInternal, "crypto.key_unreadable",
                     "无法读取密钥文件 " + path + "：" + why,
                     "cannot read key file " + path + ": " + why, "--key-file");
  }
  std::vector<unsigned char> bytes;
  if (!FromBase64(text, &bytes) || bytes.size() != 32) {
    return KeyInvalid(path, "应为 32 字节的 base64");
  }
  DataKey key;
  std::copy(bytes.begin(), bytes.end(), key.master_.begin());
  key.Derive();
  return key;
}

Result<DataKey> DataKey::LoadOrCreate(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0) return Load(path);
  DataKey key;
  crypto_kdf_keygen(key.master_.data());
  key.Derive();
  const mode_t old = umask(077);
  {
    std::ofstream out(path, std::ios::trunc);
    out << ToBase64(key.master_.data(), key.master_.size()) << "\n";
    out.close();
    umask(old);
    if (!out) {
      return Internal("crypto.key_write", "cannot write key file " + path);
    }
  }
  return key;
}

DataKey DataKey::FromSeed(std::string_view seed) {
  DataKey key;
  crypto_generichash(key.master_.data(), key.master_.size(),
                     reinterpret_cast<const unsigned char*>(seed.data()), seed.size(), nullptr, 0);
  key.Derive();
  return key;
}

std::string DataKey::Encrypt(std::string_view plaintext) const {
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plaintext.size());
  randombytes_buf(buf.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(buf.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        buf.data(), enc_key_.data());
  return ToBase64(buf.data(), buf.size());
}

Result<std::string> DataKey::Decrypt(std::string_view sealed) const {
  std::vector<unsigned char> bytes;
  if (!FromBase64(sealed, &bytes) ||
      bytes.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Invalid("crypto.decrypt", "密文格式错误", "malformed ciphertext");
  }
  std::string plain(bytes.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 bytes.data() + crypto_secretbox_NONCEBYTES,
                                 bytes.size() - crypto_secretbox_NONCEBYTES, bytes.data(),
                                 enc_key_.data()) != 0) {
    return Invalid("crypto.decrypt", "无法解密：密钥文件与数据库不匹配",
                   "cannot decrypt: the key file does not match the database");
  }
  return plain;
}

std::string DataKey::Fingerprint(std::string_view plaintext) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(plaintext.data()),
                     plaintext.size(), mac_key_.data(), mac_key_.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string DefaultKeyPath(const std::string& db_url) {
  if (const char* env = std::getenv("PEIXUN_KEY_FILE"); env && *env) return env;
  if (db_url.rfind("sqlite:", 0) == 0) {
    std::string path = db_url.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    return path + ".key";
  }
  return "peixun.key";
}

}  // namespace peixun::crypto
