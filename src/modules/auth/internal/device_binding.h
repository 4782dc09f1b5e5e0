#ifndef PEIXUN_MODULE_AUTH_INTERNALS
#error "modules/auth/internal is private to the auth module"
#endif
// Device binding: which accounts a phone browser has been used for.
//
// A browser that accepts an invite gets a long-lived random peixun_device cookie
// (cookies.h); the devices table records SecretHash(device id) → user. Check-in
// uses it to flag a phone that is bound to another trainee (DESIGN.md: flags
// for the head teacher, not silent rejections). A device may be bound to several
// users (a shared phone) and a user to several devices.
//
// Thread-safe: stateless functions running in the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

// Records that device `device_id` (raw cookie value) is used by `user_id`;
// binding the same pair again changes nothing.
Status BindDeviceIn(store::Tx& tx, const std::string& device_id, int64_t user_id, int64_t now_ms);

// The users bound to device `device_id` (raw cookie value), oldest binding
// first; empty for a malformed or unknown device id.
Result<std::vector<int64_t>> UsersOfDeviceIn(store::Tx& tx, const std::string& device_id);

}  // namespace peixun::auth
