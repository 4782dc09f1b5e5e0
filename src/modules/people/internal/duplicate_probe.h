#ifndef PEIXUN_MODULE_PEOPLE_INTERNALS
#error "modules/people/internal is private to the people module"
#endif
// ID numbers held by someone the caller may not see. A duplicate check must not
// become an oracle: with a masked number and a birth date, a liaison could try each
// remaining candidate in their own unit and read the holder's name from the 409.
// So a duplicate whose holder lies outside the caller's scope answers only that the
// number is registered (409 people.id_number.registered, no name, no id); every such
// answer is audited (action kHiddenDuplicateAction, by the caller); and a caller who
// got more than kHiddenDuplicatesPerHour of them in the last hour gets 429
// people.id_number.probe_limit instead. The count is read from the audit log, so
// the limit holds across instances and restarts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "modules/people/person.h"
#include "store/store.h"

namespace peixun::people {

inline constexpr int kHiddenDuplicatesPerHour = 5;
inline constexpr char kHiddenDuplicateAction[] = "people.id_number.hidden_duplicate";

// Whether `who` may learn who holds a number: admins and organizers always; a
// liaison when the holder belongs to their unit's subtree; nobody else.
Result<bool> HolderVisibleIn(store::Tx& tx, const Principal& who, const Person& holder);

// 409 people.id_number.registered: "该身份证号已登记", naming nobody.
Error HiddenDuplicate();

// Audits `count` (≥ 1) hidden-duplicate answers given to `actor`, in a transaction
// of its own, then Ok, or 429 people.id_number.probe_limit when the actor got more
// than kHiddenDuplicatesPerHour of them within the hour before `now_ms`.
Status RecordHiddenDuplicates(store::Store& store, const Actor& actor, int count, int64_t now_ms);

}  // namespace peixun::people
