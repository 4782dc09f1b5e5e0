// A demonstration site (示范点) for on-site teaching (现场教学): a community, a
// non-public enterprise or a social organization that shows its party building.
// A registry shared by every class.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peixun::timetable {

enum class SiteKind { kCommunity, kEnterprise, kSocialOrg };

std::string_view SiteKindCode(SiteKind kind);   // "community", "enterprise", "social_org"
std::string_view SiteKindLabel(SiteKind kind);  // "社区", "非公企业", "社会组织"
std::optional<SiteKind> ParseSiteKind(std::string_view code);  // code or label

struct Site {
  int64_t id = 0;
  std::string name;
  SiteKind kind = SiteKind::kCommunity;
  std::optional<int64_t> unit_id;  // the unit in the org tree, when it is one
  std::string address;
  std::string contact_name;
  std::string contact_phone;
  int capacity = 0;  // visitors at once
  std::string description;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct SiteInput {
  std::string name;
  std::string kind;  // code or label
  std::optional<int64_t> unit_id;
  std::string address;
  std::string contact_name;
  std::string contact_phone;
  int capacity = 0;
  std::string description;
};

}  // namespace peixun::timetable
