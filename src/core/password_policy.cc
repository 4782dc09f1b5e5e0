#include "core/password_policy.h"

#include "core/utf8.h"

namespace peixun::core {

Status ValidatePolicy(const PasswordPolicy& p) {
  if (p.min_chars < 1 || p.min_chars > kMaxPasswordChars) {
    return Invalid("password.policy.invalid", "最短长度须在 1 到 128 之间",
                   "the minimum length must be 1 to 128", "min_chars");
  }
  if (p.min_classes < 1 || p.min_classes > 4) {
    return Invalid("password.policy.invalid", "字符类别数须在 1 到 4 之间",
                   "the character classes must be 1 to 4", "min_classes");
  }
  if (p.history < 0 || p.history > 24) {
    return Invalid("password.policy.invalid", "历史密码数须在 0 到 24 之间",
                   "the password history must be 0 to 24", "history");
  }
  if (p.expiry_days < 0 || p.expiry_days > 3650) {
    return Invalid("password.policy.invalid", "有效天数须在 0 到 3650 之间",
                   "the expiry must be 0 to 3650 days", "expiry_days");
  }
  return Ok();
}

int PasswordClasses(std::string_view password) {
  bool upper = false, lower = false, digit = false, symbol = false;
  for (char ch : password) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      symbol = true;
    }
  }
  return int{upper} + int{lower} + int{digit} + int{symbol};
}

Status CheckPasswordRules(const PasswordPolicy& policy, std::string_view password,
                          std::string_view username, const std::string& field) {
  const size_t chars = Utf8CharCount(password);
  const std::string min = std::to_string(policy.min_chars);
  if (chars < static_cast<size_t>(policy.min_chars)) {
    return Invalid("auth.password.too_short", "密码至少需要 " + min + " 个字符",
                   "the password needs at least " + min + " characters", field);
  }
  if (chars > static_cast<size_t>(kMaxPasswordChars)) {
    return Invalid("auth.password.too_long", "密码不能超过 128 个字符",
                   "the password must be at most 128 characters", field);
  }
  if (PasswordClasses(password) < policy.min_classes) {
    const std::string n = std::to_string(policy.min_classes);
    return Invalid("auth.password.classes",
                   "密码须包含大写字母、小写字母、数字、符号中的至少 " + n + " 类",
                   "the password needs at least " + n +
                       " of: upper-case letters, lower-case letters, digits, symbols",
                   field);
  }
  bool one_char = true;
  for (char c : password) one_char &= c == password.front();
  if (password == username || one_char) {
    return Invalid("auth.password.weak", "密码太简单：不能与用户名相同，也不能是同一个字符重复",
                   "the password is too weak: not the username, not one character repeated", field);
  }
  return Ok();
}

bool PasswordExpired(const PasswordPolicy& policy, int64_t changed_at_ms, int64_t now_ms) {
  if (policy.expiry_days <= 0) return false;
  return now_ms - changed_at_ms >= int64_t{policy.expiry_days} * 24 * 60 * 60 * 1000;
}

}  // namespace peixun::core
