// The role half of an access check, for service entry points: the same answer the
// router gives ("auth.forbidden", 403), so a service called from the CLI or a job
// refuses exactly as its route does. The scope half (a class, a unit, oneself)
// stays with the module that owns the data.
#pragma once

#include <initializer_list>

#include "core/error.h"
#include "core/principal.h"
#include "core/result.h"

namespace peixun {

inline Error RoleForbidden() {
  return MakeError(ErrorKind::kForbidden, "auth.forbidden", "您的角色无权进行此操作",
                   "your role may not do this");
}

// Ok when `who` holds one of `roles`; RoleForbidden() otherwise.
inline Status RequireRole(const Principal& who, std::initializer_list<Role> roles) {
  for (Role r : roles) {
    if (who.role == r) return Ok();
  }
  return RoleForbidden();
}

}  // namespace peixun
