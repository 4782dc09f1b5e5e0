// What the completion rules need of a class's course evaluations: how many
// questionnaires the class has opened, and how many each trainee has answered. Only
// the has-answered marks are read: never an answer, which is not linked to anyone.
// Read-only, inside the caller's transaction.
#pragma once

#include <cstdint>
#include <map>

#include "core/result.h"
#include "store/store.h"

namespace peixun::evaluation {

struct ClassEvaluationOutcome {
  int due = 0;                                // questionnaires opened for the class
  std::map<int64_t, int> answered_by_person;  // trainees who answered at least one
};

Result<ClassEvaluationOutcome> ClassEvaluationOutcomeIn(store::Tx& tx, int64_t class_id);

}  // namespace peixun::evaluation
