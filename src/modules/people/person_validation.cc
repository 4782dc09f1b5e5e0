#include "modules/people/person_validation.h"

#include "core/civil_date.h"
#include "core/gender.h"
#include "core/id_number.h"
#include "core/phone.h"
#include "core/text_normalize.h"
#include "core/utf8.h"

namespace peixun::people {
namespace {

constexpr size_t kMaxNameChars = 50;
constexpr size_t kMaxTextChars = 100;

void CheckLength(const std::string& value, size_t max, const char* field, const char* label_zh,
                 std::vector<Error>* errors) {
  if (core::Utf8CharCount(value) > max) {
    errors->push_back(Invalid(
        std::string("people.") + field + ".too_long",
        std::string(label_zh) + "不能超过 " + std::to_string(max) + " 个字",
        std::string(field) + " must be at most " + std::to_string(max) + " characters", field));
  }
}

std::string ParseDateField(const std::string& text, const char* field, std::vector<Error>* errors) {
  if (text.empty()) return {};
  auto date = core::ParseCivilDate(text);
  if (!date) {
    Error e = date.error();
    e.field = field;
    errors->push_back(std::move(e));
    return {};
  }
  return core::FormatCivilDate(*date);
}

}  // namespace

std::vector<std::string> SplitTags(const std::string& text) {
  std::string unified = text;
  for (const char* sep : {"，", "、", "；", ";"}) {
    for (size_t pos = unified.find(sep); pos != std::string::npos; pos = unified.find(sep)) {
      unified.replace(pos, std::char_traits<char>::length(sep), ",");
    }
  }
  std::vector<std::string> tags;
  size_t start = 0;
  while (start <= unified.size()) {
    size_t end = unified.find(',', start);
    if (end == std::string::npos) end = unified.size();
    std::string tag = core::NormalizeField(unified.substr(start, end - start));
    if (!tag.empty()) tags.push_back(tag);
    start = end + 1;
  }
  return tags;
}

std::vector<Error> ValidatePerson(const PersonInput& input, ValidatedPerson* out) {
  std::vector<Error> errors;
  ValidatedPerson v;

  if (!core::IsValidUtf8(input.name)) {
    errors.push_back(Invalid("people.name.encoding", "姓名不是有效的 UTF-8 文本",
                             "name is not valid UTF-8", "name"));
  } else {
    v.name = core::NormalizeName(input.name);
    if (v.name.empty()) {
      errors.push_back(Invalid("people.name.required", "姓名不能为空", "name is required", "name"));
    }
    CheckLength(v.name, kMaxNameChars, "name", "姓名", &errors);
  }

  std::optional<core::IdNumberInfo> id_info;
  const std::string id_text = core::NormalizeField(input.id_number);
  if (!id_text.empty()) {
    auto parsed = core::ParseIdNumber(id_text);
    if (parsed) {
      id_info = *parsed;
      v.id_number = parsed->normalized;
    } else {
      Error e = parsed.error();
      e.field = "id_number";
      errors.push_back(std::move(e));
    }
  }

  const std::string gender_text = core::NormalizeField(input.gender);
  if (!gender_text.empty()) {
    auto g = core::ParseGender(gender_text);
    if (!g) {
      Error e = g.error();
      e.field = "gender";
      errors.push_back(std::move(e));
    } else {
      v.gender = core::GenderLabel(*g);
      if (id_info && id_info->gender != *g) {
        errors.push_back(Invalid(
            "people.gender.contradicts_id_number",
            "性别与身份证号不符（身份证号显示为" + core::GenderLabel(id_info->gender) + "）",
            "gender contradicts the ID number", "gender"));
      }
    }
  } else if (id_info) {
    v.gender = core::GenderLabel(id_info->gender);
  } else {
    errors.push_back(Invalid("people.gender.required", "性别不能为空（未填身份证号时必填）",
                             "gender is required when no ID number is given", "gender"));
  }

  v.birth_date = ParseDateField(core::NormalizeField(input.birth_date), "birth_date", &errors);
  if (id_info) {
    const std::string from_id = core::FormatCivilDate(id_info->birth_date);
    if (v.birth_date.empty()) {
      v.birth_date = from_id;
    } else if (v.birth_date != from_id) {
      errors.push_back(Invalid("people.birth_date.contradicts_id_number",
                               "出生日期与身份证号不符（身份证号显示为 " + from_id + "）",
                               "birth date contradicts the ID number (" + from_id + ")",
                               "birth_date"));
    }
  }

  const std::string phone_text = core::NormalizeField(input.phone);
  if (!phone_text.empty()) {
    auto phone = core::NormalizePhone(phone_text);
    if (phone) {
      v.phone = *phone;
    } else {
      Error e = phone.error();
      e.field = "phone";
      errors.push_back(std::move(e));
    }
  }

  v.ethnicity = core::NormalizeField(input.ethnicity);
  CheckLength(v.ethnicity, 20, "ethnicity", "民族", &errors);
  v.position = core::NormalizeField(input.position);
  CheckLength(v.position, kMaxTextChars, "position", "职务", &errors);

  auto rank = ParseRank(core::NormalizeField(input.rank));
  if (!rank) {
    errors.push_back(Invalid("people.rank.unknown", "职级应为“乡科级及以下”或“县处级及以上”",
                             "rank must be 乡科级及以下 (township) or 县处级及以上 (county)",
                             "rank"));
  } else {
    v.rank = *rank;
  }

  v.party_join_date =
      ParseDateField(core::NormalizeField(input.party_join_date), "party_join_date", &errors);
  v.unit_id = input.unit_id;
  if (!v.unit_id) {
    errors.push_back(
        Invalid("people.unit.required", "单位不能为空", "unit is required", "unit_id"));
  }
  for (const std::string& tag : input.tags) {
    for (std::string& t : SplitTags(tag)) v.tags.push_back(std::move(t));
  }
  for (const std::string& tag : v.tags) CheckLength(tag, 30, "tags", "标签", &errors);

  if (errors.empty() && out) *out = std::move(v);
  return errors;
}

}  // namespace peixun::people
