// What the timetable module needs from modules that come after it (enrollment,
// groups), handed in by the composition root (src/app/application.cc). Every
// hook runs its own read transaction, is called outside any transaction of this
// module and must be thread-safe. Unset hooks take the defaults noted.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace peixun::timetable {

// One trainee line of a sign-in sheet or seating chart.
struct SheetRow {
  int64_t person_id = 0;
  std::string name;
  std::string unit;  // unit name as printed
};

// Enrolled trainees of a class (for site capacity). Default: 0.
using TraineeCount = std::function<int(int64_t class_id)>;
// The groups of the class a person belongs to. Default: none (whole-class sessions only).
using PersonGroupIds = std::function<std::vector<int64_t>(int64_t class_id, int64_t person_id)>;
// Every group of the class (for the programme 学时 per group). Default: none (the
// whole-class sessions are the one programme).
using ClassGroupIds = std::function<std::vector<int64_t>(int64_t class_id)>;
// The trainees expected at a session: those of `group_ids`, or the whole class when
// empty; any order (the timetable sorts by 姓氏笔画). Default: nobody.
using SheetRows =
    std::function<std::vector<SheetRow>(int64_t class_id, std::vector<int64_t> group_ids)>;

struct TimetableHooks {
  TraineeCount trainee_count;
  PersonGroupIds person_group_ids;
  ClassGroupIds class_group_ids;
  SheetRows sheet_rows;
};

}  // namespace peixun::timetable
