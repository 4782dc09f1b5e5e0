// The people module's part of a person's PIPL export and erasure
// (modules/privacy composes every module's part).
#pragma once

#include <cstdint>

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/personal_data.h"

namespace peixun::people {

// The person's row. `clear_id_number`: the ID number decrypted (for admins and
// organizers); otherwise only its masked form.
Status PersonalDataIn(store::Tx& tx, const crypto::DataKey& key, int64_t person_id,
                      bool clear_id_number, store::PersonalData* out);

// The personal values erasure must scrub elsewhere (the audit log, free text):
// name, phone, ID number (clear and masked). Read before ErasePersonalDataIn.
struct ErasableValues {
  std::string name;
  std::string phone;
  std::string id_number;  // clear, "" when none
  std::string id_masked;
  bool erased = false;  // already erased (erased_at set)
};
Result<ErasableValues> ErasableValuesIn(store::Tx& tx, const crypto::DataKey& key,
                                        int64_t person_id);

// Irreversibly anonymizes the row: name → 已删除#<id>, ID number (cipher,
// fingerprint, mask), phone, ethnicity, birth date, position, party membership
// date and tags cleared; gender, unit and rank stay (class statistics); stamps
// erased_at.
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id, int64_t now_ms);

// Whether the person's row was erased.
Result<bool> IsErasedIn(store::Tx& tx, int64_t person_id);

}  // namespace peixun::people
