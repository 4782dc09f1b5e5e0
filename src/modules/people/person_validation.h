// Turns a PersonInput (text as typed or read from a roster) into a normalized,
// checked record, collecting EVERY problem at once so an import can report all
// of a row's errors. Needs no database: unit existence and duplicates are the
// service's job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "modules/people/person.h"

namespace peixun::people {

struct ValidatedPerson {
  std::string name;    // normalized (NormalizeName)
  std::string gender;  // "男" / "女"
  std::string ethnicity;
  std::string birth_date;  // YYYY-MM-DD or ""
  std::string phone;       // 11 digits or ""
  std::string id_number;   // normalized 18 characters or ""
  std::optional<int64_t> unit_id;
  std::string position;
  Rank rank = Rank::kUnset;
  std::string party_join_date;  // YYYY-MM-DD or ""
  std::vector<std::string> tags;
};

// Fields named in errors (Error::field): name, gender, ethnicity, birth_date,
// phone, id_number, unit_id, position, rank, party_join_date, tags.
// Returns the errors; `out` is complete only when none are returned.
std::vector<Error> ValidatePerson(const PersonInput& input, ValidatedPerson* out);

// Splits a tag list typed with any of , ， 、 ; ； as separators; trims, drops empties.
std::vector<std::string> SplitTags(const std::string& text);

}  // namespace peixun::people
