// Renewing an expired password (password_rules.h): login refuses an expired
// password with 403 auth.password.expired; the user then gives the username, the
// old password and a new one here (no session needed), and logs in with the new
// one. Throttled and logged like a login; audited (auth.password.renew).
#pragma once

#include <string>

#include "core/result.h"
#include "modules/auth/auth_services.h"

namespace peixun::auth {

// 401 auth.invalid_credentials for a wrong username or old password; 409
// auth.password.not_expired when it has not expired (change it signed in
// instead); the policy's errors on new_password.
Status RenewExpiredPassword(AuthServices& services, const std::string& username,
                            const std::string& old_password, const std::string& new_password,
                            const std::string& remote_address, const std::string& user_agent);

}  // namespace peixun::auth
