// HTTP routes of the bulk import of outside hours (outside_import.h): the template
// and the upload (docs: the OpenAPI document).
#pragma once

#include <cstdint>
#include <functional>

#include "api/router.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::records {

void RegisterOutsideImportRoutes(api::Router& router, store::Store& store,
                                 const crypto::DataKey& key, std::function<int64_t()> now_ms = {});

}  // namespace peixun::records
