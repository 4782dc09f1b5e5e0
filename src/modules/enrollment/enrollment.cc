#include "modules/enrollment/enrollment.h"

#include <array>
#include <utility>

namespace peixun::enrollment {
namespace {

struct StatusName {
  EnrollmentStatus status;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<StatusName, 6> kStatuses = {{
    {EnrollmentStatus::kNominated, "nominated", "待审核"},
    {EnrollmentStatus::kApproved, "approved", "已批准"},
    {EnrollmentStatus::kRejected, "rejected", "未通过"},
    {EnrollmentStatus::kWaitlisted, "waitlisted", "候补"},
    {EnrollmentStatus::kWithdrawn, "withdrawn", "已退训"},
    {EnrollmentStatus::kReplaced, "replaced", "已替训"},
}};

}  // namespace

std::string_view EnrollmentStatusCode(EnrollmentStatus status) {
  for (const auto& s : kStatuses) {
    if (s.status == status) return s.code;
  }
  return "";
}

std::string_view EnrollmentStatusLabel(EnrollmentStatus status) {
  for (const auto& s : kStatuses) {
    if (s.status == status) return s.label;
  }
  return "";
}

std::optional<EnrollmentStatus> ParseEnrollmentStatus(std::string_view code) {
  for (const auto& s : kStatuses) {
    if (s.code == code) return s.status;
  }
  return std::nullopt;
}

bool IsLive(EnrollmentStatus status) {
  return status == EnrollmentStatus::kNominated || status == EnrollmentStatus::kApproved ||
         status == EnrollmentStatus::kWaitlisted;
}

bool HoldsSeat(EnrollmentStatus status) {
  return status == EnrollmentStatus::kNominated || status == EnrollmentStatus::kApproved;
}

}  // namespace peixun::enrollment
