// People counted by the fields that decide their 学时 targets, for aggregates over a
// whole district (the hours ledger's district view) that must not ship a million
// people to the server one by one (bench/ledger).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/people/person.h"
#include "store/store.h"

namespace peixun::people {

// A caller's figures per person, as SQL over the caller's own tables:
// "SELECT person_id, f1, …, fN FROM … GROUP BY person_id" with integer figures named
// f1..fN and at most one row per person. People without a row get 0 for each.
struct PersonFigures {
  std::string sql;
  int columns = 0;
};

struct ProfileGroup {
  std::optional<int64_t> unit_id;
  Rank rank = Rank::kUnset;
  bool party_member = false;  // a 入党日期 is set
  std::string position;
  std::vector<int64_t> figures;  // f1..fN
  int64_t people = 0;
};

// The people of the subtree of `unit_root` (everyone when nullopt; none when the
// unit has no subtree) except those of `exclude`, counted by unit, rank, party
// membership, position and the figures of `figures`. One query; erased people
// count as they are stored (no position, no 入党日期).
Result<std::vector<ProfileGroup>> GroupProfilesIn(store::Tx& tx, std::optional<int64_t> unit_root,
                                                  const std::vector<int64_t>& exclude,
                                                  const PersonFigures& figures);

// The ids of the people whose unit is `unit_id` (not its subtree), or of everyone
// when nullopt; ascending.
Result<std::vector<int64_t>> PersonIdsIn(store::Tx& tx, std::optional<int64_t> unit_id);

}  // namespace peixun::people
