// The citizen identity number of the PRC resident ID card (居民身份证号码,
// GB 11643-1999): 6 digits of region code, 8 of birth date, 3 of sequence
// (odd for men, even for women), 1 check character (0-9 or X, ISO 7064 MOD 11-2).
//
// Pure and thread-safe, except the one-argument ParseIdNumber, which reads the
// system clock for "today".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/civil_date.h"
#include "core/gender.h"
#include "core/result.h"

namespace peixun::core {

inline constexpr size_t kIdNumberLength = 18;

struct IdNumberInfo {
  std::string normalized;         // 18 ASCII characters, check character 'x' uppercased to 'X'
  CivilDate birth_date;           // from characters 7-14
  Gender gender = Gender::kMale;  // from the parity of the 17th character
  std::string region_code;        // the first six digits, e.g. "110101" (GB/T 2260)
};

// Checks and decodes an ID number. The text goes through NormalizeField and then
// loses any spaces and '-' inside ("110101 19900307 123X" is accepted). Checks,
// in this order, each failing as ErrorKind::kInvalid with the code given (field
// left empty for the caller):
//   id_number.length       not 18 characters (the 15-digit first-generation
//                          numbers are no longer valid and are refused too)
//   id_number.format       not 17 digits followed by a digit or X/x
//   id_number.region       the first two digits are no province-level code
//                          (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81-83)
//   id_number.birth_date   characters 7-14 are no real date, are before 1900
//                          or after `today`
//   id_number.check_digit  the check character is wrong; the message names the
//                          right one ("身份证号校验位错误：应为 X")
Result<IdNumberInfo> ParseIdNumber(std::string_view text, const CivilDate& today);

// As above with `today` = TodayInChina().
Result<IdNumberInfo> ParseIdNumber(std::string_view text);

// The check character (0-9 or 'X') for the first 17 digits of `first17`, which
// must be 17 ASCII digits.
char IdNumberCheckCharacter(std::string_view first17);

// Masks an ID number for display: after NormalizeField (and uppercasing a
// trailing 'x'), the first character and the last 4 stay and every other one
// becomes '*': "110101199003071234" -> "1*************1234". Works on any text
// (code point by code point); text of 8 characters or fewer becomes all stars,
// so nothing short is ever shown whole.
std::string MaskIdNumber(std::string_view text);

}  // namespace peixun::core
