// Use cases of the organization tree. Each public call is one transaction; the
// *In(Tx&, …) variants run inside a caller's transaction (imports, demo data).
//
// Invariants kept here: names are unique among siblings; a unit's path is its
// parent's path plus its own id; moving a unit under itself or its descendant is
// refused ("org.move.cycle"); a unit with children or people cannot be deleted.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.h"
#include "core/result.h"
#include "modules/org/unit.h"
#include "store/store.h"

namespace peixun::org {

class OrgService {
 public:
  explicit OrgService(store::Store& store) : store_(store) {}

  // Every write records an audit entry (modules/audit) in the same transaction.
  Result<Unit> Create(const UnitInput& input, const Actor& actor = Actor::System());
  // Parent changes go through Move.
  Result<Unit> Update(int64_t id, const UnitInput& input, const Actor& actor = Actor::System());
  Status Delete(int64_t id, const Actor& actor = Actor::System());
  Result<Unit> Get(int64_t id);
  // The unit and all units below it, parents before children.
  Result<std::vector<Unit>> Subtree(int64_t root_id);
  // Every unit, parents before children.
  Result<std::vector<Unit>> All();
  // Moves `id` with its subtree under `new_parent` (nullopt: make it a root).
  Result<Unit> Move(int64_t id, std::optional<int64_t> new_parent,
                    const Actor& actor = Actor::System());

  static Result<Unit> CreateIn(store::Tx& tx, const UnitInput& input, const Actor& actor);
  static Result<Unit> GetIn(store::Tx& tx, int64_t id);
  // Units with exactly this name (several when names repeat under other parents).
  static Result<std::vector<Unit>> FindByNameIn(store::Tx& tx, const std::string& name);
  static Result<std::vector<Unit>> AllIn(store::Tx& tx);
  static Result<std::vector<Unit>> SubtreeIn(store::Tx& tx, int64_t root_id);
  // True when `unit_id` is `ancestor_id` or lies below it.
  static Result<bool> IsWithinIn(store::Tx& tx, int64_t unit_id, int64_t ancestor_id);
  // The ids of `root_id` and of every unit below it, ascending; empty when
  // `root_id` does not exist. For "people of this subtree" queries in other
  // modules' own tables (unit_id IN …).
  static Result<std::vector<int64_t>> SubtreeIdsIn(store::Tx& tx, int64_t root_id);
  // id → name of those of `ids` that exist (unknown ids are left out). One query
  // per 500 ids, whatever their number.
  static Result<std::map<int64_t, std::string>> NamesIn(store::Tx& tx,
                                                        const std::vector<int64_t>& ids);

 private:
  store::Store& store_;
};

// Validates the fields of `input` that need no database: name present and at
// most 100 characters, contact phone well-formed when given.
Status ValidateUnitInput(const UnitInput& input);

}  // namespace peixun::org
