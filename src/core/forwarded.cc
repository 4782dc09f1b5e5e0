#include "core/forwarded.h"

#include <algorithm>
#include <cctype>

namespace peixun::core {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An X-Forwarded-For entry as an address: "10.1.2.3", "2001:db8::1", and the
// forms some proxies write with a port ("10.1.2.3:5678", "[2001:db8::1]:5678").
// Returns the address in canonical text, or nullopt.
std::optional<std::string> EntryAddress(std::string_view entry) {
  entry = Trim(entry);
  if (!entry.empty() && entry.front() == '[') {
    const size_t close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    entry = entry.substr(1, close - 1);
  } else if (std::count(entry.begin(), entry.end(), ':') == 1) {
    entry = entry.substr(0, entry.find(':'));  // IPv4 with a port
  }
  if (!ParseIpAddress(entry)) return std::nullopt;
  return std::string(entry);
}

bool Trusted(const std::vector<IpRange>& trusted, std::string_view address) {
  return InIpRanges(trusted, address);
}

}  // namespace

ForwardedClient ResolveForwarded(std::string_view peer, const std::vector<IpRange>& trusted,
                                 std::string_view x_forwarded_for,
                                 std::string_view x_forwarded_proto) {
  ForwardedClient out{std::string(peer), std::nullopt};
  if (trusted.empty() || !Trusted(trusted, peer)) return out;

  std::string_view rest = x_forwarded_for;
  while (!Trim(rest).empty()) {
    const size_t comma = rest.rfind(',');
    const std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (Trim(entry).empty()) continue;
    std::optional<std::string> address = EntryAddress(entry);
    if (!address) break;  // not written by a proxy: keep the last trusted hop
    out.address = *address;
    if (!Trusted(trusted, *address)) break;
  }

  std::string_view proto = x_forwarded_proto;
  proto = Trim(proto.substr(0, proto.find(',')));
  std::string lower(proto);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "https") out.https = true;
  if (lower == "http") out.https = false;
  return out;
}

}  // namespace peixun::core
