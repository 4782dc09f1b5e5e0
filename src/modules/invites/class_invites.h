// A class's trainee sign-in invites, issued at the scale of a hall: the head
// teacher invites every approved trainee of the class at once (or the ones
// picked), re-issues (the trainee's previous unused link dies) and revokes.
//
// Access: the class's managers (admin, organizer, the class's head teachers;
// classes/class_access.h kManage) — 404 classes.not_found, 403 classes.forbidden;
// each invite is then made by auth's InviteService, whose scope hook checks the
// person again (the same rule, enrollment::MayInviteIn), so this service adds no
// scope logic of its own. A person who is not an approved trainee of this class is
// 422 "invites.not_trainee" naming the id (field person_ids).
//
// Audited by auth: auth.invite.create / auth.invite.revoke per trainee.
// Thread-safe: no mutable state; an issue is all or none (one transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/auth/invite_service.h"
#include "modules/enrollment/class_roster.h"
#include "store/store.h"

namespace peixun::invites {

// At most this many person_ids in one request (a hall is ~150).
inline constexpr size_t kMaxInvitesPerRequest = 2000;

struct IssuedInvite {
  int64_t person_id = 0;
  std::string name;
  std::string unit_name;  // "" when the person has no unit
  std::string url;        // "/invite/<token>", shown once
  int64_t expires_at = 0;
};

class ClassInviteService {
 public:
  // All must outlive the service; `key` unseals the check-in secret for badges.
  ClassInviteService(store::Store& store, auth::InviteService& invites, const crypto::DataKey& key)
      : store_(store), invites_(invites), key_(key) {}

  // `person_ids`: nullopt = every approved trainee of the class; else those (each
  // must be one; duplicates count once). The result is in 姓氏笔画 order.
  Result<std::vector<IssuedInvite>> Issue(const Principal& who, int64_t class_id,
                                          const std::optional<std::vector<int64_t>>& person_ids,
                                          std::optional<int64_t> days);

  // Issues as Issue does and lays the invites out as an A4 sheet of slips to cut
  // (io::InviteSlipsPdf), in 姓氏笔画 order, each with the QR code of the full link
  // <base>/invite/<token>. <base> is the installation setting public_base_url
  // (modules/settings/public_base_url.h, the one certificates use) when set, else
  // `request_base_url` (the route passes the scheme and Host the caller used).
  // Printing re-issues: the links of an earlier sheet die.
  Result<std::string> SheetPdf(const Principal& who, int64_t class_id,
                               const std::optional<std::vector<int64_t>>& person_ids,
                               std::optional<int64_t> days, const std::string& request_base_url);

  // The badges (胸牌, enrollment::BadgesPdfFile's fronts) of every approved trainee with
  // a new sign-in invite's QR code (<base>/invite/<token>, base as SheetPdf's) on the
  // back of each, for double-sided printing (io::BadgesPdf). Re-issues, as SheetPdf.
  Result<std::string> BadgesPdf(const Principal& who, int64_t class_id, std::optional<int64_t> days,
                                const std::string& request_base_url,
                                const enrollment::GroupLabels& group_labels = {});

  // Where trainees' phones reach this server: the setting public_base_url when set,
  // else `request_base_url`; no trailing slash.
  Result<std::string> PublicBaseUrl(const std::string& request_base_url);

  // Kills the trainee's unused invites; returns how many died.
  Result<int64_t> Revoke(const Principal& who, int64_t class_id, int64_t person_id);

 private:
  store::Store& store_;
  auth::InviteService& invites_;
  const crypto::DataKey& key_;
};

}  // namespace peixun::invites
