// Invites: one-time links that log a trainee in on their phone without a
// password.
//
// An organizer, admin or head teacher makes an invite for an approved trainee of a
// class they manage (the scope hook, wired by the composition root, decides; with
// none set every such request is refused), valid kDefaultInviteDays unless said
// otherwise; the link is "/invite/<token>" with a
// 32-byte random token stored only hashed. Accepting it, once:
//   - makes (or reuses) the person's trainee account, username "p<person_id>",
//     without a usable password;
//   - starts a session;
//   - binds the browser (internal/device_binding.h): its peixun_device cookie if it sent a
//     well-formed one, else a new device id the caller sets as that cookie;
//   - marks the invite used.
// Issuing an invite for a person deletes their unused ones (re-issue: the old link
// then answers 404 auth.invite.not_found); Revoke deletes them without a new one.
// A used invite is 409 "auth.invite.used", an expired one 409
// "auth.invite.expired", an unknown one 404 "auth.invite.not_found". An invite
// never logs into a non-trainee account ("auth.invite.not_trainee"): that would
// let whoever makes invites become an admin.
//
// Audited (modules/audit): auth.invite.create, auth.invite.revoke and
// auth.invite.accept, entity
// "person" (never the token).
//
// Thread-safe: holds no mutable state; each call is one transaction (the
// used-mark is conditional, so two browsers racing on one link get one session).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/clock.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/auth/session_store.h"
#include "modules/auth/sign_in_provider.h"
#include "modules/auth/user.h"
#include "store/store.h"

namespace peixun::auth {

inline constexpr int kDefaultInviteDays = 7;
inline constexpr int kMaxInviteDays = 30;

struct CreatedInvite {
  int64_t id = 0;
  std::string token;  // raw: goes into the link, shown once
  std::string url;    // "/invite/<token>"
  int64_t expires_at = 0;
};

// The device id to set as the peixun_device cookie is "" when the browser's own
// (well-formed) device id was kept.
using InviteLogin = SignedIn;

// Ok when `who` may make an invite for the person (inside the invite's
// transaction); else an Error, 403 "auth.invite.forbidden".
using InviteScope = std::function<Status(store::Tx& tx, const Principal& who, int64_t person_id)>;

// The "invite" sign-in provider (sign_in_provider.h): proof {"token"}.
class InviteService : public SignInProvider {
 public:
  // `sessions` must outlive the service.
  InviteService(store::Store& store, SessionStore& sessions,
                std::function<int64_t()> now_ms = NowMillis);

  // Sets who may invite whom. Call before serving; not thread-safe against Create.
  void SetScope(InviteScope scope) { scope_ = std::move(scope); }

  // `days`: 1..kMaxInviteDays (default kDefaultInviteDays), "auth.invite.days".
  // 403 "auth.invite.forbidden" unless `who` is an admin, organizer or head teacher
  // and the scope allows the person (an approved trainee of a class `who` manages);
  // then 404 "auth.invite.person_not_found" when the person does not exist.
  Result<CreatedInvite> Create(int64_t person_id, std::optional<int64_t> days,
                               const Principal& who);
  // One invite per person, each checked as Create checks it, in one transaction:
  // all are issued or none (the first refusal is the answer).
  Result<std::vector<CreatedInvite>> CreateMany(const std::vector<int64_t>& person_ids,
                                                std::optional<int64_t> days, const Principal& who);
  // Deletes the person's unused invites; the access check is Create's. Returns how
  // many died (0 when there was none).
  Result<int64_t> Revoke(int64_t person_id, const Principal& who);
  // The same for the system itself (the demo, the CLI): no scope check.
  Result<CreatedInvite> CreateForSystem(int64_t person_id, std::optional<int64_t> days);

  // SignInProvider: "invite"; SignIn({"token"}) is Accept (422 auth.invite.token
  // when the token is missing).
  std::string_view Id() const override { return "invite"; }
  Result<SignedIn> SignIn(const SignInProof& proof, const SignInContext& context) override;

  // `device_id`: the browser's peixun_device cookie ("" when none).
  Result<InviteLogin> Accept(const std::string& token, const std::string& device_id,
                             const std::string& remote_address, const std::string& user_agent);

 private:
  Result<CreatedInvite> CreateChecked(int64_t person_id, std::optional<int64_t> days,
                                      const Actor& actor, const Principal* who);
  Result<CreatedInvite> CreateIn(store::Tx& tx, int64_t person_id, int64_t valid_days, int64_t now,
                                 const Actor& actor, const Principal* who);

  store::Store& store_;
  SessionStore& sessions_;
  const std::function<int64_t()> now_ms_;
  InviteScope scope_;
};

}  // namespace peixun::auth
