// Must compile anywhere: the public headers of auth and enrollment are what
// other modules use instead of their internals (boundaries_public_include_compiles).
#include "modules/auth/device_check.h"
#include "modules/enrollment/badges.h"

int main() {
  peixun::auth::DeviceCheck check;
  return check.bound_to_other_user || peixun::enrollment::BadgeHolder(1, "", "") ? 1 : 0;
}
