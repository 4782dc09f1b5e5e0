// HTTP routes of the people module (docs/api.md "People").
#pragma once

#include "api/router.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::people {

void RegisterPeopleRoutes(api::Router& router, store::Store& store, const crypto::DataKey& key);

}  // namespace peixun::people
