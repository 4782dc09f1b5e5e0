// PeopleService's entry points for a user: every access check of the people
// registry lives here (people_service.h says which), so a route only translates.
#include "core/clock.h"
#include "core/role_guard.h"
#include "modules/org/org_scope.h"
#include "modules/people/internal/duplicate_probe.h"
#include "modules/people/internal/person_redaction.h"
#include "modules/people/people_service.h"

namespace peixun::people {
namespace {

Status CheckReader(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison});
}

Status CheckWriter(const Principal& who) {
  return RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kLiaison});
}

Error PersonHidden(int64_t id) {
  return NotFound("people.not_found", "人员不存在：" + std::to_string(id),
                  "person not found: " + std::to_string(id), "id");
}

// The person if `who` may see them: a trainee only themself, a liaison only
// people of their subtree, the other reading roles everyone. Hidden people are
// "not found", as people who do not exist.
Result<Person> VisiblePersonIn(store::Tx& tx, const Principal& who, int64_t id) {
  if (who.role == Role::kTrainee) {
    if (who.person_id != id) return PersonHidden(id);
  } else {
    PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  }
  PEIXUN_ASSIGN_OR_RETURN(Person p, PeopleService::GetIn(tx, id));
  if (org::ScopeRoot(who)) {
    if (!p.unit_id) return PersonHidden(id);
    if (!org::CheckUnitInScopeIn(tx, who, *p.unit_id)) return PersonHidden(id);
  }
  return p;
}

// Ok, or HiddenDuplicate() with `hidden` set when the number (normalized by
// validation) is held by someone other than `self` whom `who` may not see.
Status CheckHolderHiddenIn(store::Tx& tx, const crypto::DataKey& key, const Principal& who,
                           const PersonInput& input, std::optional<int64_t> self, bool& hidden) {
  if (input.id_number.empty()) return Ok();
  ValidatedPerson v;
  if (!ValidatePerson(input, &v).empty() || v.id_number.empty()) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(std::optional<Person> holder,
                          PeopleService::FindByIdNumberIn(tx, key, v.id_number));
  if (!holder || holder->id == self) return Ok();
  PEIXUN_ASSIGN_OR_RETURN(bool visible, HolderVisibleIn(tx, who, *holder));
  if (visible) return Ok();
  hidden = true;
  return HiddenDuplicate();
}

}  // namespace

Result<PeoplePage> PeopleService::List(const Principal& who, PeopleQuery query) {
  PEIXUN_RETURN_IF_ERROR(CheckReader(who));
  PEIXUN_ASSIGN_OR_RETURN(
      PeoplePage page,
      store::ReadValue<PeoplePage>(store_, [&](store::Tx& tx) -> Result<PeoplePage> {
        if (query.unit_id) {
          PEIXUN_RETURN_IF_ERROR(org::CheckUnitInScopeIn(tx, who, *query.unit_id));
        } else {
          query.unit_id = org::ScopeRoot(who);
        }
        return ListIn(tx, query);
      }));
  for (Person& p : page.items) p = RedactedFor(who, std::move(p));
  return page;
}

Result<Person> PeopleService::Get(const Principal& who, int64_t id) {
  PEIXUN_ASSIGN_OR_RETURN(Person p, store::ReadValue<Person>(store_, [&](store::Tx& tx) {
                            return VisiblePersonIn(tx, who, id);
                          }));
  return RedactedFor(who, std::move(p));
}

Result<Person> PeopleService::Create(const PersonInput& input, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  bool hidden = false;
  Status checked = store_.Read([&](store::Tx& tx) -> Status {
    if (input.unit_id) PEIXUN_RETURN_IF_ERROR(org::CheckUnitInScopeIn(tx, who, *input.unit_id));
    return CheckHolderHiddenIn(tx, key_, who, input, std::nullopt, hidden);
  });
  if (hidden)
    PEIXUN_RETURN_IF_ERROR(RecordHiddenDuplicates(store_, Actor::Of(who), 1, NowMillis()));
  if (!checked) return std::move(checked).error();
  PEIXUN_ASSIGN_OR_RETURN(Person p, Create(input, Actor::Of(who)));
  return RedactedFor(who, std::move(p));
}

Result<Person> PeopleService::Update(int64_t id, const PersonInput& input, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  bool hidden = false;
  Status checked = store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(VisiblePersonIn(tx, who, id));
    if (input.unit_id) PEIXUN_RETURN_IF_ERROR(org::CheckUnitInScopeIn(tx, who, *input.unit_id));
    return CheckHolderHiddenIn(tx, key_, who, input, id, hidden);
  });
  if (hidden)
    PEIXUN_RETURN_IF_ERROR(RecordHiddenDuplicates(store_, Actor::Of(who), 1, NowMillis()));
  if (!checked) return std::move(checked).error();
  PEIXUN_ASSIGN_OR_RETURN(Person p, Update(id, input, Actor::Of(who)));
  return RedactedFor(who, std::move(p));
}

Result<Person> PeopleService::Update(int64_t id,
                                     const std::function<Result<PersonInput>()>& read_input,
                                     const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(VisiblePersonIn(tx, who, id));
    return Ok();
  }));
  PEIXUN_ASSIGN_OR_RETURN(PersonInput input, read_input());
  return Update(id, input, who);
}

Status PeopleService::Delete(int64_t id, const Principal& who) {
  PEIXUN_RETURN_IF_ERROR(CheckWriter(who));
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(VisiblePersonIn(tx, who, id));
    return Ok();
  }));
  return Delete(id, Actor::Of(who));
}

Result<std::string> PeopleService::RevealIdNumber(int64_t id, const Principal& who) {
  if (!MayRevealIdentity(who)) return RoleForbidden();
  PEIXUN_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    PEIXUN_RETURN_IF_ERROR(VisiblePersonIn(tx, who, id));
    return Ok();
  }));
  return RevealIdNumber(id, Actor::Of(who));
}

}  // namespace peixun::people
