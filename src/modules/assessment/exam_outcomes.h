// What the completion rules need of a class's exam: for each trainee, the score of
// the attempt that counts (the exam's own rule, best or last), as a percent of the
// paper's total, once every answer of it is graded. The class's exam is its last
// one (the closing exam); a class with none has no exam rule.
//
// Read-only: runs inside the caller's transaction and writes nothing (an attempt
// past its deadline that nobody has read since counts once the server submits it).
#pragma once

#include <cstdint>
#include <map>

#include "core/result.h"
#include "store/store.h"

namespace peixun::assessment {

struct ClassExamOutcome {
  bool has_exam = false;
  int pass_mark = 60;                           // percent, from the class rules
  std::map<int64_t, double> percent_by_person;  // graded counted attempts only
};

Result<ClassExamOutcome> ClassExamOutcomeIn(store::Tx& tx, int64_t class_id);

}  // namespace peixun::assessment
