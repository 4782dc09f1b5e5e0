// Log lines never carry a raw ID number or phone number (PIPL, issue 14): the
// server's log writer passes every line through RedactPersonalNumbers, whatever
// put the number there (a request path, an internal error's text).
#pragma once

#include <string>
#include <string_view>

namespace peixun::core {

// `line` with every run that looks like a 居民身份证号 (17 digits and a digit or
// X/x) or a mainland mobile number (11 digits starting 1[3-9]) masked: an ID
// number keeps its first and last 4 characters' shape as MaskIdNumber does
// ("1*************1234"), a phone its first 3 and last 4 ("138****9595"). A run
// of digits of any other length is left alone (ids, timestamps, ports). Pure.
std::string RedactPersonalNumbers(std::string_view line);

}  // namespace peixun::core
