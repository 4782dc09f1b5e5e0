#include "modules/logistics/logistics_personal_data.h"

namespace peixun::logistics {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "logistics", "room_assignments",
                                 "SELECT * FROM room_assignments WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "logistics", "dietary_needs", "SELECT * FROM dietary_needs WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "logistics", "bus_assignments",
                                 "SELECT * FROM bus_assignments WHERE person_id = ?", p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(tx.Exec("DELETE FROM dietary_needs WHERE person_id = ?", p));
  return Ok();
}

}  // namespace peixun::logistics
