// HTTP routes of the training record, outside hours, the 学时 targets and the hours
// ledger (docs: the OpenAPI document).
#pragma once

#include <memory>

#include "api/router.h"
#include "modules/records/ledger_service.h"
#include "modules/records/record_service.h"

namespace peixun::records {

void RegisterRecordsRoutes(api::Router& router, std::shared_ptr<RecordService> records,
                           std::shared_ptr<LedgerService> ledger);

}  // namespace peixun::records
