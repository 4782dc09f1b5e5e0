// The seed class's question bank and its two exams. The bank: 40 questions on the
// topics of its lectures (管理沟通艺术, 经济形势, “两新”组织发展, 党建基础), each
// tagged with its topic and its lecture's title; all five kinds; points adding up
// to 100. The exams: a 随堂测验 on day 1's evening exam session, made of the 19
// questions of day 1's two lectures, which every trainee has taken (a realistic
// spread, a few below the pass mark), with the short answer graded by the head
// teacher and the results released; and the 结业考试 on the last day, all 40
// questions, set up and not yet taken (the demo opens on day 2 of 4,
// demo_history.h). The closing exam is made last, so it is the class's exam for
// completion (assessment/exam_outcomes.h): a quiz score never fails anyone.
// Deterministic (a fixed seed): tests rely on its figures.
#pragma once

#include <cstdint>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::demo {

struct DemoAssessmentCounts {
  int questions = 0;       // in the bank
  int quiz_questions = 0;  // on the day-1 quiz
  int64_t quiz_exam_id = 0;
  int64_t closing_exam_id = 0;
  int quiz_attempts = 0;    // submitted and graded
  int quiz_below_pass = 0;  // below the pass mark
};

// Needs the seed class (LoadDemoClass) and its head teacher (CreateDemoUsers), who
// makes the exams, grades and releases. Attempts are taken at the quiz session's
// own time (the services' clocks set to it), through the assessment services.
Result<DemoAssessmentCounts> LoadDemoAssessment(store::Store& store, int64_t class_id,
                                                const Principal& head_teacher);

}  // namespace peixun::demo
