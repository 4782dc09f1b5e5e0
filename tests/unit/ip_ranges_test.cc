#include "core/ip_ranges.h"

#include <gtest/gtest.h>

namespace peixun::core {
namespace {

std::vector<IpRange> Ranges(std::string_view text) {
  auto r = ParseIpRanges(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message_en);
  return r.ok() ? *r : std::vector<IpRange>{};
}

// The error of a bad list: its code must be ip_ranges.entry; returns the English message.
std::string Bad(std::string_view text) {
  auto r = ParseIpRanges(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(r.error().code, "ip_ranges.entry");
  EXPECT_FALSE(r.error().message.empty());
  return r.error().message_en;
}

TEST(IpRangesTest, ParsesTheUsualList) {
  auto r = Ranges("10.0.0.0/8, 192.168.1.0/24, 2001:db8::/32");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(FormatIpRanges(r), "10.0.0.0/8, 192.168.1.0/24, 2001:db8::/32");
}

TEST(IpRangesTest, SeparatorsAndEmptyEntries) {
  EXPECT_EQ(FormatIpRanges(Ranges("10.0.0.0/8;192.168.1.0/24\n 172.16.0.0/12\t,, ")),
            "10.0.0.0/8, 192.168.1.0/24, 172.16.0.0/12");
  EXPECT_EQ(FormatIpRanges(Ranges("10.0.0.0/8，192.168.1.0/24、::1")),
            "10.0.0.0/8, 192.168.1.0/24, ::1/128");
  EXPECT_TRUE(Ranges("").empty());
  EXPECT_TRUE(Ranges(" , ; \n").empty());
}

TEST(IpRangesTest, ASingleAddressIsAFullPrefix) {
  auto r = Ranges("192.168.1.7, 2001:db8::7");
  EXPECT_EQ(FormatIpRanges(r), "192.168.1.7/32, 2001:db8::7/128");
  EXPECT_TRUE(InIpRanges(r, "192.168.1.7"));
  EXPECT_FALSE(InIpRanges(r, "192.168.1.8"));
  EXPECT_TRUE(InIpRanges(r, "2001:db8::7"));
  EXPECT_FALSE(InIpRanges(r, "2001:db8::8"));
}

TEST(IpRangesTest, HostBitsAreCleared) {
  EXPECT_EQ(FormatIpRanges(Ranges("10.1.2.3/8, 2001:db8:ffff::1/32")), "10.0.0.0/8, 2001:db8::/32");
}

TEST(IpRangesTest, MatchesIPv4) {
  auto r = Ranges("10.0.0.0/8, 192.168.1.0/24");
  EXPECT_TRUE(InIpRanges(r, "10.0.0.0"));
  EXPECT_TRUE(InIpRanges(r, "10.255.255.255"));
  EXPECT_FALSE(InIpRanges(r, "11.0.0.0"));
  EXPECT_FALSE(InIpRanges(r, "9.255.255.255"));
  EXPECT_TRUE(InIpRanges(r, "192.168.1.200"));
  EXPECT_FALSE(InIpRanges(r, "192.168.2.1"));
}

TEST(IpRangesTest, OddPrefixes) {
  auto r = Ranges("172.16.0.0/12");
  EXPECT_TRUE(InIpRanges(r, "172.31.255.255"));
  EXPECT_FALSE(InIpRanges(r, "172.32.0.0"));
  auto r6 = Ranges("2001:db8:8000::/33");
  EXPECT_TRUE(InIpRanges(r6, "2001:db8:ffff::1"));
  EXPECT_FALSE(InIpRanges(r6, "2001:db8:7fff::1"));
}

TEST(IpRangesTest, PrefixZeroMatchesEveryAddressOfItsFamily) {
  auto v4 = Ranges("0.0.0.0/0");
  EXPECT_EQ(FormatIpRanges(v4), "0.0.0.0/0");
  EXPECT_TRUE(InIpRanges(v4, "1.2.3.4"));
  EXPECT_TRUE(InIpRanges(v4, "255.255.255.255"));
  EXPECT_TRUE(InIpRanges(v4, "::ffff:8.8.8.8"));
  EXPECT_FALSE(InIpRanges(v4, "2001:db8::1"));
  auto v6 = Ranges("::/0");
  EXPECT_TRUE(InIpRanges(v6, "2001:db8::1"));
  EXPECT_TRUE(InIpRanges(v6, "::1"));
  EXPECT_TRUE(InIpRanges(v6, "10.1.2.3"));  // its mapped form is an IPv6 address too
}

TEST(IpRangesTest, PrefixThirtyTwoIsOneIPv4Address) {
  auto r = Ranges("203.0.113.9/32");
  EXPECT_TRUE(InIpRanges(r, "203.0.113.9"));
  EXPECT_FALSE(InIpRanges(r, "203.0.113.8"));
  EXPECT_FALSE(InIpRanges(r, "203.0.113.10"));
  // For IPv6, /32 is a large block.
  auto r6 = Ranges("2001:db8::/32");
  EXPECT_TRUE(InIpRanges(r6, "2001:db8:1234:5678::1"));
  EXPECT_FALSE(InIpRanges(r6, "2001:db9::"));
  auto r128 = Ranges("2001:db8::1/128");
  EXPECT_TRUE(InIpRanges(r128, "2001:db8::1"));
  EXPECT_FALSE(InIpRanges(r128, "2001:db8::2"));
}

TEST(IpRangesTest, IPv4MappedIPv6MatchesIPv4Ranges) {
  auto r = Ranges("10.0.0.0/8");
  EXPECT_TRUE(InIpRanges(r, "::ffff:10.1.2.3"));
  EXPECT_TRUE(InIpRanges(r, "::FFFF:10.1.2.3"));
  EXPECT_TRUE(InIpRanges(r, "::ffff:a01:203"));  // the same address in hex
  EXPECT_FALSE(InIpRanges(r, "::ffff:11.1.2.3"));
  // And a mapped range written as IPv6 matches plain IPv4 addresses.
  auto mapped = Ranges("::ffff:192.168.0.0/112");
  EXPECT_EQ(FormatIpRanges(mapped), "192.168.0.0/16");
  EXPECT_TRUE(InIpRanges(mapped, "192.168.44.1"));
  EXPECT_FALSE(InIpRanges(mapped, "192.169.0.1"));
}

TEST(IpRangesTest, AnIPv4RangeNeverMatchesNativeIPv6) {
  auto r = Ranges("0.0.0.0/0");
  EXPECT_FALSE(InIpRanges(r, "::1"));
  EXPECT_FALSE(InIpRanges(r, "::"));
  EXPECT_FALSE(InIpRanges(r, "fe80::1"));
}

TEST(IpRangesTest, AddressForms) {
  auto r = Ranges("fe80::/10, 127.0.0.0/8");
  EXPECT_TRUE(InIpRanges(r, "fe80::1%eth0"));
  EXPECT_TRUE(InIpRanges(r, "[fe80::abcd]"));
  EXPECT_TRUE(InIpRanges(r, "127.0.0.1"));
  EXPECT_FALSE(InIpRanges(r, ""));
  EXPECT_FALSE(InIpRanges(r, "localhost"));
  EXPECT_FALSE(InIpRanges(r, "127.0.0.1:8080"));
  EXPECT_FALSE(InIpRanges(r, "127.0.0"));
  EXPECT_FALSE(InIpRanges({}, "127.0.0.1"));
}

TEST(IpRangesTest, ParseIpAddressKnowsTheFamily) {
  auto a = ParseIpAddress("10.1.2.3");
  ASSERT_TRUE(a.has_value());
  EXPECT_TRUE(a->v4);
  auto m = ParseIpAddress("::ffff:10.1.2.3");
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->v4);
  EXPECT_EQ(a->bytes, m->bytes);
  auto six = ParseIpAddress("2001:db8::1");
  ASSERT_TRUE(six.has_value());
  EXPECT_FALSE(six->v4);
  EXPECT_FALSE(ParseIpAddress("1.2.3.256").has_value());
  EXPECT_FALSE(ParseIpAddress("2001:db8:::1").has_value());
}

TEST(IpRangesTest, BadEntriesAreNamed) {
  EXPECT_NE(Bad("10.0.0.0/8, 10.0.0.0/33").find("10.0.0.0/33"), std::string::npos);
  EXPECT_NE(Bad("2001:db8::/129").find("2001:db8::/129"), std::string::npos);
  EXPECT_NE(Bad("192.168.1.0/24, intranet").find("\"intranet\""), std::string::npos);
  EXPECT_NE(Bad("300.1.1.1").find("300.1.1.1"), std::string::npos);
  EXPECT_NE(Bad("10.0.0.0/").find("10.0.0.0/"), std::string::npos);
  EXPECT_NE(Bad("10.0.0.0/-1").find("10.0.0.0/-1"), std::string::npos);
  EXPECT_NE(Bad("10.0.0.0/8/8").find("10.0.0.0/8/8"), std::string::npos);
  EXPECT_NE(Bad("10.0.0.0/ 8").find("\"10.0.0.0/\""), std::string::npos);
  EXPECT_NE(Bad("/8").find("/8"), std::string::npos);
  EXPECT_NE(Bad("10.0.0.0/0x8").find("0x8"), std::string::npos);
  EXPECT_NE(Bad("1.2.3").find("1.2.3"), std::string::npos);
  EXPECT_NE(Bad("10.0.0.0/+8").find("+8"), std::string::npos);
  // The Chinese message names it too.
  auto r = ParseIpRanges("10.0.0.0/8, 内网");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("内网"), std::string::npos);
}

}  // namespace
}  // namespace peixun::core
