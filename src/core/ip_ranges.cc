#include "core/ip_ranges.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace peixun::core {
namespace {

constexpr int kV4Offset = 96;  // bits before an IPv4 address in its mapped form

bool IsMapped(const std::array<uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (const size_t zone = text.find('%'); zone != std::string_view::npos) {
    text = text.substr(0, zone);
  }
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  IpAddress out;
  if (s.find(':') == std::string::npos) {
    uint8_t v4[4];
    if (inet_pton(AF_INET, s.c_str(), v4) != 1) return std::nullopt;
    out.bytes[10] = out.bytes[11] = 0xff;
    std::memcpy(out.bytes.data() + 12, v4, 4);
    out.v4 = true;
    return out;
  }
  if (inet_pton(AF_INET6, s.c_str(), out.bytes.data()) != 1) return std::nullopt;
  out.v4 = IsMapped(out.bytes);
  return out;
}

std::optional<IpRange> ParseIpRange(std::string_view text) {
  const size_t slash = text.find('/');
  std::optional<IpAddress> address = ParseIpAddress(text.substr(0, slash));
  if (!address) return std::nullopt;
  const bool written_v4 = text.substr(0, slash).find(':') == std::string_view::npos;
  const int max_bits = written_v4 ? 32 : 128;
  int bits = max_bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    if (bits < 0 || bits > max_bits) return std::nullopt;
  }
  IpRange range;
  range.prefix = written_v4 ? kV4Offset + bits : bits;
  range.base = *address;
  range.base.v4 = written_v4 || (address->v4 && range.prefix >= kV4Offset);
  for (int i = 0; i < 16; ++i) {
    const int keep = std::min(8, std::max(0, range.prefix - 8 * i));
    range.base.bytes[i] &= static_cast<uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
  }
  return range;
}

std::string IpRange::ToString() const {
  char buf[INET6_ADDRSTRLEN];
  if (base.v4 && prefix >= kV4Offset) {
    inet_ntop(AF_INET, base.bytes.data() + 12, buf, sizeof buf);
    return std::string(buf) + "/" + std::to_string(prefix - kV4Offset);
  }
  inet_ntop(AF_INET6, base.bytes.data(), buf, sizeof buf);
  return std::string(buf) + "/" + std::to_string(prefix);
}

Result<std::vector<IpRange>> ParseIpRanges(std::string_view text) {
  std::string s = Replace(std::string(text), "，", ",");
  s = Replace(std::move(s), "、", ",");
  std::vector<IpRange> out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t end = s.find_first_of(",; \t\r\n", i);
    const std::string entry = s.substr(i, end == std::string::npos ? std::string::npos : end - i);
    i = end == std::string::npos ? s.size() : end + 1;
    if (entry.empty()) continue;
    std::optional<IpRange> range = ParseIpRange(entry);
    if (!range) {
      return Invalid("ip_ranges.entry",
                     "网段“" + entry + "”无效（应如 10.0.0.0/8 或 2001:db8::/32）",
                     "\"" + entry + "\" is not a network range (e.g. 10.0.0.0/8 or 2001:db8::/32)");
    }
    out.push_back(*range);
  }
  return out;
}

std::string FormatIpRanges(const std::vector<IpRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += ", ";
    out += r.ToString();
  }
  return out;
}

bool InRange(const IpRange& range, const IpAddress& address) {
  for (int i = 0; i < 16; ++i) {
    const int keep = std::min(8, std::max(0, range.prefix - 8 * i));
    if (keep == 0) break;
    const uint8_t mask = static_cast<uint8_t>(0xff << (8 - keep));
    if ((address.bytes[i] & mask) != range.base.bytes[i]) return false;
  }
  return true;
}

bool InIpRanges(const std::vector<IpRange>& ranges, std::string_view address) {
  std::optional<IpAddress> a = ParseIpAddress(address);
  if (!a) return false;
  for (const auto& r : ranges) {
    if (InRange(r, *a)) return true;
  }
  return false;
}

}  // namespace peixun::core
