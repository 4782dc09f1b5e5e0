#ifndef PEIXUN_MODULE_RECORDS_INTERNALS
#error "modules/records/internal is private to the records module"
#endif
// The hours summary (records_schema.cc, migration 123): what the ledger reads instead
// of every person's classes. Invariant, for every person P and year Y:
//   ledger_year_hours(P, Y) = the credited 学时 of P's decided classes folded in
//   (ledger_classes) ending in Y + P's approved outside hours ending in Y.
// Classes past enrolling and not folded in are "live": their credit is asked of
// completion (a decision) or attendance (none yet) at read time, exactly as
// person_hours.h does, so a class decided where no listener ran is still counted
// right, only read more slowly until it is folded in (`peixun ledger rebuild`).
// People with a promotion date (record_promotions) get person_hours.h's dated hours:
// the promotion check counts by date, the summary by year.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "core/civil_date.h"
#include "core/hours_targets.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::records::internal {

// Registers FoldClassIn as a completion decision listener and the district view's
// people and unit listeners (once per process).
void InstallLedgerMaintenance();

// The completion listener: the class's credits as its decisions now say (approved
// trainees only), and the year rows of the people whose credit changed.
Status FoldClassIn(store::Tx& tx, int64_t class_id);

// Recomputes every year row of `person_ids` from ledger_class_credits and the
// approved outside hours (an outside entry approved or imported as approved), then
// their marks in the stored district view.
Status RefreshYearsIn(store::Tx& tx, const std::vector<int64_t>& person_ids);

struct RebuildCounts {
  int64_t classes = 0;    // classes with decisions folded in
  int64_t credits = 0;    // ledger_class_credits rows
  int64_t year_rows = 0;  // ledger_year_hours rows
};
// The district view is stored for the current year and the 4 before it
// (internal/ledger_district.h); other years are computed live.
inline constexpr int kStoredDistrictYears = 5;

// Empties the three tables and folds in every class with decisions, then the year
// rows, then the stored district view (kStoredDistrictYears ending with
// `current_year`); clears ledger_summary_state.needs_rebuild.
Result<RebuildCounts> RebuildIn(store::Tx& tx, int current_year);

// Classes past enrolling that are not folded in, ascending.
Result<std::vector<int64_t>> LiveClassIdsIn(store::Tx& tx);

struct LedgerHours {
  // By person: year rows dated 1 January, live classes' credit dated their last day;
  // people with a promotion date: person_hours.h's hours, each on its own date.
  std::map<int64_t, std::vector<core::DatedHours>> hours;
  std::map<int64_t, core::CivilDate> promoted_on;
};
// What EvaluateYear gives the same verdicts with as DatedHoursOf(LoadHoursIn(...)).
Result<LedgerHours> LedgerHoursIn(store::Tx& tx, const std::vector<int64_t>& person_ids,
                                  int64_t now, const std::vector<int64_t>& live_classes);

// Every person with a promotion date, ascending.
Result<std::vector<int64_t>> PromotedPeopleIn(store::Tx& tx);

}  // namespace peixun::records::internal
