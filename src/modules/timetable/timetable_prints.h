// The timetable's printed files for a user: the class's 日程表 (PDF, xlsx) and a
// session's 签到表 and 座次表. Each entry point checks `who` itself, so every
// transport gets the same answers:
//   - the 日程表: anyone who may read the class (classes/class_access.h; a trainee
//     only a class they are enrolled in, by `enrolled`);
//   - the trainee sheets list every trainee of the class: admin, organizer, head
//     teacher, lecturer and logistics (403 auth.forbidden for others), who may
//     read the class.
#pragma once

#include <cstdint>
#include <string>

#include "core/principal.h"
#include "core/result.h"
#include "modules/classes/class_hooks.h"
#include "modules/timetable/timetable_hooks.h"
#include "store/store.h"

namespace peixun::timetable {

struct PrintedFile {
  std::string bytes;
  std::string filename;  // e.g. "<class name>课程表.pdf"
};

class TimetablePrints {
 public:
  TimetablePrints(store::Store& store, classes::EnrolledClassIds enrolled, TimetableHooks hooks)
      : store_(store), enrolled_(std::move(enrolled)), hooks_(std::move(hooks)) {}

  Result<PrintedFile> TimetablePdf(const Principal& who, int64_t class_id);
  Result<PrintedFile> TimetableXlsx(const Principal& who, int64_t class_id);
  Result<PrintedFile> SignInSheetPdf(const Principal& who, int64_t session_id);
  // 409 timetable.seating.* as timetable_exports.h says.
  Result<PrintedFile> SeatingChartPdf(const Principal& who, int64_t session_id);

 private:
  store::Store& store_;
  classes::EnrolledClassIds enrolled_;
  TimetableHooks hooks_;
};

}  // namespace peixun::timetable
