#include "core/forwarded.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

std::vector<IpRange> Trust(std::string_view text) { return *ParseIpRanges(text); }

TEST(ForwardedTest, AnUntrustedPeerIsTheClientWhateverItsHeadersSay) {
  const auto trusted = Trust("127.0.0.1");
  ForwardedClient c = ResolveForwarded("203.0.113.9", trusted, "198.51.100.7", "https");
  EXPECT_EQ(c.address, "203.0.113.9");
  EXPECT_FALSE(c.https.has_value());
  // No trusted proxy configured: the headers never count, even from loopback.
  c = ResolveForwarded("127.0.0.1", {}, "198.51.100.7", "https");
  EXPECT_EQ(c.address, "127.0.0.1");
  EXPECT_FALSE(c.https.has_value());
}

TEST(ForwardedTest, ATrustedPeerNamesTheClientAndTheScheme) {
  const auto trusted = Trust("127.0.0.1");
  ForwardedClient c = ResolveForwarded("127.0.0.1", trusted, "198.51.100.7", "https");
  EXPECT_EQ(c.address, "198.51.100.7");
  EXPECT_EQ(c.https, std::optional<bool>(true));
  c = ResolveForwarded("127.0.0.1", trusted, " 198.51.100.7 ", "HTTP");
  EXPECT_EQ(c.address, "198.51.100.7");
  EXPECT_EQ(c.https, std::optional<bool>(false));
  // A trusted proxy without the headers: the peer itself, scheme unknown.
  c = ResolveForwarded("127.0.0.1", trusted, "", "");
  EXPECT_EQ(c.address, "127.0.0.1");
  EXPECT_FALSE(c.https.has_value());
}

TEST(ForwardedTest, TheRightMostUntrustedAddressWinsSoAForgedPrefixChangesNothing) {
  // The client sent "X-Forwarded-For: 1.1.1.1"; nginx appended its peer.
  const auto trusted = Trust("10.0.0.0/8, 127.0.0.1");
  ForwardedClient c =
      ResolveForwarded("127.0.0.1", trusted, "1.1.1.1, 198.51.100.7, 10.0.0.5", "https");
  EXPECT_EQ(c.address, "198.51.100.7");
  // Several header lines are one list.
  c = ResolveForwarded("127.0.0.1", trusted, "1.1.1.1,198.51.100.7,10.0.0.5,10.0.0.6", "");
  EXPECT_EQ(c.address, "198.51.100.7");
}

TEST(ForwardedTest, AllTrustedGivesTheLeftMostAndGarbageStopsTheWalk) {
  const auto trusted = Trust("10.0.0.0/8, 127.0.0.1");
  EXPECT_EQ(ResolveForwarded("127.0.0.1", trusted, "10.0.0.9, 10.0.0.5", "").address, "10.0.0.9");
  EXPECT_EQ(ResolveForwarded("127.0.0.1", trusted, "1.1.1.1, not-an-ip, 10.0.0.5", "").address,
            "10.0.0.5");
  EXPECT_EQ(ResolveForwarded("127.0.0.1", trusted, "unknown", "").address, "127.0.0.1");
}

TEST(ForwardedTest, PortsBracketsIpv6AndMappedPeers) {
  const auto trusted = Trust("::1, 127.0.0.0/8");
  EXPECT_EQ(ResolveForwarded("::1", trusted, "198.51.100.7:5678", "").address, "198.51.100.7");
  EXPECT_EQ(ResolveForwarded("::1", trusted, "[2001:db8::7]:443", "").address, "2001:db8::7");
  EXPECT_EQ(ResolveForwarded("::1", trusted, "2001:db8::7", "").address, "2001:db8::7");
  // A dual-stack listener sees an IPv4 proxy as ::ffff:127.0.0.1.
  EXPECT_EQ(ResolveForwarded("::ffff:127.0.0.1", trusted, "198.51.100.7", "").address,
            "198.51.100.7");
  EXPECT_EQ(ResolveForwarded("127.0.0.1", trusted, "", "https, http").https,
            std::optional<bool>(true));
  EXPECT_FALSE(ResolveForwarded("127.0.0.1", trusted, "", "ftp").https.has_value());
}

}  // namespace
}  // namespace peixun::core
