#include "store/row_counts.h"

namespace peixun::store {

Result<std::map<std::string, int64_t>> CountRows(Store& store) {
  return ReadValue<std::map<std::string, int64_t>>(
      store, [&](Tx& tx) -> Result<std::map<std::string, int64_t>> {
        const char* list =
            tx.dialect() == Dialect::kSqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                  "'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                  "ORDER BY tablename";
        PEIXUN_ASSIGN_OR_RETURN(Rows tables, tx.Query(list));
        std::map<std::string, int64_t> out;
        for (const auto& t : tables) {
          const std::string name = t.Str(0);
          // Names come from the catalog, quoted all the same.
          PEIXUN_ASSIGN_OR_RETURN(Rows n, tx.Query("SELECT count(*) FROM \"" + name + "\""));
          out[name] = n[0].Int(0);
        }
        return out;
      });
}

}  // namespace peixun::store
