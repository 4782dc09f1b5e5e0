#include "modules/auth/password.h"

#include <sodium.h>

#include <string>

#include "core/utf8.h"
#include "modules/auth/internal/secret_token.h"

namespace peixun::auth {
namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

// No 0/O/o, 1/l/I: a password read aloud or copied from paper stays unambiguous.
constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    return Internal("auth.password.hash", "password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);  // crypto_pwhash_str_verify reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void VerifyDummyPassword(std::string_view password) {
  // Made once, on first use; a static local is initialized thread-safely.
  static const std::string dummy = [] {
    Result<std::string> h = HashPassword(RandomSecret());
    return h ? *h : std::string();
  }();
  (void)VerifyPassword(dummy, password);
}

bool NeedsRehash(std::string_view hash) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), kOpsLimit, kMemLimit) != 0;
}

std::string GeneratePassword() {
  EnsureSodium();
  // Drawn again until it holds an upper-case letter, a lower-case letter and a digit, so
  // a generated password meets the password policy's character classes (one in six of
  // 12 uniform draws has no digit); the draw stays uniform over the passwords that do.
  for (;;) {
    std::string out;
    out.reserve(kGeneratedPasswordChars);
    bool upper = false, lower = false, digit = false;
    for (size_t i = 0; i < kGeneratedPasswordChars; ++i) {
      const char c = kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
      upper = upper || (c >= 'A' && c <= 'Z');
      lower = lower || (c >= 'a' && c <= 'z');
      digit = digit || (c >= '0' && c <= '9');
      out += c;
    }
    if (upper && lower && digit) return out;
  }
}

Status CheckNewPassword(std::string_view password, std::string_view username,
                        const std::string& field) {
  const size_t chars = core::Utf8CharCount(password);
  if (chars < kMinPasswordChars) {
    return Invalid(
        "auth.password.too_short", "密码至少需要 " + std::to_string(kMinPasswordChars) + " 个字符",
        "the password needs at least " + std::to_string(kMinPasswordChars) + " characters", field);
  }
  if (chars > kMaxPasswordChars) {
    return Invalid(
        "auth.password.too_long", "密码不能超过 " + std::to_string(kMaxPasswordChars) + " 个字符",
        "the password must be at most " + std::to_string(kMaxPasswordChars) + " characters", field);
  }
  bool one_char = true;
  for (char c : password) one_char &= c == password.front();
  if (password == username || one_char) {
    return Invalid("auth.password.weak", "密码太简单：不能与用户名相同，也不能是同一个字符重复",
                   "the password is too weak: not the username, not one character repeated", field);
  }
  return Ok();
}

}  // namespace peixun::auth
