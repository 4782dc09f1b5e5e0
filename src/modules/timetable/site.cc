#include "modules/timetable/site.h"

#include <array>

namespace peixun::timetable {
namespace {

struct KindName {
  SiteKind kind;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<KindName, 3> kKinds = {{
    {SiteKind::kCommunity, "community", "社区"},
    {SiteKind::kEnterprise, "enterprise", "非公企业"},
    {SiteKind::kSocialOrg, "social_org", "社会组织"},
}};

}  // namespace

std::string_view SiteKindCode(SiteKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.code;
  }
  return "community";
}

std::string_view SiteKindLabel(SiteKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.label;
  }
  return "";
}

std::optional<SiteKind> ParseSiteKind(std::string_view code) {
  for (const auto& k : kKinds) {
    if (k.code == code || k.label == code) return k.kind;
  }
  return std::nullopt;
}

}  // namespace peixun::timetable
