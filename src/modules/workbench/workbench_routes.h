// HTTP routes of the workbench module (each role's start page, read-only):
//   GET /api/v1/workbench/head-teacher   head teacher
//   GET /api/v1/workbench/organizer      organizer, admin
//   GET /api/v1/workbench/liaison        liaison
//   GET /api/v1/workbench/admin          admin
#pragma once

#include <memory>

#include "api/router.h"
#include "modules/workbench/workbench.h"

namespace peixun::workbench {

void RegisterWorkbenchRoutes(api::Router& router, std::shared_ptr<WorkbenchService> service);

}  // namespace peixun::workbench
