// What a module holds about one person, for the PIPL export (modules/privacy):
// each module's PersonalDataIn returns its rows table by table, read with its
// own SQL; the privacy module only formats them (JSON, xlsx). Large files
// (base64 uploads, frozen PDFs) are given by name and size, never inline.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peixun::store {

struct PersonalTable {
  std::string module;  // "attendance"
  std::string table;   // "leave_requests"
  Rows rows;           // column names from the SELECT list
};

using PersonalData = std::vector<PersonalTable>;

// Appends the rows of `sql` (bound to `params`) to `out` as `module`.`table`.
inline Status AppendPersonalTable(Tx& tx, PersonalData* out, std::string module, std::string table,
                                  std::string_view sql, const std::vector<Value>& params) {
  PEIXUN_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
  out->push_back(PersonalTable{std::move(module), std::move(table), std::move(rows)});
  return Ok();
}

// The placeholder that replaces an erased person's name: "已删除#12".
inline std::string ErasedName(int64_t person_id) { return "已删除#" + std::to_string(person_id); }

}  // namespace peixun::store
