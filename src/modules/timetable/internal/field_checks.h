#ifndef PEIXUN_MODULE_TIMETABLE_INTERNALS
#error "modules/timetable/internal is private to the timetable module"
#endif
// Field checks shared by the timetable services: normalized text with a length
// limit, and small integer ranges. Errors are 422 (ErrorKind::kInvalid) with
// codes "timetable.<field>.required", ".too_long", ".range" and `field` set.
//
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace peixun::timetable {

// Ok when `value` is non-empty (if `required`) and at most `max_chars` characters.
// `zh_name` names the field in the Chinese message.
Status CheckText(const std::string& value, const std::string& field, const std::string& zh_name,
                 size_t max_chars, bool required);

// Ok when min <= value <= max.
Status CheckRange(int64_t value, const std::string& field, const std::string& zh_name, int64_t min,
                  int64_t max);

}  // namespace peixun::timetable
