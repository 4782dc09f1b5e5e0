#include "modules/groups/class_group.h"

#include <array>

namespace peixun::groups {

std::string GroupName(int number) {
  static constexpr std::array<const char*, 10> kDigits = {"零", "一", "二", "三", "四",
                                                          "五", "六", "七", "八", "九"};
  if (number < 1 || number > 99) return "第" + std::to_string(number) + "组";
  std::string text;
  const int tens = number / 10;
  const int ones = number % 10;
  if (tens > 1) text += kDigits[tens];
  if (tens > 0) text += "十";
  if (ones > 0) text += kDigits[ones];
  return "第" + text + "组";
}

}  // namespace peixun::groups
