#include "modules/auth/user_service.h"

#include <utility>

#include "core/text_normalize.h"
#include "core/utf8.h"
#include "modules/audit/audit_log.h"
#include "modules/auth/internal/auth_json.h"
#include "modules/auth/internal/credential_cache.h"
#include "modules/auth/password.h"
#include "modules/auth/password_rules.h"
#include "modules/auth/session_store.h"
#include "modules/org/org_service.h"
#include "modules/people/people_service.h"

namespace peixun::auth {
namespace {

using store::Int;
using store::IntOrNull;
using store::Text;

constexpr char kSelect[] =
    "SELECT id, username, display_name, role, unit_id, person_id, active, "
    "CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, created_at, updated_at, "
    "password_changed_at, CASE WHEN EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = "
    "users.id AND t.confirmed_at IS NOT NULL) THEN 1 ELSE 0 END FROM users ";
constexpr int64_t kMaxListLimit = 1000;

User FromRow(const store::Row& r) {
  User u;
  u.id = r.Int(0);
  u.username = r.Str(1);
  u.display_name = r.Str(2);
  u.role = ParseRole(r.Str(3)).value_or(Role::kTrainee);
  u.unit_id = r.OptInt(4);
  u.person_id = r.OptInt(5);
  u.active = r.Int(6) != 0;
  u.has_password = r.Int(7) != 0;
  u.created_at = r.Int(8);
  u.updated_at = r.Int(9);
  u.password_changed_at = r.OptInt(10);
  u.second_factor = r.Int(11) != 0;
  return u;
}

Result<std::optional<User>> QueryOne(store::Tx& tx, const std::string& where,
                                     const std::vector<store::Value>& params) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(kSelect + where, params));
  if (rows.empty()) return std::optional<User>();
  return std::optional<User>(FromRow(rows[0]));
}

Error UserNotFound(const std::string& what) {
  return NotFound("auth.user.not_found", "用户不存在：" + what, "user not found: " + what, "id");
}

Error UsernameTaken(const std::string& username) {
  return Conflict("auth.username.taken", "用户名“" + username + "”已被使用",
                  "the username \"" + username + "\" is taken", "username");
}

// A race on the unique index (two saves at once): only the id is at hand.
Error PersonTaken(int64_t person_id) {
  return Conflict("auth.user.person_taken", "人员 " + std::to_string(person_id) + " 已有登录账号",
                  "person " + std::to_string(person_id) + " already has an account", "person_id");
}

// Names the person and the account holding them (the UI picks people by name, so a
// bare id would mean nothing on screen).
Error PersonTaken(const std::string& person_name, const User& holder) {
  return Conflict("auth.user.person_taken",
                  person_name + " 已有登录账号（" + holder.username + "）",
                  person_name + " already has an account (" + holder.username + ")", "person_id");
}

Result<std::string> NormalizeDisplayName(const std::string& typed) {
  std::string name = core::NormalizeField(typed);
  const size_t chars = core::Utf8CharCount(name);
  if (chars == 0 || chars > kMaxDisplayNameChars) {
    return Invalid("auth.display_name.invalid", "显示名称应为 1 到 50 个字",
                   "the display name must be 1 to 50 characters", "display_name");
  }
  return name;
}

// The scope a role needs, and that what it names exists.
Status CheckScopeIn(store::Tx& tx, Role role, const std::optional<int64_t>& unit_id,
                    const std::optional<int64_t>& person_id) {
  if (role == Role::kLiaison && !unit_id) {
    return Invalid("auth.user.unit_required", "单位联络员必须指定所属单位",
                   "a unit liaison needs a unit (unit_id)", "unit_id");
  }
  if (role == Role::kTrainee && !person_id) {
    return Invalid("auth.user.person_required", "学员账号必须关联人员",
                   "a trainee account needs a person (person_id)", "person_id");
  }
  if (unit_id) {
    auto unit = org::OrgService::GetIn(tx, *unit_id);
    if (!unit && unit.error().kind != ErrorKind::kNotFound) return unit.error();
    if (!unit) {
      return NotFound("auth.user.unit_not_found", "单位不存在：" + std::to_string(*unit_id),
                      "unit not found: " + std::to_string(*unit_id), "unit_id");
    }
  }
  if (person_id) {
    auto person = people::PeopleService::GetIn(tx, *person_id);
    if (!person && person.error().kind != ErrorKind::kNotFound) return person.error();
    if (!person) {
      return NotFound("auth.user.person_not_found", "人员不存在：" + std::to_string(*person_id),
                      "person not found: " + std::to_string(*person_id), "person_id");
    }
  }
  return Ok();
}

Status CheckPersonFreeIn(store::Tx& tx, const std::optional<int64_t>& person_id, int64_t self_id) {
  if (!person_id) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(std::optional<User> holder, UserService::FindByPersonIn(tx, *person_id));
  if (holder && holder->id != self_id) {
    auto person = people::PeopleService::GetIn(tx, *person_id);
    return PersonTaken(person ? person->name : std::to_string(*person_id), *holder);
  }
  return Ok();
}

// Refuses to leave the system without an active admin.
Status CheckNotLastAdminIn(store::Tx& tx, const User& user) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT count(*) FROM users WHERE role = ? AND active = 1 AND id <> ?",
               {Text(RoleCode(Role::kAdmin)), Int(user.id)}));
  if (rows[0].Int(0) == 0) {
    return Conflict("auth.user.last_admin", "这是最后一个可用的系统管理员账号，不能降级或停用",
                    "this is the last active admin; it cannot be demoted or deactivated", "role");
  }
  return Ok();
}

std::string LikeEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

UserService::UserService(store::Store& store, std::function<int64_t()> now_ms)
    : store_(store), now_ms_(std::move(now_ms)) {}

Result<User> UserService::GetIn(store::Tx& tx, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(std::optional<User> user, QueryOne(tx, "WHERE id = ?", {Int(id)}));
  if (!user) return UserNotFound(std::to_string(id));
  return std::move(*user);
}

Result<std::optional<User>> UserService::FindByUsernameIn(store::Tx& tx,
                                                          const std::string& normalized) {
  return QueryOne(tx, "WHERE username = ?", {Text(normalized)});
}

Result<std::optional<User>> UserService::FindByPersonIn(store::Tx& tx, int64_t person_id) {
  return QueryOne(tx, "WHERE person_id = ?", {Int(person_id)});
}

Result<std::string> UserService::PasswordHashIn(store::Tx& tx, int64_t user_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT password_hash FROM users WHERE id = ?", {Int(user_id)}));
  if (rows.empty()) return UserNotFound(std::to_string(user_id));
  return rows[0].Str(0);
}

Status UserService::SetPasswordHashIn(store::Tx& tx, int64_t user_id, const std::string& hash,
                                      int64_t now_ms) {
  PEIXUN_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec("UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? "
              "WHERE id = ?",
              {Text(hash), Int(now_ms), Int(now_ms), Int(user_id)}));
  if (changed == 0) return UserNotFound(std::to_string(user_id));
  return RememberPasswordIn(tx, user_id, hash, now_ms);
}

Result<User> UserService::InsertIn(store::Tx& tx, const NewUser& input,
                                   const std::string& password_hash, int64_t now_ms,
                                   const Actor& actor, bool allow_reserved_username) {
  const std::string username = NormalizeUsername(input.username);
  PEIXUN_RETURN_IF_ERROR(ValidateUsername(username));
  if (!allow_reserved_username && IsReservedUsername(username)) {
    return Invalid("auth.username.reserved", "“p+数字”形式的用户名留给学员邀请账号使用，请换一个",
                   "usernames of the form p<number> are reserved for invited trainees", "username");
  }
  PEIXUN_ASSIGN_OR_RETURN(std::string display_name, NormalizeDisplayName(input.display_name));
  PEIXUN_RETURN_IF_ERROR(CheckScopeIn(tx, input.role, input.unit_id, input.person_id));
  PEIXUN_ASSIGN_OR_RETURN(std::optional<User> same, FindByUsernameIn(tx, username));
  if (same) return UsernameTaken(username);
  PEIXUN_RETURN_IF_ERROR(CheckPersonFreeIn(tx, input.person_id, 0));
  auto inserted = tx.Query(
      "INSERT INTO users (username, display_name, role, unit_id, person_id, password_hash, "
      "active, created_at, updated_at, password_changed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
      {Text(username), Text(display_name), Text(RoleCode(input.role)), IntOrNull(input.unit_id),
       IntOrNull(input.person_id), store::TextOrNull(password_hash), Int(now_ms), Int(now_ms),
       password_hash.empty() ? store::Null() : Int(now_ms)});
  if (!inserted) {
    // A concurrent insert won the race between the checks above and this.
    if (inserted.error().code == store::kUniqueViolation) return UsernameTaken(username);
    return std::move(inserted).error();
  }
  PEIXUN_ASSIGN_OR_RETURN(User user, GetIn(tx, (*inserted)[0].Int(0)));
  if (!password_hash.empty()) {
    PEIXUN_RETURN_IF_ERROR(RememberPasswordIn(tx, user.id, password_hash, now_ms));
  }
  PEIXUN_RETURN_IF_ERROR(
      audit::RecordIn(tx, actor, "auth.user.create", "user", user.id, nullptr, UserJson(user)));
  return user;
}

Result<CreatedUser> UserService::Create(const NewUser& input, const Actor& actor) {
  CreatedUser out;
  out.password = GeneratePassword();
  PEIXUN_ASSIGN_OR_RETURN(std::string hash, HashPassword(out.password));
  PEIXUN_ASSIGN_OR_RETURN(out.user, store::TransactValue<User>(store_, [&](store::Tx& tx) {
                            return InsertIn(tx, input, hash, now_ms_(), actor);
                          }));
  return out;
}

Result<User> UserService::Get(int64_t id) {
  return store::ReadValue<User>(store_, [&](store::Tx& tx) { return GetIn(tx, id); });
}

Result<UserPage> UserService::List(const UserQuery& query) {
  if (query.limit < 1 || query.limit > kMaxListLimit || query.offset < 0) {
    return Invalid("request.param", "分页参数超出范围", "paging parameters out of range");
  }
  std::string where = "WHERE 1 = 1";
  std::vector<store::Value> params;
  if (query.role) {
    where += " AND role = ?";
    params.push_back(Text(RoleCode(*query.role)));
  }
  const std::string search = NormalizeUsername(query.search);
  if (!search.empty()) {
    where += " AND (username LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')";
    const std::string pattern = "%" + LikeEscape(search) + "%";
    params.push_back(Text(pattern));
    params.push_back(Text(pattern));
  }
  const std::string order = query.sort == UserSort::kId ? " ORDER BY id" : " ORDER BY username, id";
  return store::ReadValue<UserPage>(store_, [&](store::Tx& tx) -> Result<UserPage> {
    UserPage page;
    PEIXUN_ASSIGN_OR_RETURN(store::Rows count,
                            tx.Query("SELECT count(*) FROM users " + where, params));
    page.total = count[0].Int(0);
    std::vector<store::Value> paged = params;
    paged.push_back(Int(query.limit));
    paged.push_back(Int(query.offset));
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                            tx.Query(kSelect + where + order + " LIMIT ? OFFSET ?", paged));
    for (const store::Row& r : rows) page.items.push_back(FromRow(r));
    return page;
  });
}

Result<User> UserService::Update(int64_t id, const UserChange& change, const Actor& actor) {
  std::optional<std::string> display_name;
  if (change.display_name) {
    PEIXUN_ASSIGN_OR_RETURN(display_name, NormalizeDisplayName(*change.display_name));
  }
  const int64_t now = now_ms_();
  Result<User> out = store::TransactValue<User>(store_, [&](store::Tx& tx) -> Result<User> {
    PEIXUN_ASSIGN_OR_RETURN(User before, GetIn(tx, id));
    User after = before;
    if (display_name) after.display_name = *display_name;
    if (change.role) after.role = *change.role;
    if (change.set_unit) after.unit_id = change.unit_id;
    if (change.set_person) after.person_id = change.person_id;
    if (change.active) after.active = *change.active;
    PEIXUN_RETURN_IF_ERROR(CheckScopeIn(tx, after.role, after.unit_id, after.person_id));
    PEIXUN_RETURN_IF_ERROR(CheckPersonFreeIn(tx, after.person_id, id));
    const bool was_admin = before.role == Role::kAdmin && before.active;
    const bool is_admin = after.role == Role::kAdmin && after.active;
    if (was_admin && !is_admin) PEIXUN_RETURN_IF_ERROR(CheckNotLastAdminIn(tx, before));
    auto updated = tx.Exec(
        "UPDATE users SET display_name = ?, role = ?, unit_id = ?, person_id = ?, active = ?, "
        "updated_at = ? WHERE id = ?",
        {Text(after.display_name), Text(RoleCode(after.role)), IntOrNull(after.unit_id),
         IntOrNull(after.person_id), Int(after.active ? 1 : 0), Int(now), Int(id)});
    if (!updated) {
      if (updated.error().code == store::kUniqueViolation) return PersonTaken(*after.person_id);
      return std::move(updated).error();
    }
    if (before.active && !after.active) {
      PEIXUN_RETURN_IF_ERROR(SessionStore::DeleteForUserIn(tx, id));
    }
    PEIXUN_ASSIGN_OR_RETURN(User stored, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(audit::RecordIn(tx, actor, "auth.user.update", "user", id,
                                           UserJson(before), UserJson(stored)));
    return stored;
  });
  // After the commit: a role change or deactivation applies at once to remembered
  // credentials (internal/credential_cache.h).
  if (out) NoteCredentialChange();
  return out;
}

Result<std::string> UserService::ResetPassword(int64_t id, const Actor& actor) {
  std::string password = GeneratePassword();
  PEIXUN_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  PEIXUN_RETURN_IF_ERROR(store_.Transact([&](store::Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(User user, GetIn(tx, id));
    PEIXUN_RETURN_IF_ERROR(SetPasswordHashIn(tx, id, hash, now_ms_()));
    PEIXUN_RETURN_IF_ERROR(SessionStore::DeleteForUserIn(tx, id));
    return audit::RecordIn(tx, actor, "auth.user.reset_password", "user", id, nullptr,
                           UserJson(user));
  }));
  NoteCredentialChange();  // the user's sessions are gone
  return password;
}

Result<std::optional<std::string>> EnsureFirstAdmin(store::Store& store,
                                                    const std::string& username) {
  auto admins = store::ReadValue<int64_t>(store, [](store::Tx& tx) -> Result<int64_t> {
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT count(*) FROM users WHERE role = ?",
                                                       {Text(RoleCode(Role::kAdmin))}));
    return rows[0].Int(0);
  });
  if (!admins) return std::move(admins).error();
  if (*admins > 0) return std::optional<std::string>();
  std::string password = GeneratePassword();
  PEIXUN_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  auto created = store::TransactValue<bool>(store, [&](store::Tx& tx) -> Result<bool> {
    // Checked again inside the transaction: another process may have won.
    PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT count(*) FROM users WHERE role = ?",
                                                       {Text(RoleCode(Role::kAdmin))}));
    if (rows[0].Int(0) > 0) return false;
    NewUser admin{username, std::string(RoleLabel(Role::kAdmin)), Role::kAdmin, {}, {}};
    PEIXUN_RETURN_IF_ERROR(UserService::InsertIn(tx, admin, hash, NowMillis(), Actor::System()));
    return true;
  });
  if (!created && created.error().code == "auth.username.taken") {
    // Another process made the first admin between our check and our insert.
    auto again = store::ReadValue<std::optional<User>>(store, [&](store::Tx& tx) {
      return UserService::FindByUsernameIn(tx, NormalizeUsername(username));
    });
    if (again && *again && (**again).role == Role::kAdmin) return std::optional<std::string>();
  }
  if (!created) return std::move(created).error();
  if (!*created) return std::optional<std::string>();
  return std::optional<std::string>(std::move(password));
}

Result<std::string> ResetPasswordByUsername(store::Store& store, const std::string& username) {
  const std::string normalized = NormalizeUsername(username);
  auto user = store::ReadValue<std::optional<User>>(
      store, [&](store::Tx& tx) { return UserService::FindByUsernameIn(tx, normalized); });
  if (!user) return std::move(user).error();
  if (!*user) return UserNotFound(normalized);
  UserService users(store);
  return users.ResetPassword((*user)->id, Actor::Cli());
}

}  // namespace peixun::auth
