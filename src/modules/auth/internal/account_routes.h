#ifndef PEIXUN_MODULE_AUTH_INTERNALS
#error "modules/auth/internal is private to the auth module"
#endif
// The account-security routes (MLPS level 3), registered by RegisterAuthRoutes:
// the login log for administrators (login_log.h) and the session lists
// (session_list.h).
#pragma once

#include "api/router.h"
#include "modules/auth/auth_services.h"

namespace peixun::auth {

void RegisterLoginLogRoutes(api::Router& router, AuthServices& services);
void RegisterSessionListRoutes(api::Router& router, AuthServices& services);
void RegisterPasswordRoutes(api::Router& router, AuthServices& services);

}  // namespace peixun::auth
