#include "modules/logistics/room_range.h"

#include <cctype>
#include <optional>

namespace peixun::logistics {
namespace {

Error FormatError(const std::string& spec) {
  return Invalid("logistics.room_range.format",
                 "无法识别房间范围“" + spec + "”，示例：3F 301-320 twin",
                 "cannot read the room range \"" + spec + "\"; example: 3F 301-320 twin", "spec");
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<int> Number(std::string_view s) {
  if (!AllDigits(s) || s.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Strips a trailing suffix; true when it was there.
bool StripSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() <= suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
  s.remove_suffix(suffix.size());
  return true;
}

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int> BedsWord(std::string_view token) {
  const std::string t = Lower(token);
  if (t == "single" || t == "单人间" || t == "单间") return 1;
  if (t == "twin" || t == "double" || t == "双人间" || t == "标间" || t == "标准间") return 2;
  if (t == "triple" || t == "三人间") return 3;
  if (t == "quad" || t == "四人间") return 4;
  std::string_view s = token;
  if (StripSuffix(s, "床") || StripSuffix(s, "人间") || StripSuffix(s, "beds") ||
      StripSuffix(s, "bed")) {
    return Number(s);
  }
  return std::nullopt;
}

struct RoomEnd {
  std::string prefix;  // letters before the number
  std::string digits;
};

std::optional<RoomEnd> SplitRoom(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
  RoomEnd end{std::string(s.substr(0, i)), std::string(s.substr(i))};
  if (!AllDigits(end.digits) || end.digits.size() > 6) return std::nullopt;
  return end;
}

// Replaces every range separator by '-' and drops spaces around it.
std::string NormalizeSeparators(std::string_view spec) {
  std::string s(spec);
  for (const char* sep : {"–", "—", "～", "~", "至", "到", "－"}) {
    for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, at)) {
      s.replace(at, std::string_view(sep).size(), "-");
    }
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') {
      size_t j = i;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      const bool before_dash = j < s.size() && s[j] == '-';
      const bool after_dash = !out.empty() && out.back() == '-';
      if (!before_dash && !after_dash) out += ' ';
      i = j - 1;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

Result<std::vector<RoomInput>> ParseRoomRange(std::string_view spec) {
  const std::string text = NormalizeSeparators(spec);
  std::optional<int> floor;
  std::optional<int> beds;
  std::optional<RoomEnd> first;
  std::optional<RoomEnd> last;
  size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') ++at;
    size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    std::string_view token(text.data() + at, end - at);
    at = end;
    if (token.empty()) continue;
    std::string_view f = token;
    if ((StripSuffix(f, "F") || StripSuffix(f, "f") || StripSuffix(f, "层") ||
         StripSuffix(f, "楼")) &&
        Number(f) && !floor) {
      floor = Number(f);
      continue;
    }
    if (auto b = BedsWord(token); b && !beds) {
      beds = b;
      continue;
    }
    if (first) return FormatError(std::string(spec));
    const size_t dash = token.find('-');
    if (dash == std::string_view::npos) {
      first = SplitRoom(token);
      last = first;
    } else {
      first = SplitRoom(token.substr(0, dash));
      last = SplitRoom(token.substr(dash + 1));
    }
    if (!first || !last) return FormatError(std::string(spec));
    if (last->prefix.empty()) last->prefix = first->prefix;
    if (first->prefix != last->prefix) return FormatError(std::string(spec));
  }
  if (!first) return FormatError(std::string(spec));
  const int from = *Number(first->digits);
  const int to = *Number(last->digits);
  if (!floor) {
    if (first->digits.size() < 3) return FormatError(std::string(spec));
    floor = from / 100;
  }
  if (to < from) {
    return Invalid("logistics.room_range.order", "房间范围应从小到大",
                   "the room range must run upwards", "spec");
  }
  if (to - from + 1 > kMaxRoomsPerRange) {
    return Invalid("logistics.room_range.too_many",
                   "一次最多创建 " + std::to_string(kMaxRoomsPerRange) + " 间",
                   "at most " + std::to_string(kMaxRoomsPerRange) + " rooms at once", "spec");
  }
  const int bed_count = beds.value_or(2);
  if (bed_count < 1 || bed_count > kMaxBedsPerRoom) {
    return Invalid("logistics.room_range.beds",
                   "床位数应在 1 到 " + std::to_string(kMaxBedsPerRoom) + " 之间",
                   "beds must be between 1 and " + std::to_string(kMaxBedsPerRoom), "spec");
  }
  std::vector<RoomInput> rooms;
  for (int n = from; n <= to; ++n) {
    std::string digits = std::to_string(n);
    if (digits.size() < first->digits.size()) {
      digits.insert(0, first->digits.size() - digits.size(), '0');
    }
    rooms.push_back({first->prefix + digits, *floor, bed_count});
  }
  return rooms;
}

}  // namespace peixun::logistics
