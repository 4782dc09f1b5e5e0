// ClassService's entry points for a user that the class routes call: the access
// check lives here (class_access.h), so a route only translates.
#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"

namespace peixun::classes {

Result<TrainingClass> ClassService::Get(const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(
      CheckClassAccess(store_, who, id, ClassNeed::kRead, hooks_.enrolled_class_ids));
  return Get(id);
}

Result<TrainingClass> ClassService::Update(const Principal& who, int64_t id,
                                           const ClassPatch& patch) {
  PEIXUN_RETURN_IF_ERROR(CheckClassAccess(store_, who, id, ClassNeed::kManage));
  return Update(id, patch, Actor::Of(who));
}

Result<TrainingClass> ClassService::ChangeStatus(const Principal& who, int64_t id, ClassStatus to) {
  PEIXUN_RETURN_IF_ERROR(CheckClassAccess(store_, who, id, ClassNeed::kManage));
  return ChangeStatus(id, to, Actor::Of(who));
}

}  // namespace peixun::classes
