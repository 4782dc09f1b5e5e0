#include "core/phone.h"

#include "core/text_normalize.h"
#include "core/utf8.h"

namespace peixun::core {
namespace {

constexpr size_t kMaskFrom = 3;
constexpr size_t kMaskLength = 4;

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<std::string> NormalizePhone(std::string_view text) {
  const std::string normalized = NormalizeField(text);
  std::string number;
  for (char c : normalized) {
    if (c != ' ' && c != '-' && c != '(' && c != ')') number.push_back(c);
  }
  if (StartsWith(number, "+86")) {
    number.erase(0, 3);
  } else if (StartsWith(number, "0086")) {
    number.erase(0, 4);
  } else if (StartsWith(number, "86") && number.size() == kMobilePhoneDigits + 2) {
    number.erase(0, 2);
  }
  bool ok = number.size() == kMobilePhoneDigits && number[0] == '1';
  for (char c : number) ok = ok && c >= '0' && c <= '9';
  if (!ok) {
    return Invalid("phone.format", "手机号“" + normalized + "”无效，应为以 1 开头的 11 位数字",
                   "phone number \"" + normalized + "\" is not valid: 11 digits starting with 1");
  }
  return number;
}

std::string MaskPhone(std::string_view text) {
  auto number = NormalizePhone(text);
  if (!number) return std::string(DecodeUtf8(NormalizeField(text)).size(), '*');
  return number->replace(kMaskFrom, kMaskLength, std::string(kMaskLength, '*'));
}

}  // namespace peixun::core
