#include "core/gender.h"

#include "core/text_normalize.h"

namespace peixun::core {
namespace {

std::string AsciiLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

Result<Gender> ParseGender(std::string_view text) {
  const std::string normalized = NormalizeField(text);
  const std::string lower = AsciiLower(normalized);
  if (lower == "男" || lower == "男性" || lower == "m" || lower == "male") return Gender::kMale;
  if (lower == "女" || lower == "女性" || lower == "f" || lower == "female") return Gender::kFemale;
  return Invalid("gender.format", "性别应为“男”或“女”，不能是“" + normalized + "”",
                 "gender must be male or female, not \"" + normalized + "\"");
}

std::string GenderLabel(Gender gender) { return gender == Gender::kMale ? "男" : "女"; }

std::string GenderCode(Gender gender) { return gender == Gender::kMale ? "male" : "female"; }

}  // namespace peixun::core
