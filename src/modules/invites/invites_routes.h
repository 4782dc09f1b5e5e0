// HTTP routes of the invites module (docs/api.md "Trainee invites"):
//   POST   /api/v1/classes/{id}/invites              issue (all or person_ids)
//   POST   /api/v1/classes/{id}/invites.pdf          issue and print the A4 slips
//   POST   /api/v1/classes/{id}/badges-invites.pdf   issue and print badges with the
//                                                     invite QR on the back
//   DELETE /api/v1/classes/{id}/invites/{person_id}  revoke one trainee's invite
#pragma once

#include "api/router.h"
#include "modules/auth/invite_service.h"
#include "modules/enrollment/class_roster.h"
#include "store/store.h"

namespace peixun::invites {

// `store`, `invites` and `key` (it unseals the check-in secret the badges need)
// must outlive the router. `group_labels` puts each trainee's group on the badges
// (as enrollment's badges.pdf does); may be empty.
void RegisterInvitesRoutes(api::Router& router, store::Store& store, auth::InviteService& invites,
                           const crypto::DataKey& key, enrollment::GroupLabels group_labels = {});

}  // namespace peixun::invites
