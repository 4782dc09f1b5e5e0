#include "modules/auth/device_check.h"

#include <algorithm>
#include <vector>

#include "modules/auth/internal/device_binding.h"
#include "modules/auth/internal/secret_token.h"

namespace peixun::auth {

Result<DeviceCheck> CheckDeviceIn(store::Tx& tx, const std::string& device_id, int64_t user_id) {
  DeviceCheck out;
  out.device_hash = SecretHash(device_id);
  PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> users, UsersOfDeviceIn(tx, device_id));
  out.bound_to_other_user =
      std::any_of(users.begin(), users.end(), [&](int64_t u) { return u != user_id; });
  return out;
}

}  // namespace peixun::auth
