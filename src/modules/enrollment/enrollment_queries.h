// Answers about enrollments for modules that come before this one, shaped as their
// hooks (classes/class_hooks.h EnrolledClassIds, timetable/timetable_hooks.h
// TraineeCount) so the composition root can wire them directly:
//
//   class_hooks.enrolled_class_ids = [&store](int64_t p) { return
//   enrollment::ClassesOfPerson(store, p); }; timetable_hooks.trainee_count = [&store](int64_t c) {
//   return enrollment::ApprovedCount(store, c); };
//
// Each runs its own read transaction. Hooks carry no errors: on a database error
// they answer as if there were nothing (0, empty). Thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::enrollment {

// The approved trainees of the class.
int ApprovedCount(store::Store& store, int64_t class_id);

// The classes in which the person is an approved trainee, ascending.
std::vector<int64_t> ClassesOfPerson(store::Store& store, int64_t person_id);

// Whether `who` may make a trainee invite for the person (auth/invite_service.h
// InviteScope): Ok when the person is an approved trainee of a class `who` may
// manage (classes/class_access.h); else 403 auth.invite.forbidden, the same answer
// whether or not the person exists.
Status MayInviteIn(store::Tx& tx, const Principal& who, int64_t person_id);

}  // namespace peixun::enrollment
