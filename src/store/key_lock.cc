#include "store/key_lock.h"

#include <algorithm>

namespace peixun::store {

Status LockKeyIn(Tx& tx, std::string_view key) {
  if (tx.dialect() != Dialect::kPostgres) return Ok();
  // The seed keeps these hashes apart from the fixed key of migrations
  // (store/migration.cc) in all but astronomically rare cases; a collision would
  // only make two unrelated transactions wait for each other.
  Result<Rows> rows =
      tx.Query("SELECT pg_advisory_xact_lock(hashtextextended(?, 1170))", {Text(key)});
  if (!rows) return std::move(rows).error();
  return Ok();
}

Status LockKeysIn(Tx& tx, std::vector<std::string> keys) {
  if (tx.dialect() != Dialect::kPostgres || keys.empty()) return Ok();
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (keys.size() == 1) return LockKeyIn(tx, keys.front());
  // One text[] parameter: each element quoted, with " and \ escaped.
  std::string array = "{";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) array += ',';
    array += '"';
    for (char c : keys[i]) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += '"';
  }
  array += '}';
  // The ordered subquery feeds the aggregate in key order: locks are taken in
  // that order, one at a time.
  Result<Rows> rows = tx.Query(
      "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 1170))) FROM "
      "(SELECT k FROM unnest(?::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n) AS s",
      {Text(array)});
  if (!rows) return std::move(rows).error();
  return Ok();
}

std::string_view ForUpdate(const Tx& tx) {
  return tx.dialect() == Dialect::kPostgres ? " FOR NO KEY UPDATE" : "";
}

}  // namespace peixun::store
