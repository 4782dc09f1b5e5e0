#include "core/principal.h"

#include <array>

namespace peixun {
namespace {

struct RoleName {
  Role role;
  std::string_view code;
  std::string_view label;
};

constexpr std::array<RoleName, 7> kRoles = {{
    {Role::kAdmin, "admin", "系统管理员"},
    {Role::kOrganizer, "organizer", "组织部"},
    {Role::kHeadTeacher, "head_teacher", "班主任"},
    {Role::kLiaison, "liaison", "单位联络员"},
    {Role::kLecturer, "lecturer", "授课老师"},
    {Role::kLogistics, "logistics", "后勤"},
    {Role::kTrainee, "trainee", "学员"},
}};

}  // namespace

std::string_view RoleCode(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.code;
  return "trainee";
}

std::string_view RoleLabel(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.label;
  return "学员";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (const auto& r : kRoles)
    if (r.code == code) return r.role;
  return std::nullopt;
}

}  // namespace peixun
