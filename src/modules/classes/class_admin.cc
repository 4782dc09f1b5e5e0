#include "modules/classes/class_admin.h"

#include "core/role_guard.h"

namespace peixun::classes {
namespace {

Status CheckCreator(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer});
}

}  // namespace

Result<TrainingClass> CreateClass(ClassService& service, const Principal& who,
                                  const ClassInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckCreator(who));
  return service.Create(input, Actor::Of(who));
}

Result<TrainingClass> CopyClass(ClassService& service, const Principal& who, int64_t id,
                                const ClassCopyInput& input) {
  PEIXUN_RETURN_IF_ERROR(CheckCreator(who));
  return service.Copy(id, input, Actor::Of(who));
}

Result<TrainingClass> SetClassHeadTeachers(ClassService& service, const Principal& who, int64_t id,
                                           const std::vector<int64_t>& user_ids) {
  PEIXUN_RETURN_IF_ERROR(CheckCreator(who));
  return service.SetHeadTeachers(id, user_ids, Actor::Of(who));
}

}  // namespace peixun::classes
