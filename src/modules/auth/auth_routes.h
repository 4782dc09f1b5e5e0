// HTTP routes of the auth module (docs/api.md, "Auth"): login, logout, me,
// password, invites, API tokens, and user administration (/api/v1/users).
//
// Login and invite acceptance are public and CSRF-exempt (there is no session
// yet); they set the peixun_session cookie (cookies.h). Everything else needs a
// login; /users is for admins, invites for admins, organizers and head teachers.
// Handlers are thread-safe (they only call the services, which are).
#pragma once

#include "api/router.h"
#include "modules/auth/auth_services.h"

namespace peixun::auth {

// Adds the routes; `services` must outlive the router.
void RegisterAuthRoutes(api::Router& router, AuthServices& services);

}  // namespace peixun::auth
