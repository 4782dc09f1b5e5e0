// Who the CLI is when it calls a service entry point that checks its caller:
// the operator of the machine, an administrator (audited as "cli"). Passing it
// on purpose keeps the call visible where the CLI bypasses nothing by accident.
#pragma once

#include "core/principal.h"

namespace peixun::cli {

inline Principal OperatorPrincipal() {
  Principal p;
  p.username = "cli";
  p.role = Role::kAdmin;
  return p;
}

}  // namespace peixun::cli
