#include "modules/classes/class_access.h"

#include <algorithm>

#include "modules/classes/class_service.h"

namespace peixun::classes {
namespace {

Error Forbidden(ClassNeed need) {
  if (need == ClassNeed::kManage) {
    return MakeError(ErrorKind::kForbidden, "classes.forbidden", "您无权管理该培训班",
                     "you may not manage this class", "class_id");
  }
  return MakeError(ErrorKind::kForbidden, "classes.forbidden", "您无权查看该培训班",
                   "you may not see this class", "class_id");
}

}  // namespace

bool SeesAllClasses(const Principal& who) {
  return who.role != Role::kHeadTeacher && who.role != Role::kTrainee;
}

Status CheckClassAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, ClassNeed need,
                          bool trainee_enrolled) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT 1 FROM training_classes WHERE id = ?",
                                                     {store::Int(class_id)}));
  if (rows.empty()) {
    return NotFound("classes.not_found", "培训班不存在：" + std::to_string(class_id),
                    "class not found: " + std::to_string(class_id), "class_id");
  }
  switch (who.role) {
    case Role::kAdmin:
    case Role::kOrganizer:
      return Ok();
    case Role::kHeadTeacher: {
      PEIXUN_ASSIGN_OR_RETURN(bool heads, ClassService::IsHeadTeacherIn(tx, class_id, who.user_id));
      return heads ? Ok() : Status(Forbidden(need));
    }
    case Role::kLiaison:
    case Role::kLecturer:
    case Role::kLogistics:
      return need == ClassNeed::kRead ? Ok() : Status(Forbidden(need));
    case Role::kTrainee:
      return need == ClassNeed::kRead && trainee_enrolled ? Ok() : Status(Forbidden(need));
  }
  return Forbidden(need);
}

Status CheckClassAccess(store::Store& store, const Principal& who, int64_t class_id, ClassNeed need,
                        const EnrolledClassIds& enrolled) {
  bool trainee_enrolled = false;
  if (who.role == Role::kTrainee && need == ClassNeed::kRead && enrolled && who.person_id) {
    const std::vector<int64_t> ids = enrolled(*who.person_id);
    trainee_enrolled = std::find(ids.begin(), ids.end(), class_id) != ids.end();
  }
  return store.Read(
      [&](store::Tx& tx) { return CheckClassAccessIn(tx, who, class_id, need, trainee_enrolled); });
}

}  // namespace peixun::classes
