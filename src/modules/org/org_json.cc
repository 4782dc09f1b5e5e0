#include "modules/org/internal/org_json.h"
#include "api/openapi.h"

namespace peixun::org {

nlohmann::json UnitToJson(const Unit& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json(nullptr)},
          {"kind", std::string(UnitKindCode(u.kind))},
          {"kind_label", std::string(UnitKindLabel(u.kind))},
          {"party_org_name", u.party_org_name},
          {"party_org_kind", u.party_org_kind},
          {"secretary", u.secretary},
          {"contact_name", u.contact_name},
          {"contact_phone", u.contact_phone},
          {"depth", u.depth},
          {"path", u.path}};
}

nlohmann::json UnitSchema() {
  auto str = nlohmann::json{{"type", "string"}};
  return api::Output(
      "Unit",
      {{"type", "object"},
       {"properties",
        {{"id", {{"type", "integer"}}},
         {"name", str},
         {"parent_id", {{"type", "integer"}, {"nullable", true}}},
         {"kind",
          {{"type", "string"},
           {"enum",
            {"district", "street", "community", "enterprise", "social_org", "agency", "other"}}}},
         {"kind_label", str},
         {"party_org_name", str},
         {"party_org_kind", str},
         {"secretary", str},
         {"contact_name", str},
         {"contact_phone", str},
         {"depth", {{"type", "integer"}}},
         {"path", str}}}});
}

}  // namespace peixun::org
