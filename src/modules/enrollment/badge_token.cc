#include "modules/enrollment/internal/badge_token.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <mutex>

namespace peixun::enrollment {
namespace {

constexpr char kKeyContext[] = "peixun.badge.key.v1";
constexpr char kMessagePrefix[] = "peixun.badge.v1:";
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // libsodium cannot work at all: nothing to do
  });
}

using Key = std::array<unsigned char, crypto_auth_KEYBYTES>;
using Mac = std::array<unsigned char, crypto_auth_BYTES>;

// BLAKE2b-256 of a fixed context followed by the secret: the secret carries the
// entropy (32 random bytes), the context keeps these keys apart from any other use.
Key DeriveKey(std::string_view secret) {
  const std::string input = kKeyContext + std::string(":") + std::string(secret);
  Key key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), nullptr, 0);
  return key;
}

Mac Compute(int64_t class_id, int64_t person_id, std::string_view secret) {
  EnsureSodium();
  const Key key = DeriveKey(secret);
  const std::string message =
      kMessagePrefix + std::to_string(class_id) + ":" + std::to_string(person_id);
  Mac mac{};
  crypto_auth(mac.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              key.data());
  return mac;
}

}  // namespace

std::string BadgeToken(int64_t class_id, int64_t person_id, std::string_view checkin_secret) {
  const Mac mac = Compute(class_id, person_id, checkin_secret);
  std::string text(sodium_base64_encoded_len(mac.size(), kBase64Variant), '\0');
  sodium_bin2base64(text.data(), text.size(), mac.data(), mac.size(), kBase64Variant);
  text.resize(text.find('\0'));
  return std::to_string(person_id) + "." + text;
}

std::string BadgeUrl(int64_t class_id, std::string_view token) {
  return "/k/" + std::to_string(class_id) + "/" + std::string(token);
}

std::optional<int64_t> VerifyBadgeToken(int64_t class_id, std::string_view token,
                                        std::string_view checkin_secret) {
  EnsureSodium();
  const size_t dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  int64_t person_id = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + dot, person_id);
  if (ec != std::errc() || end != token.data() + dot || person_id <= 0) return std::nullopt;
  // Only the canonical decimal form: "007" would verify as 7 otherwise.
  if (std::to_string(person_id) != token.substr(0, dot)) return std::nullopt;
  const std::string_view text = token.substr(dot + 1);
  // libsodium 1.0.18 (Debian 12) decodes every byte >= 0x80 as '_': refuse anything
  // outside the base64url alphabet first, so one badge has one token (fuzzing the
  // check-in token, decoded the same way, found it).
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  Mac given{};
  size_t len = 0;
  if (sodium_base642bin(given.data(), given.size(), text.data(), text.size(), nullptr, &len,
                        nullptr, kBase64Variant) != 0 ||
      len != given.size()) {
    return std::nullopt;
  }
  const Key key = DeriveKey(checkin_secret);
  const std::string message =
      kMessagePrefix + std::to_string(class_id) + ":" + std::to_string(person_id);
  if (crypto_auth_verify(given.data(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key.data()) != 0) {
    return std::nullopt;
  }
  return person_id;
}

}  // namespace peixun::enrollment
