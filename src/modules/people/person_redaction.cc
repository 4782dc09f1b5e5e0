#include "modules/people/internal/person_redaction.h"

namespace peixun::people {

bool MayRevealIdentity(const Principal& who) {
  return who.role == Role::kAdmin || who.role == Role::kOrganizer;
}

Person RedactedFor(const Principal& who, Person p) {
  const bool self = who.person_id && *who.person_id == p.id;
  if (!MayRevealIdentity(who) && !self) p.birth_date.clear();
  return p;
}

}  // namespace peixun::people
