#include "modules/enrollment/enrollment_queries.h"

#include "modules/classes/class_access.h"
#include "modules/enrollment/enrollment_service.h"

namespace peixun::enrollment {

int ApprovedCount(store::Store& store, int64_t class_id) {
  auto ids = store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) { return EnrollmentService::ApprovedPersonIdsIn(tx, class_id); });
  return ids ? static_cast<int>(ids->size()) : 0;
}

std::vector<int64_t> ClassesOfPerson(store::Store& store, int64_t person_id) {
  auto ids = store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) { return EnrollmentService::ClassesOfPersonIn(tx, person_id); });
  return ids ? *ids : std::vector<int64_t>();
}

Status MayInviteIn(store::Tx& tx, const Principal& who, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> classes,
                          EnrollmentService::ClassesOfPersonIn(tx, person_id));
  for (int64_t class_id : classes) {
    if (classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage).ok()) {
      return Ok();
    }
  }
  return MakeError(ErrorKind::kForbidden, "auth.invite.forbidden",
                   "只能为您所管理培训班的已录取学员生成邀请链接",
                   "invites are only for approved trainees of classes you manage", "person_id");
}

}  // namespace peixun::enrollment
