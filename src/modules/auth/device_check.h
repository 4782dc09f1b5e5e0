// What check-in may learn about the phone a scan came from, without knowing how
// auth keeps devices (internal/device_binding.h): a browser that accepted an
// invite carries a peixun_device cookie bound to that trainee's account, and a
// scan from a phone bound to someone else is flagged for the head teacher
// (DESIGN.md: flags, not silent rejections).
//
// Thread-safe: a stateless function running in the caller's transaction.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

struct DeviceCheck {
  // The hash the device id is kept under (never the id itself): the same phone
  // gives the same hash, so scans from one phone can be matched.
  std::string device_hash;
  // The device is bound to at least one account other than the scanning user's.
  bool bound_to_other_user = false;
};

// `device_id`: the raw peixun_device cookie (not empty); `user_id`: the account
// scanning. A malformed or unknown device id is bound to nobody.
Result<DeviceCheck> CheckDeviceIn(store::Tx& tx, const std::string& device_id, int64_t user_id);

}  // namespace peixun::auth
