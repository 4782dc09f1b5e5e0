// Who is calling: the authenticated user, their role and their scope. Made by
// the auth module, checked by the router (role) and by handlers (scope).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peixun {

// The roles of DESIGN.md. Stored by their codes (RoleCode).
enum class Role {
  kAdmin,        // 系统管理员
  kOrganizer,    // 组织部/主办方
  kHeadTeacher,  // 班主任
  kLiaison,      // 单位联络员: sees only their unit's subtree
  kLecturer,     // 授课老师
  kLogistics,    // 后勤
  kTrainee,      // 学员: sees only themself
};

inline constexpr Role kAllRoles[] = {Role::kAdmin,   Role::kOrganizer, Role::kHeadTeacher,
                                     Role::kLiaison, Role::kLecturer,  Role::kLogistics,
                                     Role::kTrainee};

std::string_view RoleCode(Role role);   // "admin", "organizer", "head_teacher", …
std::string_view RoleLabel(Role role);  // "系统管理员", "组织部", "班主任", …
std::optional<Role> ParseRole(std::string_view code);

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kTrainee;
  std::optional<int64_t> unit_id;    // liaison: the root of what they may see
  std::optional<int64_t> person_id;  // trainee (and others linked to a person)
  bool via_cookie = false;           // session cookie (CSRF applies) vs API token
  std::string session_id_hash;       // empty for tokens
  std::string csrf_token;            // the session's token, for comparison
  std::string remote_address;
};

}  // namespace peixun
