#ifndef PEIXUN_MODULE_TIMETABLE_INTERNALS
#error "modules/timetable/internal is private to the timetable module"
#endif
// A trainee's calendar feed (iCalendar): the whole-class sessions plus those of
// the trainee's own groups. The one entry point behind the calendar route, so the
// access checks hold for every transport:
//   - a trainee gets only their own (another person_id: 403
//     timetable.calendar.forbidden);
//   - a liaison names only a person of their own unit's subtree (else 404
//     people.not_found, as the people routes answer for a person out of scope);
//   - everyone must be able to read the class (classes/class_access.h).
// Without a person the feed holds every session of the class.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "modules/classes/class_hooks.h"
#include "modules/timetable/timetable_hooks.h"
#include "store/store.h"

namespace peixun::timetable {

// The .ics text of the feed.
Result<std::string> TraineeCalendarIcs(store::Store& store, const Principal& who, int64_t class_id,
                                       std::optional<int64_t> person_id,
                                       const classes::EnrolledClassIds& enrolled,
                                       const TimetableHooks& hooks);

}  // namespace peixun::timetable
