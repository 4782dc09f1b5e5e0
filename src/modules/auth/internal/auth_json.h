#ifndef PEIXUN_MODULE_AUTH_INTERNALS
#error "modules/auth/internal is private to the auth module"
#endif
// JSON forms of the auth module's records (docs/api.md, "Auth") and their
// OpenAPI schemas. Instants are integers: UTC milliseconds since the epoch.
// Pure functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/auth/api_tokens.h"
#include "modules/auth/user.h"

namespace peixun::auth {

// {"id","username","display_name","role","role_label","unit_id","person_id","active"}
nlohmann::json UserJson(const User& user);
nlohmann::json UserSchema();

// {"id","name","created_at","last_used_at","revoked_at"}
nlohmann::json ApiTokenJson(const ApiToken& token);
nlohmann::json ApiTokenSchema();

}  // namespace peixun::auth
