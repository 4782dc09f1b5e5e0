// Use cases of user accounts (admin): create with a generated password, list,
// change role/scope/name/active, reset a password; plus the first admin and the
// CLI's password reset. Each public call is one transaction; the static *In
// variants run inside a caller's (login, invites).
//
// Rules: the role decides the scope a user needs: a liaison needs unit_id (an
// existing unit: the root of what they see), a trainee needs person_id (an
// existing person, their own record). One person has at most one account.
// The last active admin cannot be demoted or deactivated. Deactivating a user,
// or resetting their password, ends all their sessions.
//
// Passwords are hashed outside transactions (argon2id takes ~0.1 s). Generated
// passwords are returned once and never stored in clear.
//
// Every write records an audit entry (modules/audit) in its transaction:
// auth.user.create / auth.user.update / auth.user.reset_password, entity "user",
// with the user's JSON (never a password or hash).
//
// Thread-safe: holds no mutable state; concurrency is the database's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "modules/auth/user.h"
#include "store/store.h"

namespace peixun::auth {

struct NewUser {
  std::string username;  // as typed; normalized by the service
  std::string display_name;
  Role role = Role::kTrainee;
  std::optional<int64_t> unit_id;
  std::optional<int64_t> person_id;
};

// A partial update: only the fields set change. `unit_id` / `person_id` hold
// the new value when `set_unit` / `set_person` (nullopt clears it).
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  bool set_unit = false;
  std::optional<int64_t> unit_id;
  bool set_person = false;
  std::optional<int64_t> person_id;
  std::optional<bool> active;
};

struct CreatedUser {
  User user;
  std::string password;  // generated; show once
};

enum class UserSort { kUsername, kId };

struct UserQuery {
  std::string search;  // fragment of username or display name; empty: all
  std::optional<Role> role;
  UserSort sort = UserSort::kUsername;
  int64_t offset = 0;
  int64_t limit = 20;  // 1..1000
};

struct UserPage {
  std::vector<User> items;
  int64_t total = 0;  // matches before paging
};

class UserService {
 public:
  explicit UserService(store::Store& store, std::function<int64_t()> now_ms = NowMillis);

  // `actor` is who does it, for the audit log.
  Result<CreatedUser> Create(const NewUser& input, const Actor& actor = Actor::System());
  Result<User> Get(int64_t id);
  Result<UserPage> List(const UserQuery& query);
  Result<User> Update(int64_t id, const UserChange& change, const Actor& actor = Actor::System());
  // A new generated password (returned once); ends the user's sessions.
  Result<std::string> ResetPassword(int64_t id, const Actor& actor = Actor::System());

  // 404 "auth.user.not_found" when there is no such user.
  static Result<User> GetIn(store::Tx& tx, int64_t id);
  // `normalized` as NormalizeUsername gives it.
  static Result<std::optional<User>> FindByUsernameIn(store::Tx& tx, const std::string& normalized);
  static Result<std::optional<User>> FindByPersonIn(store::Tx& tx, int64_t person_id);
  // The stored argon2id string; "" when the user has no password.
  static Result<std::string> PasswordHashIn(store::Tx& tx, int64_t user_id);
  static Status SetPasswordHashIn(store::Tx& tx, int64_t user_id, const std::string& hash,
                                  int64_t now_ms);
  // Validates (username, display name, role scope), inserts and audits.
  // `password_hash` may be empty (no password: invite-only trainee).
  static Result<User> InsertIn(store::Tx& tx, const NewUser& input,
                               const std::string& password_hash, int64_t now_ms, const Actor& actor,
                               bool allow_reserved_username = false);

 private:
  store::Store& store_;
  const std::function<int64_t()> now_ms_;
};

// When no admin exists, creates one named `username` with a generated password
// and returns that password (for `peixun init` to print once); nullopt when an
// admin already exists. Fails with "auth.username.taken" when a non-admin holds
// the name.
Result<std::optional<std::string>> EnsureFirstAdmin(store::Store& store,
                                                    const std::string& username = "admin");

// Sets a new generated password for `username` and returns it; ends the user's
// sessions. For `peixun user reset-password`. 404 "auth.user.not_found".
Result<std::string> ResetPasswordByUsername(store::Store& store, const std::string& username);

}  // namespace peixun::auth
