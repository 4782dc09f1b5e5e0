#include "modules/people/people_personal_data.h"

#include "core/name_collation.h"
#include "modules/people/people_listeners.h"
#include "modules/people/people_service.h"

namespace peixun::people {

using store::Int;
using store::Text;

Status PersonalDataIn(store::Tx& tx, const crypto::DataKey& key, int64_t person_id,
                      bool clear_id_number, store::PersonalData* out) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT id, name, gender, ethnicity, birth_date, phone, id_masked, id_cipher, "
               "unit_id, position, rank, party_join_date, tags, created_at, updated_at, "
               "erased_at FROM people WHERE id = ?",
               {Int(person_id)}));
  // The cipher column becomes id_number: clear for staff who may see it.
  store::Rows shown;
  for (const std::string& c : rows.columns)
    shown.columns.push_back(c == "id_cipher" ? "id_number" : c);
  for (const store::Row& row : rows) {
    std::vector<store::Value> values;
    for (size_t i = 0; i < row.size(); ++i) {
      if (rows.columns[i] != "id_cipher") {
        values.push_back(row[i]);
        continue;
      }
      if (row.IsNull(i) || !clear_id_number) {
        values.push_back(store::Null());
        continue;
      }
      PEIXUN_ASSIGN_OR_RETURN(std::string clear, key.Decrypt(row.Str(i)));
      values.push_back(Text(clear));
    }
    shown.rows.emplace_back(std::move(values));
  }
  out->push_back(store::PersonalTable{"people", "people", std::move(shown)});
  return Ok();
}

Result<ErasableValues> ErasableValuesIn(store::Tx& tx, const crypto::DataKey& key,
                                        int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query("SELECT name, phone, id_cipher, id_masked, erased_at FROM people WHERE id = ?",
               {Int(person_id)}));
  if (rows.empty()) {
    return NotFound("people.not_found", "人员不存在", "person not found", "id");
  }
  ErasableValues v;
  v.name = rows[0].Str(0);
  v.phone = rows[0].Str(1);
  if (!rows[0].IsNull(2)) {
    PEIXUN_ASSIGN_OR_RETURN(v.id_number, key.Decrypt(rows[0].Str(2)));
  }
  v.id_masked = rows[0].Str(3);
  v.erased = !rows[0].IsNull(4);
  return v;
}

Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id, int64_t now_ms) {
  const std::string name = store::ErasedName(person_id);
  PEIXUN_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec("UPDATE people SET name = ?, ethnicity = NULL, birth_date = NULL, phone = NULL, "
              "id_cipher = NULL, id_fingerprint = NULL, id_masked = NULL, position = NULL, "
              "party_join_date = NULL, tags = NULL, stroke_key = ?, pinyin_key = ?, "
              "pinyin_initials = ?, pinyin_full = ?, erased_at = ?, updated_at = ? WHERE id = ?",
              {Text(name), Text(core::StrokeSortKey(name)), Text(core::PinyinSortKey(name)),
               Text(core::PinyinInitials(name)), Text(core::PinyinFull(name)), Int(now_ms),
               Int(now_ms), Int(person_id)}));
  if (changed == 0) {
    return NotFound("people.not_found", "人员不存在", "person not found", "id");
  }
  return NotifyPeopleChangedIn(tx, {person_id});  // position and 入党日期 are gone
}

Result<bool> IsErasedIn(store::Tx& tx, int64_t person_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT erased_at FROM people WHERE id = ?", {Int(person_id)}));
  if (rows.empty()) {
    return NotFound("people.not_found", "人员不存在", "person not found", "id");
  }
  return !rows[0].IsNull(0);
}

}  // namespace peixun::people
