// HTTP routes of the audit module (docs/api.md "Audit"), admin only:
//   GET /api/v1/audit          entries newest first, paged (api/paging.h), filtered by
//                              entity, entity_id, actor, actor_user_id and action (prefix)
//   GET /api/v1/audit/verify   the chain check of audit_verify.h
#pragma once

#include "api/router.h"
#include "store/store.h"

namespace peixun::audit {

// `store` must outlive `router`'s use.
void RegisterAuditRoutes(api::Router& router, store::Store& store);

}  // namespace peixun::audit
