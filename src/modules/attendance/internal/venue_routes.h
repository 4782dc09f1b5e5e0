#ifndef PEIXUN_MODULE_ATTENDANCE_INTERNALS
#error "modules/attendance/internal is private to the attendance module"
#endif
// The venue routes of a class (docs/api.md "Attendance and leave"): GET and PUT
// /api/v1/classes/{id}/venue — the geofence and network ranges behind the check-in
// flags outside_geofence / outside_network (venue_service.h).
#pragma once

#include <memory>

#include "api/router.h"
#include "modules/attendance/venue_service.h"

namespace peixun::attendance {

void RegisterVenueRoutes(api::Router& router, std::shared_ptr<VenueService> venues);

}  // namespace peixun::attendance
