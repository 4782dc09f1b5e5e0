#include "core/log_redaction.h"

namespace peixun::core {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string RedactPersonalNumbers(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  size_t i = 0;
  while (i < line.size()) {
    if (!IsDigit(line[i])) {
      out += line[i++];
      continue;
    }
    size_t end = i;
    while (end < line.size() && IsDigit(line[end])) ++end;
    size_t digits = end - i;
    // An ID number may end in X: 17 digits then X/x, not followed by a letter or digit.
    if (digits == 17 && end < line.size() && (line[end] == 'X' || line[end] == 'x')) ++end;
    const std::string_view run = line.substr(i, end - i);
    if (run.size() == 18) {
      out += run[0];
      out.append(13, '*');
      out += run.substr(14);
    } else if (run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9') {
      out += run.substr(0, 3);
      out += "****";
      out += run.substr(7);
    } else {
      out += run;
    }
    i = end;
  }
  return out;
}

}  // namespace peixun::core
