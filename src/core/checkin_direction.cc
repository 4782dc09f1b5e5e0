#include "core/checkin_direction.h"

namespace peixun::core {

const char* CheckinDirectionCode(CheckinDirection dir) {
  return dir == CheckinDirection::kIn ? "in" : "out";
}

std::optional<CheckinDirection> ParseCheckinDirection(std::string_view code) {
  if (code == "in") return CheckinDirection::kIn;
  if (code == "out") return CheckinDirection::kOut;
  return std::nullopt;
}

}  // namespace peixun::core
