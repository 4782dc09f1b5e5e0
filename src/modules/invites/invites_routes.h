// HTTP routes of the invites module (docs/api.md "Trainee invites"):
//   POST   /api/v1/classes/{id}/invites              issue (all or person_ids)
//   DELETE /api/v1/classes/{id}/invites/{person_id}  revoke one trainee's invite
#pragma once

#include "api/router.h"
#include "modules/auth/invite_service.h"
#include "store/store.h"

namespace peixun::invites {

// `store` and `invites` must outlive the router.
void RegisterInvitesRoutes(api::Router& router, store::Store& store, auth::InviteService& invites);

}  // namespace peixun::invites
