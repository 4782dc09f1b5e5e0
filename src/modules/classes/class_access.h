// Who may read or manage a class (DESIGN.md "Roles"). Other modules (timetable,
// enrollment, logistics, attendance, …) call this before touching what belongs
// to a class; their finer scope (a liaison's unit, a trainee's own record) is
// theirs to check.
//
//   admin, organizer               read and manage every class
//   head teacher                   read and manage the classes they head
//   liaison, lecturer, logistics   read every class
//   trainee                        read the classes they are enrolled in
//
// Thread-safe.
#pragma once

#include <cstdint>

#include "core/principal.h"
#include "core/result.h"
#include "modules/classes/class_hooks.h"
#include "store/store.h"

namespace peixun::classes {

enum class ClassNeed { kRead, kManage };

// Ok; 404 classes.not_found when there is no such class; 403 classes.forbidden
// when `who` may not have `need` on it. For a trainee, `enrolled` says which
// classes they are in (unset: none); it is called before any transaction.
Status CheckClassAccess(store::Store& store, const Principal& who, int64_t class_id, ClassNeed need,
                        const EnrolledClassIds& enrolled = {});

// The same inside a caller's transaction; `trainee_enrolled` answers for a
// trainee (the caller looked it up).
Status CheckClassAccessIn(store::Tx& tx, const Principal& who, int64_t class_id, ClassNeed need,
                          bool trainee_enrolled = false);

// True when `who` reads every class without a per-class check (all roles but
// head teacher and trainee).
bool SeesAllClasses(const Principal& who);

}  // namespace peixun::classes
