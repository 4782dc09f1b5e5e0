// The password policy in force (core/password_policy.h: length, character
// classes, history, expiry), kept by the auth module in its password_policy table
// (one row; none means the MLPS-meeting defaults: 8+ characters, 3 classes, none
// of the last 5, 90 days) and the password history that backs "not one of the
// last N".
//
// Enforced where a person chooses a password (AuthService::ChangePassword, and
// RenewExpiredPassword below); generated passwords (new users, admin resets) are
// long and random and are not checked. Every stored hash is remembered
// (UserService::SetPasswordHashIn calls RememberPasswordIn), so history counts
// resets too. An expired password is refused at login with 403
// auth.password.expired; the user then renews it (RenewExpiredPassword) and logs
// in with the new one.
//
// Thread-safe (the Store).
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/password_policy.h"
#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::auth {

Result<core::PasswordPolicy> PasswordPolicyIn(store::Tx& tx);
// Anyone may read it (the password forms show the rules).
Result<core::PasswordPolicy> GetPasswordPolicy(store::Store& store);
// Administrators only (403 auth.forbidden); 422 password.policy.invalid naming the
// setting out of range. Audited (auth.password_policy.update).
Status SetPasswordPolicy(store::Store& store, const Principal& admin,
                         const core::PasswordPolicy& policy);

// Ok when `user_id` (named `username`) may choose `password` now: the policy's
// rules, then none of the user's last `history` passwords
// (auth.password.reused). Errors name `field`.
Status CheckChosenPasswordIn(store::Tx& tx, const core::PasswordPolicy& policy, int64_t user_id,
                             const std::string& username, const std::string& password,
                             const std::string& field);

// Adds `hash` to the user's history, keeping the newest kMaxPasswordHistory.
inline constexpr int kMaxPasswordHistory = 24;
Status RememberPasswordIn(store::Tx& tx, int64_t user_id, const std::string& hash, int64_t now_ms);

// True when the user's password (set at `changed_at`, or the account's creation
// when never changed) has expired under the policy at `now_ms`.
bool PasswordHasExpired(const core::PasswordPolicy& policy, int64_t changed_at, int64_t now_ms);

Error PasswordExpiredError();

}  // namespace peixun::auth
