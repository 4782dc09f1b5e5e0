// An enrollment (调训): one person nominated by their unit for one class, and what
// became of the nomination: approved, rejected, waitlisted (候补), withdrawn (退训)
// or replaced by a colleague (替训). Plus a unit's quota (名额) in a class.
//
// Plain data; thread-safe as values are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peixun::enrollment {

enum class EnrollmentStatus {
  kNominated,   // 待审核: holds a seat of its unit's quota, awaits the organizer
  kApproved,    // 已批准: a trainee of the class (on the roster)
  kRejected,    // 未通过
  kWaitlisted,  // 候补: waits for a seat, in waitlist_position order
  kWithdrawn,   // 已退训
  kReplaced,    // 已替训: a colleague took the seat (see Enrollment::replaced_by_id)
};

// "nominated", "approved", "rejected", "waitlisted", "withdrawn", "replaced".
std::string_view EnrollmentStatusCode(EnrollmentStatus status);
// 待审核, 已批准, 未通过, 候补, 已退训, 已替训.
std::string_view EnrollmentStatusLabel(EnrollmentStatus status);
std::optional<EnrollmentStatus> ParseEnrollmentStatus(std::string_view code);

// Live: the person counts as enrolled in the class (at most one live enrollment per
// person and class): nominated, approved, waitlisted.
bool IsLive(EnrollmentStatus status);
// Holds one seat of its quota and of the class's capacity: nominated, approved.
bool HoldsSeat(EnrollmentStatus status);

struct Enrollment {
  int64_t id = 0;
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  std::string gender;              // 男 / 女
  std::optional<int64_t> unit_id;  // the person's unit now
  std::string unit_name;
  std::string position;
  int64_t quota_unit_id = 0;  // whose quota the seat counts against
  std::string quota_unit_name;
  EnrollmentStatus status = EnrollmentStatus::kNominated;
  std::optional<int64_t> nominated_by;  // user id; nullopt: the system
  std::optional<int64_t> decided_by;    // user who made the last decision
  std::string decision_reason;          // approval note, rejection or withdrawal reason
  std::optional<int64_t> replaces_id;   // 替训: the enrollment this one replaced
  std::optional<int64_t> replaced_by_id;
  std::string substitution_reason;       // why replaces_id was replaced
  std::optional<int> waitlist_position;  // 1..n, waitlisted only
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A unit's quota in a class, with how much of it is taken.
struct Quota {
  int64_t unit_id = 0;
  std::string unit_name;
  int seats = 0;
  int used = 0;  // enrollments holding a seat (nominated + approved)
  int approved = 0;
  int waitlisted = 0;
};

}  // namespace peixun::enrollment
