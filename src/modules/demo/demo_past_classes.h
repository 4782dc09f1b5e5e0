// Three earlier years of classes for the demo district, all ended, so the training
// records and the hours ledger have history: last year's edition of the seed class
// and two other classes, each with its trainees' attendance (entered by the head
// teacher from the paper sign-in sheets, as corrections with that reason), the
// completion decided, 优秀学员 chosen and approved, and certificates issued.
//
// A few trainees do not complete, for visible reasons (last year's edition): one
// took leave over 1/7 of the class (退学), one was absent from a session, one
// scored below the exam mark. The closing exams of those years were on paper: the
// completion decision reads their scores from this file (an AssessmentSource), not
// from the assessment module. One street office's people also studied online (an
// approved outside entry with its proof), so some units meet their target and
// others do not.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoPastCounts {
  int classes = 0;
  int trainees = 0;  // enrollments over the three classes
  int completed = 0;
  int certificates = 0;
  int excellent = 0;
  int outside_entries = 0;
};

// Needs the demo district (LoadDemoData); `organizer_unit_id`: ×区委组织部.
Result<DemoPastCounts> LoadDemoPastClasses(store::Store& store, const crypto::DataKey& key,
                                           int64_t organizer_unit_id);

}  // namespace peixun::demo
