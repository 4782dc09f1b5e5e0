// The client behind a reverse proxy (`peixun serve --trusted-proxy`): which
// address and scheme a request really came from. Pure; thread-safe.
//
// Only a trusted proxy's word counts. When the TCP peer is not in `trusted`, the
// X-Forwarded-For and X-Forwarded-Proto headers are ignored (a client can write
// anything there) and the client is the peer. When it is trusted, X-Forwarded-For
// is read from the right (each proxy appends the address it saw): trusted
// addresses are skipped, and the first one that is not trusted is the client. If
// every listed address is trusted, the left-most one is the client; an entry that
// is not an address stops the walk (what is left of it was written by the client)
// and the last trusted address passed is taken. X-Forwarded-Proto's first value
// ("https" or "http", any case) is the scheme the client used.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ip_ranges.h"

namespace peixun::core {

struct ForwardedClient {
  std::string address;        // the client's address as text
  std::optional<bool> https;  // set only from a trusted proxy's X-Forwarded-Proto
};

// `x_forwarded_for`: every X-Forwarded-For header's value joined by ","
// (several header lines are one list, RFC 9110 5.3); "" when none.
ForwardedClient ResolveForwarded(std::string_view peer, const std::vector<IpRange>& trusted,
                                 std::string_view x_forwarded_for,
                                 std::string_view x_forwarded_proto);

}  // namespace peixun::core
