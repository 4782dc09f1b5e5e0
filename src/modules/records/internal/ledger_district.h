#ifndef PEIXUN_MODULE_RECORDS_INTERNALS
#error "modules/records/internal is private to the records module"
#endif
// The stored district view (records_schema.cc, migration 124): per unit and year,
// how many people, how many with a 学时 target, how many below it and their total
// shortfall, kept for the years of ledger_summary_state (first_year … last_year,
// set by a rebuild: the current year and the 4 before it).
//
// Invariant, for every stored year Y and unit U:
//   ledger_unit_years(Y, U) = Σ over people P with ledger_person_marks(P).unit = U
//                             of P's mark for Y,
// and each person's mark is EvaluateYear(targets of ledger_summary_state.rules,
// P's profile (unit, rank, party membership, position, the unit's kind; no promotion
// date), P's ledger_year_hours) — what the district computes live for a person with
// no live class and no promotion date. Every write that changes an input re-marks its
// people in its own transaction, subtracting the old mark and adding the new one:
// the hours summary (RefreshYearsIn: a decision folded in, an outside entry approved
// or imported, an erasure), people (people_listeners.h: created, updated, deleted,
// erased), a unit's kind (org/unit_listeners.h), the targets (RebuildMarksIn).
// The district reads the stored rows, then for the people it must compute one by one
// (in a live class, or with a promotion date) takes their stored mark off and adds
// the live verdict: so it equals the live computation exactly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::records::internal {

// Registers the people and unit-kind listeners (once per process).
void InstallDistrictMaintenance();

struct UnitYearCounts {
  int64_t people = 0;
  int64_t with_target = 0;
  int64_t below = 0;
  int64_t shortfall_tenths = 0;  // Σ of the shortfalls of those below
};

// Re-marks `person_ids` (people no longer stored lose their mark). Nothing while no
// year is stored.
Status RefreshMarksIn(store::Tx& tx, const std::vector<int64_t>& person_ids);

// Empties the marks and the unit rows and marks every person for first … last under
// the targets now set. first > last: nothing stored (the district is computed live).
Status RebuildMarksIn(store::Tx& tx, int first_year, int last_year);

// Re-marks everyone for the years now stored (after a change of the targets).
Status RemarkAllIn(store::Tx& tx);

// The stored rows of `year` by unit id (0: people with no unit), or nullopt when the
// year is not stored or the targets changed since the marks were made.
Result<std::optional<std::map<int64_t, UnitYearCounts>>> StoredDistrictIn(store::Tx& tx, int year);

// The marks of `person_ids` for `year` (a stored one): person → (unit id or 0, mark).
Result<std::map<int64_t, std::pair<int64_t, UnitYearCounts>>> MarksOfIn(
    store::Tx& tx, const std::vector<int64_t>& person_ids, int year);

// Whether the summary must be rebuilt (migration 124 on a database that had data:
// ledger_summary_state.needs_rebuild).
Result<bool> NeedsRebuildIn(store::Tx& tx);

// The last year stored (below first_year when none).
Result<int> LastStoredYearIn(store::Tx& tx);

}  // namespace peixun::records::internal
