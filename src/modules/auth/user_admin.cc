#include "modules/auth/user_admin.h"

#include "core/role_guard.h"

namespace peixun::auth {

Result<UserPage> ListUsers(UserService& users, const Principal& who, const UserQuery& query) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return users.List(query);
}

Result<User> GetUser(UserService& users, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return users.Get(id);
}

Result<CreatedUser> CreateUser(UserService& users, const Principal& who, const NewUser& input) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return users.Create(input, Actor::Of(who));
}

Result<User> UpdateUser(UserService& users, const Principal& who, int64_t id,
                        const UserChange& change) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return users.Update(id, change, Actor::Of(who));
}

Result<std::string> ResetUserPassword(UserService& users, const Principal& who, int64_t id) {
  PEIXUN_RETURN_IF_ERROR(RequireRole(who, {Role::kAdmin}));
  return users.ResetPassword(id, Actor::Of(who));
}

}  // namespace peixun::auth
