// Use cases of the people registry. Each public call is one transaction; the
// *In(Tx&, …) variants run inside a caller's transaction (roster import, demo).
//
// ID numbers: stored as ciphertext + keyed fingerprint + masked form. Two people
// never share an ID number ("people.id_number.duplicate"). Lists come sorted by
// 姓氏笔画 (stroke order) unless pinyin is asked for.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "modules/people/person.h"
#include "modules/people/person_validation.h"
#include "store/store.h"

namespace peixun::people {

enum class NameOrder { kStroke, kPinyin };

struct PeopleQuery {
  std::optional<int64_t> unit_id;  // this unit and every unit below it
  // Name fragment (汉字), pinyin initials or full pinyin prefix (letters), or
  // phone fragment (digits); empty: everyone.
  std::string search;
  NameOrder order = NameOrder::kStroke;
  int64_t offset = 0;
  int64_t limit = 50;  // 1..1000
};

struct PeoplePage {
  std::vector<Person> items;
  int64_t total = 0;  // matches before paging
};

class PeopleService {
 public:
  PeopleService(store::Store& store, const crypto::DataKey& key) : store_(store), key_(key) {}

  // Every write records an audit entry (modules/audit) in the same transaction;
  // ID numbers appear there masked only.

  // --- Entry points for a user (the routes, any other transport) ---
  // Each checks `who` itself, so no transport can skip a check:
  //  - the role: readers are admin, organizer, head teacher and liaison; writers
  //    admin, organizer and liaison; full ID numbers admin and organizer only;
  //    a trainee reads only themself (403 auth.forbidden otherwise);
  //  - the scope: a liaison only people of their unit's subtree; anyone else's
  //    person is "not found" (404 people.not_found), as a trainee's neighbour is;
  //  - what is shown: every Person returned is redacted for `who`
  //    (person_redaction.h: no birth date unless admin, organizer or oneself).
  Result<PeoplePage> List(const Principal& who, PeopleQuery query);
  Result<Person> Get(const Principal& who, int64_t id);
  // The unit must lie in `who`'s scope (403 org.out_of_scope), and an ID number
  // held by someone `who` may not see answers as duplicate_probe.h says (409
  // without a name, audited, rate-limited).
  Result<Person> Create(const PersonInput& input, const Principal& who);
  // The person must be visible to `who`, the new unit in their scope; the
  // duplicate ID number answer as for Create.
  Result<Person> Update(int64_t id, const PersonInput& input, const Principal& who);
  // The same with the input read only once the person is known visible, so a
  // hidden person is "not found" whatever the request body says.
  Result<Person> Update(int64_t id, const std::function<Result<PersonInput>()>& read_input,
                        const Principal& who);
  Status Delete(int64_t id, const Principal& who);
  // The ID number in clear, for admins and organizers; the viewing is audited.
  Result<std::string> RevealIdNumber(int64_t id, const Principal& who);

  // --- In-process calls (import, demo, other modules), unchecked ---
  // Validates, checks the unit exists and the ID number is new, stores.
  Result<Person> Create(const PersonInput& input, const Actor& actor = Actor::System());
  // Replaces the person's fields; an empty id_number keeps the stored one.
  Result<Person> Update(int64_t id, const PersonInput& input, const Actor& actor = Actor::System());
  Status Delete(int64_t id, const Actor& actor = Actor::System());
  Result<Person> Get(int64_t id);
  Result<PeoplePage> List(const PeopleQuery& query);
  // The ID number in clear; the viewing itself is audited.
  Result<std::string> RevealIdNumber(int64_t id, const Actor& actor = Actor::System());

  static Result<Person> InsertIn(store::Tx& tx, const crypto::DataKey& key,
                                 const ValidatedPerson& person, const Actor& actor);
  static Result<Person> GetIn(store::Tx& tx, int64_t id);
  // The person holding this ID number (normalized), if any.
  static Result<std::optional<Person>> FindByIdNumberIn(store::Tx& tx, const crypto::DataKey& key,
                                                        const std::string& id_number);
  static Result<PeoplePage> ListIn(store::Tx& tx, const PeopleQuery& query);
  // The people of `ids` in `order` (ties by id), each once; ids not found are
  // left out. For other modules' rosters and lists (enrollment, groups, logistics).
  // id → name of those of `ids` that exist (unknown ids are left out): for
  // modules that show who did something. One query per 500 ids.
  static Result<std::map<int64_t, std::string>> NamesIn(store::Tx& tx,
                                                        const std::vector<int64_t>& ids);
  static Result<std::vector<Person>> GetManyIn(store::Tx& tx, const std::vector<int64_t>& ids,
                                               NameOrder order = NameOrder::kStroke);
  // Every person with clear ID numbers, in `order`, for export. `id_numbers` gets
  // one entry per person, "" when none is stored; null: nothing is decrypted (the
  // hours ledger needs no ID numbers, and decrypting a district's costs seconds).
  static Result<std::vector<Person>> AllForExportIn(store::Tx& tx, const crypto::DataKey& key,
                                                    NameOrder order,
                                                    std::optional<int64_t> unit_root,
                                                    std::vector<std::string>* id_numbers);

 private:
  store::Store& store_;
  const crypto::DataKey& key_;
};

}  // namespace peixun::people
