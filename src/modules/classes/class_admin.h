// The class entry points only admins and organizers use, for a user (routes,
// the CLI, jobs): creating a class, copying one, naming its head teachers. 403
// auth.forbidden for every other role, as their routes answer; audited as `who`.
// (ClassService's own Principal entry points, class_service.h, check the rest.)
#pragma once

#include <cstdint>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "modules/classes/class_service.h"

namespace peixun::classes {

Result<TrainingClass> CreateClass(ClassService& service, const Principal& who,
                                  const ClassInput& input);
Result<TrainingClass> CopyClass(ClassService& service, const Principal& who, int64_t id,
                                const ClassCopyInput& input);
Result<TrainingClass> SetClassHeadTeachers(ClassService& service, const Principal& who, int64_t id,
                                           const std::vector<int64_t>& user_ids);

}  // namespace peixun::classes
