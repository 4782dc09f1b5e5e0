// Answers about groups for modules that come before this one, shaped as their hooks
// (timetable/timetable_hooks.h PersonGroupIds and SheetRows, enrollment's badge
// GroupLabels) so the composition root can wire them directly:
//
//   timetable_hooks.person_group_ids = [&store](int64_t c, int64_t p) { return
//   groups::GroupIdsOf(store, c, p); }; timetable_hooks.sheet_rows = [&store](int64_t c,
//   std::vector<int64_t> g) { return groups::SheetRows(store, c, g); };
//
// Each runs its own read transaction. Hooks carry no errors: on a database error
// they answer as if there were nothing (empty). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/timetable/timetable_hooks.h"
#include "store/store.h"

namespace peixun::groups {

// The ids of the class's groups the person belongs to (zero or one).
std::vector<int64_t> GroupIdsOf(store::Store& store, int64_t class_id, int64_t person_id);

// The ids of every group of the class, by group number (timetable's ClassGroupIds).
std::vector<int64_t> GroupIdsOfClass(store::Store& store, int64_t class_id);

// The sign-in sheet (签到表) lines of a session: the approved trainees of `group_ids`
// (every approved trainee of the class when empty), in 姓氏笔画 order, with their
// unit names. Ids of other classes' groups are ignored.
std::vector<timetable::SheetRow> SheetRows(store::Store& store, int64_t class_id,
                                           const std::vector<int64_t>& group_ids);

// person id → their group's name ("第三组"), for badges.
std::map<int64_t, std::string> GroupLabels(store::Store& store, int64_t class_id);

}  // namespace peixun::groups
