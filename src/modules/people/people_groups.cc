#include "modules/people/people_groups.h"

#include "modules/org/org_service.h"

namespace peixun::people {

Result<std::vector<ProfileGroup>> GroupProfilesIn(store::Tx& tx, std::optional<int64_t> unit_root,
                                                  const std::vector<int64_t>& exclude,
                                                  const PersonFigures& figures) {
  std::vector<std::string> where;
  if (unit_root) {
    PEIXUN_ASSIGN_OR_RETURN(std::vector<int64_t> units,
                            org::OrgService::SubtreeIdsIn(tx, *unit_root));
    if (units.empty()) return std::vector<ProfileGroup>();
    std::string list;
    for (int64_t id : units) list += (list.empty() ? "" : ", ") + std::to_string(id);
    where.push_back("p.unit_id IN (" + list + ")");
  }
  if (!exclude.empty()) {
    // Integers written into the text: no bound parameters, so no limit on their number.
    std::string list;
    for (int64_t id : exclude) list += (list.empty() ? "" : ", ") + std::to_string(id);
    where.push_back("p.id NOT IN (" + list + ")");
  }
  std::string select =
      "SELECT p.unit_id, COALESCE(p.rank, ''), CASE WHEN COALESCE(p.party_join_date, '') = '' "
      "THEN 0 ELSE 1 END, COALESCE(p.position, '')";
  std::string group =
      "p.unit_id, COALESCE(p.rank, ''), CASE WHEN COALESCE(p.party_join_date, "
      "'') = '' THEN 0 ELSE 1 END, COALESCE(p.position, '')";
  for (int i = 1; i <= figures.columns; ++i) {
    const std::string f = "COALESCE(f.f" + std::to_string(i) + ", 0)";
    select += ", " + f;
    group += ", " + f;
  }
  std::string sql = select + ", COUNT(*) FROM people p";
  if (figures.columns > 0) sql += " LEFT JOIN (" + figures.sql + ") f ON f.person_id = p.id";
  for (size_t i = 0; i < where.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  sql += " GROUP BY " + group;
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, {}));
  std::vector<ProfileGroup> out;
  out.reserve(rows.size());
  for (const store::Row& r : rows) {
    ProfileGroup g;
    if (!r.IsNull(0)) g.unit_id = r.Int(0);
    g.rank = ParseRank(r.Str(1)).value_or(Rank::kUnset);
    g.party_member = r.Int(2) != 0;
    g.position = r.Str(3);
    for (int i = 0; i < figures.columns; ++i) g.figures.push_back(r.Int(4 + i));
    g.people = r.Int(4 + figures.columns);
    out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<int64_t>> PersonIdsIn(store::Tx& tx, std::optional<int64_t> unit_id) {
  PEIXUN_ASSIGN_OR_RETURN(store::Rows rows,
                          unit_id ? tx.Query("SELECT id FROM people WHERE unit_id = ? ORDER BY id",
                                             {store::Int(*unit_id)})
                                  : tx.Query("SELECT id FROM people ORDER BY id", {}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const store::Row& r : rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace peixun::people
