// The auth module's part of a person's PIPL export and erasure: their login
// (users row), sessions, API tokens, bound devices and invites.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/personal_data.h"

namespace peixun::auth {

Status PersonalDataIn(store::Tx& tx, int64_t person_id, store::PersonalData* out);

// The person's login, if any.
struct PersonLogin {
  int64_t user_id = 0;
  std::string username;
};
Result<std::optional<PersonLogin>> LoginOfPersonIn(store::Tx& tx, int64_t person_id);

// Ends every session, revokes tokens, forgets devices and invites, and turns the
// login into an inactive, password-less account named 已删除#<person id>
// (username erased-<user id>), so references from other rows stay valid.
Status ErasePersonalDataIn(store::Tx& tx, int64_t person_id, int64_t now_ms);

}  // namespace peixun::auth
