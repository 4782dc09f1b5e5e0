#ifndef PEIXUN_MODULE_PEOPLE_INTERNALS
#error "modules/people/internal is private to the people module"
#endif
// What of a person's identity a caller sees. The ID number is always masked
// (core::MaskIdNumber: first digit and last four); the birth date is shown only to
// the roles that may reveal ID numbers in full (admin, organizer) and to the person
// themself, because a birth date and the check digit narrow a masked number down to
// a handful of candidates.
#pragma once

#include "core/principal.h"
#include "modules/people/person.h"

namespace peixun::people {

// Admins and organizers: full ID numbers (audited) and birth dates.
bool MayRevealIdentity(const Principal& who);

// `p` as `who` may see it.
Person RedactedFor(const Principal& who, Person p);

}  // namespace peixun::people
