#include "modules/timetable/internal/timetable_route_support.h"

namespace peixun::timetable {

api::Access StaffReaders() {
  return api::Access::Roles({Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison,
                             Role::kLecturer, Role::kLogistics});
}

}  // namespace peixun::timetable
