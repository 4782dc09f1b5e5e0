// HTTP routes of the enrollment module (docs/api.md "Enrollment, groups and
// logistics"): quotas, nominations and decisions, the roster and the badges.
#pragma once

#include "api/router.h"
#include "crypto/data_key.h"
#include "modules/enrollment/class_roster.h"
#include "store/store.h"

namespace peixun::enrollment {

struct EnrollmentRouteHooks {
  // Group labels printed on badges (groups module); unset: badges without a group.
  GroupLabels group_labels;
};

// `key` unseals the check-in secrets the badges' tokens need; it must outlive the router.
void RegisterEnrollmentRoutes(api::Router& router, store::Store& store, const crypto::DataKey& key,
                              EnrollmentRouteHooks hooks = {});

}  // namespace peixun::enrollment
