// What the completion rules need of a class's reflection papers (心得体会): whether
// the head teacher has set one up, and each trainee's paper as submitted, passed or
// failed. A paper graded with a mark passes at 60 or more; one not yet graded is
// "submitted". Read-only, inside the caller's transaction.
#pragma once

#include <cstdint>
#include <map>

#include "core/completion_rules.h"
#include "core/result.h"
#include "store/store.h"

namespace peixun::reflection {

inline constexpr int kReflectionPassMark = 60;

struct ClassReflectionOutcome {
  bool required = false;  // a requirement (deadline, grading) is set for the class
  std::map<int64_t, core::ReflectionState> state_by_person;  // trainees with a paper
};

Result<ClassReflectionOutcome> ClassReflectionOutcomeIn(store::Tx& tx, int64_t class_id);

}  // namespace peixun::reflection
