#include "modules/org/org_scope.h"

#include "modules/org/org_service.h"

namespace peixun::org {

std::optional<int64_t> ScopeRoot(const Principal& who) {
  if (who.role == Role::kLiaison) return who.unit_id.value_or(-1);  // -1: sees nothing
  return std::nullopt;
}

Status CheckUnitInScopeIn(store::Tx& tx, const Principal& who, int64_t unit_id) {
  const auto root = ScopeRoot(who);
  if (!root) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(bool within, OrgService::IsWithinIn(tx, unit_id, *root));
  if (!within) {
    return MakeError(ErrorKind::kForbidden, "org.out_of_scope", "该单位不在您的管辖范围内",
                     "the unit is outside your scope", "unit_id");
  }
  return Ok();
}

Status CheckUnitInScope(store::Store& store, const Principal& who, int64_t unit_id) {
  return store.Read([&](store::Tx& tx) { return CheckUnitInScopeIn(tx, who, unit_id); });
}

}  // namespace peixun::org
