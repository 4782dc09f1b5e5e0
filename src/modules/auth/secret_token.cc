#include "modules/auth/internal/secret_token.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

namespace peixun::auth {

void EnsureSodium() {
  // sodium_init is itself idempotent and thread-safe; the static makes the
  // common path a plain load. Failure means no usable random source: refuse to
  // go on rather than hand out predictable secrets.
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

std::string RandomSecret(size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  out.resize(out.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string SecretHash(std::string_view secret) {
  EnsureSodium();
  unsigned char digest[crypto_generichash_BYTES];  // 32
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return hex;
}

bool LooksLikeSecret(std::string_view text) {
  if (text.size() != kSecretChars) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.empty() || a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace peixun::auth
