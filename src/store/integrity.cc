#include "store/integrity.h"

#include "store/store_errors.h"

namespace peixun::store {
namespace {

// Quoted names (fit for ::regclass) of what is checked: peixun's own schema,
// permanent relations only.
constexpr char kBtreeIndexes[] =
    "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_index i "
    "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_am am ON am.oid = c.relam WHERE n.nspname = current_schema() "
    "AND am.amname = 'btree' AND c.relpersistence = 'p' AND i.indisvalid AND i.indisready "
    "ORDER BY 1";
constexpr char kTables[] =
    "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
    "AND c.relkind = 'r' AND c.relpersistence = 'p' ORDER BY 1";

Result<std::vector<std::string>> Names(Store& store, const char* sql) {
  std::vector<std::string> out;
  PEIXUN_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
    PEIXUN_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql));
    for (const Row& r : rows) out.push_back(r.Str(0));
    return Ok();
  }));
  return out;
}

Result<IntegrityReport> CheckPostgres(Store& store) {
  IntegrityReport report;
  Status ext = store.Transact(
      [](Tx& tx) { return tx.ExecScript("CREATE EXTENSION IF NOT EXISTS amcheck"); });
  if (!ext) {
    if (IsPassingFault(ext.error())) return std::move(ext).error();
    report.checked.push_back("connection");
    report.skipped.push_back(
        "amcheck (index and table structure): CREATE EXTENSION amcheck failed (" +
        ext.error().message_en + "); it needs a superuser once per database");
    return report;
  }
  PEIXUN_ASSIGN_OR_RETURN(std::vector<std::string> indexes, Names(store, kBtreeIndexes));
  PEIXUN_ASSIGN_OR_RETURN(std::vector<std::string> tables, Names(store, kTables));
  std::string broken;
  // One snapshot per relation: a long check never holds back vacuum, and one
  // broken index does not hide the next.
  for (const std::string& index : indexes) {
    Status st = store.Read([&](Tx& tx) -> Status {
      PEIXUN_RETURN_IF_ERROR(tx.Query(
          "SELECT bt_index_check(index => ?::regclass, heapallindexed => true)", {Text(index)}));
      return Ok();
    });
    if (!st) {
      if (IsPassingFault(st.error())) return std::move(st).error();
      if (st.error().code == kInsufficientPrivilege) {
        report.checked.push_back("connection");
        report.skipped.push_back("amcheck: " + st.error().message_en);
        return report;
      }
      broken += "index " + index + ": " + st.error().message_en + "\n";
    }
  }
  for (const std::string& table : tables) {
    Status st = store.Read([&](Tx& tx) -> Status {
      PEIXUN_ASSIGN_OR_RETURN(
          Rows rows,
          tx.Query("SELECT blkno, offnum, msg FROM verify_heapam(relation => ?::regclass) LIMIT 3",
                   {Text(table)}));
      for (const Row& r : rows) {
        broken +=
            "table " + table + " block " + r.Str(0) + " item " + r.Str(1) + ": " + r.Str(2) + "\n";
      }
      return Ok();
    });
    if (!st) {
      if (IsPassingFault(st.error())) return std::move(st).error();
      broken += "table " + table + ": " + st.error().message_en + "\n";
    }
  }
  if (!broken.empty()) return Internal("store.integrity", "integrity check failed: " + broken);
  report.checked.push_back("connection");
  report.checked.push_back(
      "amcheck bt_index_check (heapallindexed): " + std::to_string(indexes.size()) + " indexes");
  report.checked.push_back("amcheck verify_heapam: " + std::to_string(tables.size()) + " tables");
  return report;
}

}  // namespace

Result<IntegrityReport> CheckStorage(Store& store) {
  if (store.dialect() == Dialect::kPostgres) return CheckPostgres(store);
  PEIXUN_RETURN_IF_ERROR(store.CheckIntegrity());
  IntegrityReport report;
  report.checked = {"PRAGMA integrity_check", "PRAGMA foreign_key_check"};
  return report;
}

}  // namespace peixun::store
