#include "modules/classes/class_ids.h"

#include <string>

namespace peixun::classes {

Result<std::vector<int64_t>> IdsNotInStatusIn(store::Tx& tx,
                                              const std::vector<ClassStatus>& excluded) {
  std::string sql = "SELECT id FROM training_classes";
  std::vector<store::Value> params;
  for (size_t i = 0; i < excluded.size(); ++i) {
    sql += i == 0 ? " WHERE status NOT IN (?" : ", ?";
    params.push_back(store::Text(std::string(ClassStatusCode(excluded[i]))));
  }
  if (!excluded.empty()) sql += ")";
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql + " ORDER BY id", params));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace peixun::classes
