// What the classes module needs from modules that come after it (enrollment,
// timetable), handed in by the composition root (src/app/application.cc) so
// that no module reaches into another's tables.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "modules/classes/training_class.h"
#include "store/store.h"

namespace peixun::classes {

// The ids of the classes person `person_id` is enrolled in (live enrollments:
// the enrollment module decides what counts). Runs its own read transaction;
// called outside any transaction of this module. Must be thread-safe.
using EnrolledClassIds = std::function<std::vector<int64_t>(int64_t person_id)>;

// Copies what another module owns from one class to its copy, inside the copy's
// transaction `tx`; an error rolls the whole copy back.
using ClassCopier = std::function<Status(store::Tx& tx, const ClassCopy& copy, const Actor& actor)>;

struct ClassHooks {
  // Unset: nobody is enrolled anywhere (trainees see no class).
  EnrolledClassIds enrolled_class_ids;
  // Run in order by ClassService::Copy (the timetable module's rooms and sessions).
  std::vector<ClassCopier> on_copy;
};

}  // namespace peixun::classes
