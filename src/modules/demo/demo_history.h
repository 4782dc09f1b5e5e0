// The seed class's first day as it happened, so the demo opens on day 2 of a class
// in progress: every chart, leave share and at-risk list shows real figures.
//
// Day 1 (the class's first day, yesterday) gets QR check-ins and check-outs with a
// realistic spread: most trainees on time, five late, two absent from a lecture,
// one who left in the middle of the afternoon lecture (missed its spot check and
// never checked out), one who left early; two approved leaves; one correction by
// the head teacher with its reason. A third leave, for a session still to come,
// waits for the head teacher. Everything goes through the attendance services,
// whose clocks are set to the moment each thing happened, so the rows are exactly
// what a real day would have left (audit entries included).
//
// Today's sessions that have begun by the time the demo loads have their scans up
// to now (a running session shows most of the hall checked in), except the
// featured trainee's, whose invite link lets a visitor make those scans live.
#pragma once

#include <cstdint>

#include "core/principal.h"
#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoHistoryCounts {
  int check_ins = 0;  // counted check-ins and check-outs written
  int late = 0;       // trainees late to a day-1 session
  int absent = 0;     // trainees absent from a day-1 session without leave
  int leaves = 0;     // leave requests (approved and pending)
  int corrections = 0;
  // A trainee with a story to show on their phone (an approved leave on day 1).
  int64_t featured_trainee = 0;
};

// Needs the seed class (LoadDemoClass) with its head teacher (CreateDemoUsers).
Result<DemoHistoryCounts> LoadDemoHistory(store::Store& store, const crypto::DataKey& key,
                                          int64_t class_id, const Principal& head_teacher);

}  // namespace peixun::demo
