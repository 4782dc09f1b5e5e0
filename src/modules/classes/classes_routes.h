// HTTP routes of the classes module (docs/api.md "Classes and timetable"):
// /api/v1/classes, /api/v1/classes/{id}, …/status, …/copy, …/head-teachers,
// …/checkin-secret/rotate.
// Reads: every role, scoped by class_access.h; writes: admin and organizer, and
// a head teacher on the classes they head (details and status).
#pragma once

#include "api/router.h"
#include "crypto/data_key.h"
#include "modules/classes/class_hooks.h"
#include "store/store.h"

namespace peixun::classes {

// `key` seals and unseals the classes' check-in secrets; it must outlive the router.
void RegisterClassesRoutes(api::Router& router, store::Store& store, const crypto::DataKey& key,
                           ClassHooks hooks = {});

}  // namespace peixun::classes
