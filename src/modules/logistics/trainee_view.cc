#include "modules/logistics/internal/trainee_view.h"

#include "core/role_guard.h"
#include "modules/classes/class_service.h"
#include "modules/enrollment/enrollment_service.h"
#include "modules/groups/groups_service.h"

namespace peixun::logistics {

Result<TraineeClassView> TraineeClass(store::Store& store, const Principal& who, int64_t class_id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kTrainee}));
  return store::ReadValue<TraineeClassView>(store, [&](store::Tx& tx) -> Result<TraineeClassView> {
    PEIXUN_ASSIGN_OR_RETURN(classes::TrainingClass c, classes::ClassService::GetIn(tx, class_id));
    bool approved = false;
    if (who.person_id) {
      PEIXUN_ASSIGN_OR_RETURN(
          approved, enrollment::EnrollmentService::IsApprovedIn(tx, class_id, *who.person_id));
    }
    if (!approved) {
      return NotFound("logistics.not_enrolled", "您不是该培训班的学员",
                      "you are not a trainee of this class", "id");
    }
    const int64_t person_id = *who.person_id;
    TraineeClassView view;
    view.class_id = class_id;
    view.class_name = c.name;
    view.utc_offset_minutes = c.utc_offset_minutes;
    view.person_id = person_id;
    PEIXUN_ASSIGN_OR_RETURN(groups::ClassGroups all, groups::GroupsService::LoadIn(tx, class_id));
    for (auto& g : all.groups) {
      for (const auto& m : g.members) {
        if (m.person_id == person_id) view.group = g;
      }
    }
    PEIXUN_ASSIGN_OR_RETURN(view.room, LodgingService::RoomOfIn(tx, class_id, person_id));
    PEIXUN_ASSIGN_OR_RETURN(view.diet, MealService::DietOfIn(tx, class_id, person_id));
    PEIXUN_ASSIGN_OR_RETURN(view.visits, BusService::VisitsOfIn(tx, class_id, person_id));
    return view;
  });
}

}  // namespace peixun::logistics
