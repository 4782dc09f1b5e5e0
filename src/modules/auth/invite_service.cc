#include "modules/auth/invite_service.h"

#include <utility>

#include "modules/audit/audit_log.h"
#include "modules/auth/auth_service.h"
#include "modules/auth/internal/device_binding.h"
#include "modules/auth/internal/secret_token.h"
#include "modules/auth/user_service.h"
#include "modules/people/people_service.h"

namespace peixun::auth {
namespace {

using store::Int;
using store::Text;

constexpr int64_t kDayMs = 24 * 60 * 60 * 1000;

Error InviteForbidden() {
  return MakeError(ErrorKind::kForbidden, "auth.invite.forbidden",
                   "只能为您所管理培训班的已录取学员生成邀请链接",
                   "invites are only for approved trainees of classes you manage", "person_id");
}

Error InviteNotFound() {
  return NotFound("auth.invite.not_found", "邀请链接无效，请向班主任索取新的链接",
                  "this invite link is not valid; ask your head teacher for a new one", "token");
}

Error NotTrainee(int64_t person_id) {
  return Conflict("auth.invite.not_trainee",
                  "人员 " + std::to_string(person_id) + " 已有非学员账号，不能用邀请链接登录",
                  "person " + std::to_string(person_id) +
                      " has a non-trainee account; invites log in trainees only",
                  "person_id");
}

// The person, or 404 naming person_id.
Result<people::Person> PersonIn(store::Tx& tx, int64_t person_id) {
  auto person = people::PeopleService::GetIn(tx, person_id);
  if (!person && person.error().kind == ErrorKind::kNotFound) {
    return NotFound("auth.invite.person_not_found", "人员不存在：" + std::to_string(person_id),
                    "person not found: " + std::to_string(person_id), "person_id");
  }
  return person;
}

Status CheckDays(int64_t valid_days) {
  if (valid_days < 1 || valid_days > kMaxInviteDays) {
    return Invalid("auth.invite.days", "有效天数应为 1 到 30", "days must be from 1 to 30", "days");
  }
  return Ok();
}

bool MayInvite(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer || who.role == Role::kHeadTeacher;
}

}  // namespace

InviteService::InviteService(store::Store& store, SessionStore& sessions,
                             std::function<int64_t()> now_ms)
    : store_(store), sessions_(sessions), now_ms_(std::move(now_ms)) {}

Result<CreatedInvite> InviteService::Create(int64_t person_id, std::optional<int64_t> days,
                                            const Principal& who) {
  if (!MayInvite(who)) return InviteForbidden();
  return CreateChecked(person_id, days, Actor::Of(who), &who);
}

Result<CreatedInvite> InviteService::CreateForSystem(int64_t person_id,
                                                     std::optional<int64_t> days) {
  return CreateChecked(person_id, days, Actor::System(), nullptr);
}

Result<CreatedInvite> InviteService::CreateChecked(int64_t person_id, std::optional<int64_t> days,
                                                   const Actor& actor, const Principal* who) {
  const int64_t valid_days = days.value_or(kDefaultInviteDays);
  PEIXUN_RETURN_IF_ERROR(CheckDays(valid_days));
  const int64_t now = now_ms_();
  return store::TransactValue<CreatedInvite>(
      store_, [&](store::Tx& tx) { return CreateIn(tx, person_id, valid_days, now, actor, who); });
}

Result<std::vector<CreatedInvite>> InviteService::CreateMany(const std::vector<int64_t>& person_ids,
                                                             std::optional<int64_t> days,
                                                             const Principal& who) {
  if (!MayInvite(who)) return InviteForbidden();
  const int64_t valid_days = days.value_or(kDefaultInviteDays);
  PEIXUN_RETURN_IF_ERROR(CheckDays(valid_days));
  const int64_t now = now_ms_();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<std::vector<CreatedInvite>>(
      store_, [&](store::Tx& tx) -> Result<std::vector<CreatedInvite>> {
        std::vector<CreatedInvite> out;
        out.reserve(person_ids.size());
        for (int64_t person_id : person_ids) {
          PEIXUN_ASSIGN_OR_RETURN(CreatedInvite invite,
                                  CreateIn(tx, person_id, valid_days, now, actor, &who));
          out.push_back(std::move(invite));
        }
        return out;
      });
}

Result<int64_t> InviteService::Revoke(int64_t person_id, const Principal& who) {
  if (!MayInvite(who)) return InviteForbidden();
  const Actor actor = Actor::Of(who);
  return store::TransactValue<int64_t>(store_, [&](store::Tx& tx) -> Result<int64_t> {
    if (!scope_) return InviteForbidden();
    PEIXUN_RETURN_IF_ERROR(scope_(tx, who, person_id));
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t revoked,
        tx.Exec("DELETE FROM invites WHERE person_id = ? AND used_at IS NULL", {Int(person_id)}));
    PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
        tx, actor,
        audit::AuditEntry{
            "auth.invite.revoke", "person", person_id, nullptr, {{"revoked", revoked}}}));
    return revoked;
  });
}

Result<CreatedInvite> InviteService::CreateIn(store::Tx& tx, int64_t person_id, int64_t valid_days,
                                              int64_t now, const Actor& actor,
                                              const Principal* who) {
  if (who) {
    if (!scope_) return InviteForbidden();
    PEIXUN_RETURN_IF_ERROR(scope_(tx, *who, person_id));
  }
  PEIXUN_RETURN_IF_ERROR(PersonIn(tx, person_id));
  PEIXUN_ASSIGN_OR_RETURN(std::optional<User> holder, UserService::FindByPersonIn(tx, person_id));
  if (holder && holder->role != Role::kTrainee) return NotTrainee(person_id);
  CreatedInvite out;
  out.token = RandomSecret();
  out.url = "/invite/" + out.token;
  out.expires_at = now + valid_days * kDayMs;
  // Re-issue: the person's unused links die with the new one.
  PEIXUN_ASSIGN_OR_RETURN(
      int64_t replaced,
      tx.Exec("DELETE FROM invites WHERE person_id = ? AND used_at IS NULL", {Int(person_id)}));
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(
          "INSERT INTO invites (token_hash, person_id, created_by, created_at, "
          "expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
          {Text(SecretHash(out.token)), Int(person_id),
           actor.user_id > 0 ? Int(actor.user_id) : store::Null(), Int(now), Int(out.expires_at)}));
  out.id = rows[0].Int(0);
  PEIXUN_RETURN_IF_ERROR(audit::AppendIn(
      tx, actor,
      audit::AuditEntry{
          "auth.invite.create",
          "person",
          person_id,
          nullptr,
          {{"invite_id", out.id}, {"expires_at", out.expires_at}, {"replaced", replaced}}}));
  return out;
}

Result<SignedIn> InviteService::SignIn(const SignInProof& proof, const SignInContext& context) {
  auto token = proof.fields.find("token");
  if (token == proof.fields.end() || token->second.empty()) {
    return Invalid("auth.invite.token", "缺少邀请令牌", "the invite token is missing", "token");
  }
  return Accept(token->second, context.device_id, context.remote_address, context.user_agent);
}

Result<InviteLogin> InviteService::Accept(const std::string& token, const std::string& device_id,
                                          const std::string& remote_address,
                                          const std::string& user_agent) {
  if (!LooksLikeSecret(token)) return InviteNotFound();
  const std::string hash = SecretHash(token);
  const int64_t now = now_ms_();
  return store::TransactValue<InviteLogin>(store_, [&](store::Tx& tx) -> Result<InviteLogin> {
    PEIXUN_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query("SELECT id, person_id, expires_at, used_at FROM invites WHERE token_hash = ?",
                 {Text(hash)}));
    if (rows.empty()) return InviteNotFound();
    const int64_t invite_id = rows[0].Int(0);
    const int64_t person_id = rows[0].Int(1);
    if (!rows[0].IsNull(3)) {
      return Conflict(
          "auth.invite.used", "该邀请链接已使用过；如需在新设备登录，请向班主任索取新链接",
          "this invite link was already used; ask your head teacher for a new one", "token");
    }
    if (now >= rows[0].Int(2)) {
      return Conflict("auth.invite.expired", "该邀请链接已过期，请向班主任索取新的链接",
                      "this invite link has expired; ask your head teacher for a new one", "token");
    }
    // Conditional, so that of two concurrent accepts exactly one marks it.
    PEIXUN_ASSIGN_OR_RETURN(
        int64_t marked, tx.Exec("UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL",
                                {Int(now), Int(invite_id)}));
    if (marked != 1) {
      return Conflict("auth.invite.used", "该邀请链接已使用过", "this invite link was already used",
                      "token");
    }

    InviteLogin out;
    PEIXUN_ASSIGN_OR_RETURN(std::optional<User> user, UserService::FindByPersonIn(tx, person_id));
    if (user) {
      if (user->role != Role::kTrainee) return NotTrainee(person_id);
      if (!user->active) return InactiveUser();
      out.user = std::move(*user);
    } else {
      PEIXUN_ASSIGN_OR_RETURN(people::Person person, PersonIn(tx, person_id));
      // No unit_id: on a Principal it means a liaison's scope, not where a trainee works.
      NewUser trainee{TraineeUsername(person_id), person.name, Role::kTrainee, std::nullopt,
                      person_id};
      PEIXUN_ASSIGN_OR_RETURN(out.user,
                              UserService::InsertIn(tx, trainee, /*password_hash=*/"", now,
                                                    Actor{0, "invite", remote_address},
                                                    /*allow_reserved_username=*/true));
    }
    PEIXUN_ASSIGN_OR_RETURN(out.session,
                            sessions_.CreateIn(tx, out.user.id, remote_address, user_agent));
    std::string device = device_id;
    if (!LooksLikeSecret(device)) {
      out.new_device_id = RandomSecret();
      device = out.new_device_id;
    }
    PEIXUN_RETURN_IF_ERROR(BindDeviceIn(tx, device, out.user.id, now));
    PEIXUN_RETURN_IF_ERROR(
        audit::AppendIn(tx, Actor{out.user.id, out.user.username, remote_address},
                        audit::AuditEntry{"auth.invite.accept",
                                          "person",
                                          person_id,
                                          nullptr,
                                          {{"invite_id", invite_id},
                                           {"user_id", out.user.id},
                                           {"new_device", !out.new_device_id.empty()}}}));
    return out;
  });
}

}  // namespace peixun::auth
