// Tables owned by the auth module: users, sessions, api_tokens, invites, devices.
//
// Secrets are never stored in clear: sessions, API tokens, invites and devices
// are keyed by the hash of their random secret (internal/secret_token.h); passwords by
// their argon2id string (password.h). Versions 10..19 belong to auth.
#pragma once

#include <vector>

#include "store/migration.h"

namespace peixun::auth {

std::vector<store::Migration> AuthMigrations();

}  // namespace peixun::auth
