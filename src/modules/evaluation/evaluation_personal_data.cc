#include "modules/evaluation/evaluation_personal_data.h"

namespace peixun::evaluation {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "evaluation", "evaluation_responders",
                                 "SELECT * FROM evaluation_responders WHERE person_id = ?", p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  (void)tx;
  (void)person_id;
  return Ok();
}

}  // namespace peixun::evaluation
