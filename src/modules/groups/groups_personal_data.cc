#include "modules/groups/groups_personal_data.h"

namespace peixun::groups {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out) {
  const std::vector<store::Value> p = {store::Int(person_id)};
  PEIXUN_RETURN_IF_ERROR(store::AppendPersonalTable(
      tx, out, "groups", "group_members", "SELECT * FROM group_members WHERE person_id = ?", p));
  PEIXUN_RETURN_IF_ERROR(
      store::AppendPersonalTable(tx, out, "groups", "class_groups",
                                 "SELECT * FROM class_groups WHERE leader_person_id = ?", p));
  return Ok();
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id) {
  (void)tx;
  (void)person_id;
  return Ok();
}

}  // namespace peixun::groups
