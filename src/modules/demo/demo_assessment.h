// The seed class's question bank and closing exam: 40 questions on the topics of
// its three lectures (管理沟通艺术, 经济形势, “两新”组织发展) and 党建基础, and the
// 结业考试 on its exam session. Once that session has ended, every trainee has taken
// it with a realistic spread of results (a few below 60), short answers graded by the
// head teacher, results not yet released; while it is still to come (the demo opens
// on day 2 of the 4, demo_history.h) the exam is set up and nobody has taken it.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoAssessmentCounts {
  int questions = 0;
  int attempts = 0;
  int below_pass = 0;
};

// Needs the seed class (LoadDemoClass). Attempts, when the session has ended, are
// taken with the exam session's own clock (its start), through the assessment services.
Result<DemoAssessmentCounts> LoadDemoAssessment(store::Store& store, int64_t class_id);

}  // namespace peixun::demo
