// A person's gender as recorded on the resident ID card (the only two values
// the card knows), used for lodging and the roster.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace peixun::core {

enum class Gender { kMale, kFemale };

// Parses what a roster cell holds, after NormalizeField: 男 / 女, 男性 / 女性,
// M / F, male / female (ASCII letters in any case). Anything else:
// ErrorKind::kInvalid with code "gender.format" (field left empty).
Result<Gender> ParseGender(std::string_view text);

// "男" or "女": the stored and displayed form.
std::string GenderLabel(Gender gender);

// "male" or "female": the form in the JSON API and English exports.
std::string GenderCode(Gender gender);

}  // namespace peixun::core
