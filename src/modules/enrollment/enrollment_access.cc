// Who may read, nominate and decide enrollments of a class, and which of them a liaison sees.
#include "modules/enrollment/internal/enrollment_common.h"

#include "modules/classes/class_access.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/org/org_scope.h"
#include "modules/org/org_service.h"

namespace peixun::enrollment {

bool Manages(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer || who.role == Role::kHeadTeacher;
}

Status CheckAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, Act act) {
  if (Manages(who)) {
    return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage);
  }
  if (who.role == Role::kLiaison && act != Act::kDecide) {
    return classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kRead);
  }
  return Forbidden();
}

// The units a liaison sees (their subtree); nullopt for callers who see every unit.
Result<std::optional<std::set<int64_t>>> VisibleUnitsIn(store::Tx& tx, const Principal& who) {
  const auto root = org::ScopeRoot(who);
  if (!root) return std::optional<std::set<int64_t>>();
  std::set<int64_t> ids;
  if (*root > 0) {
    auto subtree = org::OrgService::SubtreeIn(tx, *root);
    if (subtree) {
      for (const auto& u : *subtree) ids.insert(u.id);
    } else if (subtree.error().kind != ErrorKind::kNotFound) {
      return std::move(subtree).error();
    }
  }
  return std::optional<std::set<int64_t>>(std::move(ids));
}

bool IsVisible(const std::optional<std::set<int64_t>>& units, const Enrollment& e) {
  return !units || (e.unit_id && units->count(*e.unit_id) > 0);
}

// Loads an enrollment `who` may act on with `act`: 404 when missing or outside a
// liaison's subtree, 403 when the role may not.
Result<Enrollment> LoadForIn(store::Tx& tx, const Principal& who, int64_t id, Act act) {
  PEIXUN_ASSIGN_OR_RETURN(Enrollment e, EnrollmentService::GetIn(tx, id));
  Status access = CheckAccessIn(tx, who, e.class_id, act);
  PEIXUN_ASSIGN_OR_RETURN(auto units, VisibleUnitsIn(tx, who));
  if (!IsVisible(units, e)) return EnrollmentNotFound(id);
  PEIXUN_RETURN_IF_ERROR(access);
  return e;
}

}  // namespace peixun::enrollment
