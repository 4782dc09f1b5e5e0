#include "modules/auth/user.h"

#include "core/text_normalize.h"

namespace peixun::auth {

std::string NormalizeUsername(std::string_view typed) {
  std::string s = core::NormalizeField(typed);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

Status ValidateUsername(std::string_view normalized) {
  size_t chars = 0;
  bool clean = true;
  for (unsigned char c : normalized) {
    chars += (c & 0xC0) != 0x80;
    if (c <= 0x20 || c == 0x7F) clean = false;
  }
  if (!clean || chars < kMinUsernameChars || chars > kMaxUsernameChars) {
    return Invalid("auth.username.invalid", "用户名应为 2 到 64 个字符，不能含空格",
                   "the username must be 2 to 64 characters without spaces", "username");
  }
  return Ok();
}

std::string TraineeUsername(int64_t person_id) { return "p" + std::to_string(person_id); }

bool IsReservedUsername(std::string_view normalized) {
  if (normalized.size() < 2 || normalized.front() != 'p') return false;
  for (char c : normalized.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Principal PrincipalOf(const User& user) {
  Principal p;
  p.user_id = user.id;
  p.username = user.username;
  p.display_name = user.display_name;
  p.role = user.role;
  p.unit_id = user.unit_id;
  p.person_id = user.person_id;
  return p;
}

}  // namespace peixun::auth
