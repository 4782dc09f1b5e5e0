// A user account: who may log in, with which role and scope.
//
// Usernames are compared case-insensitively for ASCII letters: they are stored
// normalized (NormalizeUsername) and looked up the same way.
//
// Plain data and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/principal.h"
#include "core/result.h"

namespace peixun::auth {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kTrainee;
  std::optional<int64_t> unit_id;    // liaison: the unit whose subtree they see
  std::optional<int64_t> person_id;  // trainee: the person they are
  bool active = true;
  bool has_password = false;  // false for trainees made from an invite
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> password_changed_at;
  bool second_factor = false;  // a confirmed TOTP key (user_totp.confirmed_at set)
};

inline constexpr size_t kMinUsernameChars = 2;
inline constexpr size_t kMaxUsernameChars = 64;
inline constexpr size_t kMaxDisplayNameChars = 50;

// The stored form of a typed username: NormalizeField (full-width to half-width,
// spaces trimmed, NFC), then ASCII letters lowercased. Never fails.
std::string NormalizeUsername(std::string_view typed);

// Ok when a normalized username is 2..64 characters without spaces or control
// characters ("auth.username.invalid", field "username").
Status ValidateUsername(std::string_view normalized);

// The username of the trainee account an invite makes for person `person_id`:
// "p<person_id>". Names of this shape are reserved for such accounts.
std::string TraineeUsername(int64_t person_id);
bool IsReservedUsername(std::string_view normalized);

// A Principal for `user` (no session or token details filled in).
Principal PrincipalOf(const User& user);

}  // namespace peixun::auth
