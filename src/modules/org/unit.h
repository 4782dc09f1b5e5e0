// An organization unit (单位) in the district's tree: district → street office →
// community / non-public enterprise / social organization / agency / other, each
// with its party organization (党组织).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peixun::org {

enum class UnitKind { kDistrict, kStreet, kCommunity, kEnterprise, kSocialOrg, kAgency, kOther };

// Chinese label as in import files: 区, 街道, 社区, 非公企业, 社会组织, 机关, 其他.
std::string_view UnitKindLabel(UnitKind kind);
// Stable English code: district, street, community, enterprise, social_org, agency, other.
std::string_view UnitKindCode(UnitKind kind);
// Accepts either label or code (and 街道办事处, 两新组织-style synonyms); nullopt if unknown.
std::optional<UnitKind> ParseUnitKind(std::string_view text);

struct UnitInput {
  std::string name;
  std::optional<int64_t> parent_id;
  UnitKind kind = UnitKind::kOther;
  std::string party_org_name;  // e.g. 中共××社区委员会
  std::string party_org_kind;  // 党委 / 党总支 / 党支部 / empty
  std::string secretary;       // 书记
  std::string contact_name;
  std::string contact_phone;
};

struct Unit {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> parent_id;
  UnitKind kind = UnitKind::kOther;
  std::string party_org_name;
  std::string party_org_kind;
  std::string secretary;
  std::string contact_name;
  std::string contact_phone;
  std::string path;  // "/1/5/23/": ids from the root; a subtree is a path prefix
  int depth = 0;
};

// The ids of `unit`'s ancestors and of `unit` itself, root first (read from its
// path: other modules ask these two instead of parsing paths).
std::vector<int64_t> AncestorIds(const Unit& unit);

// True when `unit` is the unit `ancestor_id` or lies below it.
bool IsWithin(const Unit& unit, int64_t ancestor_id);

}  // namespace peixun::org
