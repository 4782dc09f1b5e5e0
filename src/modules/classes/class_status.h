// The lifecycle of a training class and its checked transitions:
//
//   planning → enrolling → running → finished → archived
//              ↘ planning (back)      ↘ running (back: reopened by mistake)
//
// planning: dates, rules and the timetable are drafted; enrolling: quotas and
// nominations (调训) are open; running: the class is held (check-in, leave);
// finished: completion (结业) and certificates; archived: read-only for good.
// The two steps back exist because people press the wrong button; nothing
// leaves archived.
//
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peixun::classes {

enum class ClassStatus { kPlanning, kEnrolling, kRunning, kFinished, kArchived };

std::string_view ClassStatusCode(ClassStatus status);   // "planning", …
std::string_view ClassStatusLabel(ClassStatus status);  // "筹备中", "报名中", …
std::optional<ClassStatus> ParseClassStatus(std::string_view code);

// True when the table above has the arrow from → to (from == to is not a transition).
bool CanTransition(ClassStatus from, ClassStatus to);
// The statuses reachable from `from` in one step, in lifecycle order.
std::vector<ClassStatus> NextStatuses(ClassStatus from);
// Ok, or 409 "classes.status.transition" naming both statuses.
Status CheckTransition(ClassStatus from, ClassStatus to);

// Enrollment (quotas, nominations, substitutions, withdrawals) may change until
// the class is finished.
bool CanChangeEnrollment(ClassStatus status);
// The class and its timetable may be edited until it is archived.
bool CanEdit(ClassStatus status);

}  // namespace peixun::classes
