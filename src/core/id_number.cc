#include "core/id_number.h"

#include <array>

#include "core/text_normalize.h"
#include "core/utf8.h"

namespace peixun::core {
namespace {

constexpr std::array<int, 17> kCheckWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";
constexpr size_t kRegionDigits = 6;
constexpr size_t kBirthDateOffset = 6;
constexpr size_t kGenderDigit = 16;
// One leading digit only: with the first 4 (the region) and a birth date, the check
// digit left about 9 candidates for the rest (issue 9 #3).
constexpr size_t kVisibleHead = 1;
constexpr size_t kVisibleTail = 4;
// Text this short is masked whole.
constexpr size_t kMaskWholeUpTo = 8;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Province-level codes of GB/T 2260, plus 83 (the residence permits of Taiwan
// residents use 830000 as region).
bool IsProvinceCode(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || (code >= 81 && code <= 83);
}

int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

char IdNumberCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < kCheckWeights.size() && i < first17.size(); ++i) {
    sum += (first17[i] - '0') * kCheckWeights[i];
  }
  return kCheckCharacters[sum % 11];
}

Result<IdNumberInfo> ParseIdNumber(std::string_view text, const CivilDate& today) {
  std::string number;
  for (char c : NormalizeField(text)) {
    if (c != ' ' && c != '-') number.push_back(c == 'x' ? 'X' : c);
  }
  const size_t length = DecodeUtf8(number).size();
  if (length != kIdNumberLength) {
    return Invalid("id_number.length", "身份证号应为 18 位，现为 " + std::to_string(length) + " 位",
                   "ID number must have 18 characters, not " + std::to_string(length));
  }
  for (size_t i = 0; i < kIdNumberLength; ++i) {
    const bool ok = IsDigit(number[i]) || (i == kIdNumberLength - 1 && number[i] == 'X');
    if (!ok) {
      return Invalid("id_number.format", "身份证号应为 17 位数字加 1 位数字或 X",
                     "ID number must be 17 digits followed by a digit or X");
    }
  }
  if (!IsProvinceCode(DigitsValue(std::string_view(number).substr(0, 2)))) {
    return Invalid("id_number.region", "身份证号前两位不是有效的省级行政区划代码",
                   "the first two digits of the ID number are no province code");
  }
  const std::string_view digits = number;
  const CivilDate birth{DigitsValue(digits.substr(kBirthDateOffset, 4)),
                        DigitsValue(digits.substr(kBirthDateOffset + 4, 2)),
                        DigitsValue(digits.substr(kBirthDateOffset + 6, 2))};
  if (!IsValidCivilDate(birth) || birth.year < kMinCivilYear || today < birth) {
    return Invalid(
        "id_number.birth_date",
        "身份证号中的出生日期 " + std::string(digits.substr(kBirthDateOffset, 8)) + " 无效",
        "the birth date " + std::string(digits.substr(kBirthDateOffset, 8)) +
            " in the ID number is not valid");
  }
  const char expected = IdNumberCheckCharacter(digits.substr(0, kIdNumberLength - 1));
  if (number.back() != expected) {
    return Invalid("id_number.check_digit", std::string("身份证号校验位错误：应为 ") + expected,
                   std::string("ID number check digit is wrong: expected ") + expected);
  }
  IdNumberInfo info;
  info.normalized = number;
  info.birth_date = birth;
  info.gender = (number[kGenderDigit] - '0') % 2 == 1 ? Gender::kMale : Gender::kFemale;
  info.region_code = number.substr(0, kRegionDigits);
  return info;
}

Result<IdNumberInfo> ParseIdNumber(std::string_view text) {
  return ParseIdNumber(text, TodayInChina());
}

std::string MaskIdNumber(std::string_view text) {
  std::u32string chars = DecodeUtf8(NormalizeField(text));
  if (!chars.empty() && chars.back() == U'x') chars.back() = U'X';
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    const bool visible =
        chars.size() > kMaskWholeUpTo && (i < kVisibleHead || i >= chars.size() - kVisibleTail);
    if (visible) {
      AppendUtf8(chars[i], &out);
    } else {
      out.push_back('*');
    }
  }
  return out;
}

}  // namespace peixun::core
