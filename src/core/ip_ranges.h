// The venue's network ranges (anti-代签 flag outside_network): lists of CIDR
// ranges, IPv4 and IPv6, and whether a client's address lies in one. Pure.
//
// Every address is held as IPv6; an IPv4 address a.b.c.d is ::ffff:a.b.c.d (its
// IPv4-mapped form) and an IPv4 prefix /n becomes /96+n. So "10.0.0.0/8" matches
// both "10.1.2.3" and "::ffff:10.1.2.3", and an IPv4 range never matches a native
// IPv6 address.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peixun::core {

struct IpAddress {
  std::array<uint8_t, 16> bytes{};  // network order; IPv4 as ::ffff:a.b.c.d
  bool v4 = false;                  // written as IPv4 (or IPv4-mapped IPv6)
};

struct IpRange {
  IpAddress base;  // host bits cleared
  int prefix = 0;  // bits of the IPv6 form (IPv4 /n is 96+n)
  // "10.0.0.0/8", "2001:db8::/32": the range in its usual form.
  std::string ToString() const;
};

// Parses an address: dotted IPv4 ("10.1.2.3") or IPv6 ("2001:db8::1",
// "::ffff:10.1.2.3"), optionally with a zone ("fe80::1%eth0", ignored) or in
// brackets ("[::1]"). nullopt when it is not one.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// Parses one range: an address and optionally "/prefix" (0..32 for IPv4, 0..128
// for IPv6); without one the range is that single address. Host bits set below
// the prefix ("10.1.2.3/8") are cleared.
std::optional<IpRange> ParseIpRange(std::string_view text);

// Parses a list of ranges separated by commas (also "，" and "、"), semicolons or
// whitespace: "10.0.0.0/8, 192.168.1.0/24, 2001:db8::/32". Empty text is an empty
// list. The first bad entry fails with 422 "ip_ranges.entry", naming it.
Result<std::vector<IpRange>> ParseIpRanges(std::string_view text);

// The list in canonical form, ", " between ranges ("" for none).
std::string FormatIpRanges(const std::vector<IpRange>& ranges);

bool InRange(const IpRange& range, const IpAddress& address);
// Whether `address` (text, as ParseIpAddress) lies in any of `ranges`; false for
// text that is not an address.
bool InIpRanges(const std::vector<IpRange>& ranges, std::string_view address);

}  // namespace peixun::core
