#include "modules/classes/internal/class_time_zone.h"

#include <array>
#include <utility>

namespace peixun::classes {
namespace {

constexpr std::array<std::pair<std::string_view, int>, 3> kZones = {{
    {"Asia/Shanghai", 8 * 60},
    {"Asia/Urumqi", 6 * 60},
    {"UTC", 0},
}};

}  // namespace

std::optional<int> UtcOffsetOfZone(std::string_view zone) {
  for (const auto& [name, offset] : kZones) {
    if (name == zone) return offset;
  }
  return std::nullopt;
}

std::vector<std::string_view> KnownTimeZones() {
  std::vector<std::string_view> out;
  for (const auto& z : kZones) out.push_back(z.first);
  return out;
}

}  // namespace peixun::classes
