// What the seed class's trainees have written by day 2: reflection papers (心得体会)
// and the course evaluation of day 1's two lectures.
//
// Papers: the head teacher sets the requirement (a mark, due at 18:00 on the last
// day); most trainees have handed in a typed paper, each put together from a
// different choice of passages so no two share more than two of their six
// paragraphs, except one near-copy pair: kNearCopyIndices' second trainee copied the
// first's paper with small edits, which the similarity hint shows as the top pair.
// Nothing is graded yet (the class is still running).
//
// Evaluation: the head teacher opened the questionnaire of each day-1 lecture after
// it ended; most trainees answered (far above the anonymity threshold), with a
// realistic spread (the morning lecture rated higher) and a few comments. Day 2 and
// 3 have not had their lectures evaluated; the class questionnaire is not open.
//
// Everything goes through the reflection and evaluation services; deterministic
// (fixed seeds), so tests rely on its figures.
#pragma once

#include <cstdint>
#include <vector>

#include "core/principal.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::demo {

// The near-copy pair by place in the roster (approved trainees by person id).
inline constexpr int kNearCopyIndices[2] = {33, 34};

struct DemoFeedbackCounts {
  int papers = 0;
  int64_t copied_from = 0;  // person ids of the near-copy pair
  int64_t copied_by = 0;
  std::vector<int64_t> questionnaires;  // day-1 lectures', in time order
  std::vector<int> evaluations;         // answers per questionnaire, same order
};

// Needs the seed class (LoadDemoClass) and its head teacher (CreateDemoUsers).
// `featured_trainee` (the invite link's, demo_history.h) has neither handed in a
// paper nor answered a questionnaire: a visitor finds both still to do on the phone.
Result<DemoFeedbackCounts> LoadDemoFeedback(store::Store& store, int64_t class_id,
                                            const Principal& head_teacher,
                                            int64_t featured_trainee);

}  // namespace peixun::demo
