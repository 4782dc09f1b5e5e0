#ifndef PEIXUN_MODULE_WORKBENCH_INTERNALS
#error "modules/workbench/internal is private to the workbench module"
#endif
// The role check every workbench entry point starts with.
#pragma once

#include <initializer_list>

#include "core/principal.h"
#include "core/result.h"

namespace peixun::workbench {

// 403 workbench.forbidden.
Error Forbidden();
// Ok when who.role is one of `roles`; else Forbidden().
Status RequireRole(const Principal& who, std::initializer_list<Role> roles);

}  // namespace peixun::workbench
