#include "modules/logistics/internal/logistics_access.h"

#include "modules/classes/class_access.h"
#include "modules/classes/class_service.h"

namespace peixun::logistics {

Status CheckLogisticsAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, bool write) {
  switch (who.role) {
    case Role::kAdmin:
    case Role::kOrganizer:
    case Role::kHeadTeacher:
      PEIXUN_RETURN_IF_ERROR(
          classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kManage));
      break;
    case Role::kLogistics:
      PEIXUN_RETURN_IF_ERROR(
          classes::CheckClassAccessIn(tx, who, class_id, classes::ClassNeed::kRead));
      break;
    default:
      return MakeError(ErrorKind::kForbidden, "logistics.forbidden", "您无权查看或安排食宿与车辆",
                       "you may not see or arrange food, lodging and buses");
  }
  if (write) return classes::ClassService::CheckEditableIn(tx, class_id);
  return Ok();
}

}  // namespace peixun::logistics
