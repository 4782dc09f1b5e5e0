// Spot checks (随机点名): during a running session a head teacher opens a short
// window (kDefaultSpotCheckMinutes) in which the session's trainees confirm they are
// present from their phones. The operations are AttendanceService's (attendance_
// service.h; defined in spot_checks.cc); these are their values. JSON:
// attendance_json.h.
#pragma once

#include <cstdint>
#include <string>

namespace peixun::attendance {

inline constexpr int kDefaultSpotCheckMinutes = 3;

struct SpotCheckInfo {
  int64_t id = 0;
  int64_t session_id = 0;
  int64_t opened_ms = 0;
  int64_t closes_ms = 0;
  int confirmed = 0;
  int expected = 0;
};

// A spot check as the trainee's phone sees it.
struct TraineeSpotCheck {
  SpotCheckInfo info;
  int64_t class_id = 0;
  std::string session_title;
  bool confirmed = false;
};

}  // namespace peixun::attendance
