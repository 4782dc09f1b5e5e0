// Managing accounts, for a user (routes, the CLI, jobs): administrators only (403
// auth.forbidden for every other role, as the /users routes answer), audited as
// `who`. UserService's own calls (user_service.h) are the unchecked layer below.
#pragma once

#include <cstdint>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "modules/auth/user_service.h"

namespace peixun::auth {

Result<UserPage> ListUsers(UserService& users, const Principal& who, const UserQuery& query);
Result<User> GetUser(UserService& users, const Principal& who, int64_t id);
Result<CreatedUser> CreateUser(UserService& users, const Principal& who, const NewUser& input);
Result<User> UpdateUser(UserService& users, const Principal& who, int64_t id,
                        const UserChange& change);
Result<std::string> ResetUserPassword(UserService& users, const Principal& who, int64_t id);

}  // namespace peixun::auth
