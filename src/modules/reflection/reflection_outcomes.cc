#include "modules/reflection/reflection_outcomes.h"

namespace peixun::reflection {

Result<ClassReflectionOutcome> ClassReflectionOutcomeIn(store::Tx& tx, int64_t class_id) {
  ClassReflectionOutcome out;
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows req,
      tx.Query("SELECT 1 FROM reflection_requirements WHERE class_id = ?", {store::Int(class_id)}));
  out.required = !req.empty();
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT person_id, mark, passed FROM reflection_papers WHERE class_id = ?",
               {store::Int(class_id)}));
  for (const auto& r : rows) {
    core::ReflectionState state = core::ReflectionState::kSubmitted;
    if (!r.IsNull(2)) {
      state = r.Int(2) != 0 ? core::ReflectionState::kPassed : core::ReflectionState::kFailed;
    } else if (!r.IsNull(1)) {
      state = r.Int(1) >= kReflectionPassMark ? core::ReflectionState::kPassed
                                              : core::ReflectionState::kFailed;
    }
    out.state_by_person[r.Int(0)] = state;
  }
  return out;
}

}  // namespace peixun::reflection
