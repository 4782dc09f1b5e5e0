#include "modules/timetable/internal/field_checks.h"
#include "core/utf8.h"

namespace peixun::timetable {

Status CheckText(const std::string& value, const std::string& field, const std::string& zh_name,
                 size_t max_chars, bool required) {
  if (required && value.empty()) {
    return Invalid("timetable." + field + ".required", zh_name + "不能为空", field + " is required",
                   field);
  }
  const size_t chars = core::Utf8CharCount(value);
  if (chars > max_chars) {
    return Invalid("timetable." + field + ".too_long",
                   zh_name + "不能超过 " + std::to_string(max_chars) + " 个字",
                   field + " must be at most " + std::to_string(max_chars) + " characters", field);
  }
  return Ok();
}

Status CheckRange(int64_t value, const std::string& field, const std::string& zh_name, int64_t min,
                  int64_t max) {
  if (value < min || value > max) {
    const std::string range = std::to_string(min) + "–" + std::to_string(max);
    return Invalid("timetable." + field + ".range", zh_name + "应在 " + range + " 之间",
                   field + " must be within " + range, field);
  }
  return Ok();
}

}  // namespace peixun::timetable
