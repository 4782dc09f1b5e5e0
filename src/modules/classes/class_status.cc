#include "modules/classes/class_status.h"

#include <array>
#include <string>
#include <utility>

namespace peixun::classes {
namespace {

struct StatusName {
  ClassStatus status;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<StatusName, 5> kNames = {{
    {ClassStatus::kPlanning, "planning", "筹备中"},
    {ClassStatus::kEnrolling, "enrolling", "报名中"},
    {ClassStatus::kRunning, "running", "进行中"},
    {ClassStatus::kFinished, "finished", "已结业"},
    {ClassStatus::kArchived, "archived", "已归档"},
}};

// The allowed transitions (class_status.h draws them).
constexpr std::array<std::pair<ClassStatus, ClassStatus>, 6> kTransitions = {{
    {ClassStatus::kPlanning, ClassStatus::kEnrolling},
    {ClassStatus::kEnrolling, ClassStatus::kPlanning},
    {ClassStatus::kEnrolling, ClassStatus::kRunning},
    {ClassStatus::kRunning, ClassStatus::kFinished},
    {ClassStatus::kFinished, ClassStatus::kRunning},
    {ClassStatus::kFinished, ClassStatus::kArchived},
}};

}  // namespace

std::string_view ClassStatusCode(ClassStatus status) {
  for (const auto& n : kNames) {
    if (n.status == status) return n.code;
  }
  return "planning";
}

std::string_view ClassStatusLabel(ClassStatus status) {
  for (const auto& n : kNames) {
    if (n.status == status) return n.label;
  }
  return "";
}

std::optional<ClassStatus> ParseClassStatus(std::string_view code) {
  for (const auto& n : kNames) {
    if (n.code == code) return n.status;
  }
  return std::nullopt;
}

bool CanTransition(ClassStatus from, ClassStatus to) {
  for (const auto& [a, b] : kTransitions) {
    if (a == from && b == to) return true;
  }
  return false;
}

std::vector<ClassStatus> NextStatuses(ClassStatus from) {
  std::vector<ClassStatus> out;
  for (const auto& n : kNames) {
    if (CanTransition(from, n.status)) out.push_back(n.status);
  }
  return out;
}

Status CheckTransition(ClassStatus from, ClassStatus to) {
  if (CanTransition(from, to)) return Ok();
  const std::string zh_from(ClassStatusLabel(from)), zh_to(ClassStatusLabel(to));
  const std::string en_from(ClassStatusCode(from)), en_to(ClassStatusCode(to));
  return Conflict("classes.status.transition",
                  "培训班状态不能从“" + zh_from + "”改为“" + zh_to + "”",
                  "a class cannot go from " + en_from + " to " + en_to, "status");
}

bool CanChangeEnrollment(ClassStatus status) {
  return status == ClassStatus::kPlanning || status == ClassStatus::kEnrolling ||
         status == ClassStatus::kRunning;
}

bool CanEdit(ClassStatus status) { return status != ClassStatus::kArchived; }

}  // namespace peixun::classes
