// The whole demo after the district: the seed class on its second day with day 1's
// history, its question bank and exams, papers and lecture evaluations, one sign-in per role and an
// invite link for a trainee — what `peixun demo` loads and prints.
#pragma once

#include "core/result.h"
#include "crypto/data_key.h"
#include "modules/demo/demo_assessment.h"
#include "modules/demo/demo_class.h"
#include "modules/demo/demo_feedback.h"
#include "modules/demo/demo_history.h"
#include "modules/demo/demo_past_classes.h"
#include "modules/demo/demo_users.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoScenario {
  DemoClassCounts seed_class;
  DemoLogins logins;
  DemoHistoryCounts history;
  DemoInvite invite;
  DemoAssessmentCounts assessment;  // the question bank, the day-1 quiz and the closing exam
  DemoFeedbackCounts feedback;      // reflection papers and day 1's lecture evaluations
  DemoPastCounts past;              // three earlier years of ended classes
};

// Needs the demo district (LoadDemoData) in `store`.
Result<DemoScenario> LoadDemoScenario(store::Store& store, const crypto::DataKey& key);

}  // namespace peixun::demo
