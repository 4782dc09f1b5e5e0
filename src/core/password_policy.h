// The password policy for passwords people choose (MLPS 2.0 level 3, 等保三级:
// 身份鉴别 — complexity and periodic change): length, character classes, reuse of
// recent passwords and expiry. Defaults meet MLPS: at least 8 characters, 3 of the 4
// classes (upper case, lower case, digits, symbols; a character outside ASCII, such as
// a Chinese one, counts as a symbol), none of the last 5 passwords, changed every 90 days.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::core {

struct PasswordPolicy {
  int min_chars = 8;     // 1..128
  int min_classes = 3;   // 1..4
  int history = 5;       // the last N passwords may not be chosen again (0: any)
  int expiry_days = 90;  // 0: never expires
};

inline constexpr int kMaxPasswordChars = 128;

// Ok when the policy's numbers are in range; errors name the setting
// ("password.policy.invalid", field min_chars / min_classes / history / expiry_days).
Status ValidatePolicy(const PasswordPolicy& policy);

// How many of the four classes `password` uses.
int PasswordClasses(std::string_view password);

// Ok when `password` may be chosen by `username` under `policy` (history aside):
// auth.password.too_short / too_long / classes / weak (the username, or one
// character repeated), each naming `field` and saying what is needed.
Status CheckPasswordRules(const PasswordPolicy& policy, std::string_view password,
                          std::string_view username, const std::string& field);

// True when a password set at `changed_at_ms` has expired at `now_ms`.
bool PasswordExpired(const PasswordPolicy& policy, int64_t changed_at_ms, int64_t now_ms);

}  // namespace peixun::core
