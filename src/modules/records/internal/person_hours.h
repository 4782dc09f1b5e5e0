#ifndef PEIXUN_MODULE_RECORDS_INTERNALS
#error "modules/records/internal is private to the records module"
#endif
// Where a person's 学时 come from, for many people at once: their classes (through
// the enrollment, classes, completion and attendance modules' public functions) and
// their outside hours (this module's table). Inside the caller's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/hours_targets.h"
#include "modules/classes/training_class.h"
#include "modules/org/unit.h"
#include "modules/records/record_types.h"
#include "store/store.h"

namespace peixun::records::internal {

struct HoursSources {
  std::map<int64_t, classes::TrainingClass> classes;       // by class id
  std::map<int64_t, std::vector<RecordClass>> class_rows;  // by person (no exam/serial)
  std::map<int64_t, std::vector<OutsideEntry>> outside;    // by person; approved only
  std::map<int64_t, core::CivilDate> promoted_on;          // by person
};

// `now`: the instant attendance counts ended sessions by.
Result<HoursSources> LoadHoursIn(store::Tx& tx, const std::vector<int64_t>& person_ids,
                                 int64_t now);

// A class counts on its last day, outside study on its end date.
std::vector<core::DatedHours> DatedHoursOf(const HoursSources& sources, int64_t person_id);

// Rank from the registry; party member: a 入党日期 is set; grassroots party
// secretary: 书记 (not 副书记) in the position, of a 社区 / 非公企业 / 社会组织.
core::HoursProfile ProfileOf(const people::Person& person,
                             const std::map<int64_t, org::Unit>& units,
                             const HoursSources& sources);
// The same from the fields themselves (the district view's groups of people).
core::HoursProfile ProfileFrom(people::Rank rank, bool party_member, const std::string& position,
                               std::optional<int64_t> unit_id,
                               const std::map<int64_t, org::Unit>& units,
                               std::optional<core::CivilDate> promoted_on);

// Outside entries of one person, every status when `all`, newest first.
Result<std::vector<OutsideEntry>> OutsideOfIn(store::Tx& tx, int64_t person_id);
OutsideEntry OutsideOfRow(const store::Row& row);
extern const char kOutsideColumns[];

}  // namespace peixun::records::internal
