#include "modules/org/unit.h"

#include <array>
#include <string>
#include <utility>

namespace peixun::org {
namespace {

struct KindName {
  UnitKind kind;
  std::string_view label;
  std::string_view code;
};

constexpr std::array<KindName, 7> kKinds = {{
    {UnitKind::kDistrict, "区", "district"},
    {UnitKind::kStreet, "街道", "street"},
    {UnitKind::kCommunity, "社区", "community"},
    {UnitKind::kEnterprise, "非公企业", "enterprise"},
    {UnitKind::kSocialOrg, "社会组织", "social_org"},
    {UnitKind::kAgency, "机关", "agency"},
    {UnitKind::kOther, "其他", "other"},
}};

constexpr std::array<std::pair<std::string_view, UnitKind>, 8> kSynonyms = {{
    {"街道办事处", UnitKind::kStreet},
    {"办事处", UnitKind::kStreet},
    {"区委", UnitKind::kDistrict},
    {"企业", UnitKind::kEnterprise},
    {"非公有制企业", UnitKind::kEnterprise},
    {"社会团体", UnitKind::kSocialOrg},
    {"事业单位", UnitKind::kAgency},
    {"社区居委会", UnitKind::kCommunity},
}};

}  // namespace

std::string_view UnitKindLabel(UnitKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.label;
  return "其他";
}

std::string_view UnitKindCode(UnitKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.code;
  return "other";
}

std::optional<UnitKind> ParseUnitKind(std::string_view text) {
  for (const auto& k : kKinds)
    if (text == k.label || text == k.code) return k.kind;
  for (const auto& [name, kind] : kSynonyms)
    if (text == name) return kind;
  return std::nullopt;
}

std::vector<int64_t> AncestorIds(const Unit& unit) {
  std::vector<int64_t> ids;
  int64_t v = 0;
  bool any = false;
  for (char ch : unit.path) {
    if (ch >= '0' && ch <= '9') {
      v = v * 10 + (ch - '0');
      any = true;
    } else {
      if (any) ids.push_back(v);
      v = 0;
      any = false;
    }
  }
  if (any) ids.push_back(v);
  return ids;
}

bool IsWithin(const Unit& unit, int64_t ancestor_id) {
  return unit.path.find("/" + std::to_string(ancestor_id) + "/") != std::string::npos;
}

}  // namespace peixun::org
