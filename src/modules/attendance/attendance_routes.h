// The attendance and leave routes (docs/api.md "Attendance and leave"): the
// projector's QR and live stream, trainee check-in, kiosk scans, spot checks,
// corrections, statuses and summaries, reports, paper import and leave.
#pragma once

#include <functional>
#include <memory>

#include "api/router.h"
#include "modules/attendance/attendance_service.h"
#include "modules/attendance/checkin_service.h"
#include "modules/attendance/leave_service.h"
#include "modules/attendance/live_feed.h"
#include "modules/attendance/venue_service.h"
#include "store/store.h"

namespace peixun::attendance {

// The services behind the routes; the routes share ownership, so the check-in
// writer thread lives as long as the router.
struct AttendanceServices {
  // `key` unseals the check-in secrets (CheckinService); it must outlive them.
  AttendanceServices(store::Store& store, const crypto::DataKey& key,
                     std::function<int64_t()> now_ms = {});
  std::shared_ptr<LiveFeed> live;
  std::shared_ptr<CheckinService> checkins;
  std::shared_ptr<AttendanceService> attendance;
  std::shared_ptr<LeaveService> leave;
  std::shared_ptr<VenueService> venue;
};

void RegisterAttendanceRoutes(api::Router& router, const AttendanceServices& services);

}  // namespace peixun::attendance
