#include "modules/people/roster_export.h"

#include "modules/people/roster_columns.h"

namespace peixun::people {

Result<io::Table> ExportRoster(store::Store& store, const crypto::DataKey& key,
                               const RosterExportOptions& options) {
  return store::ReadValue<io::Table>(store, [&](store::Tx& tx) -> Result<io::Table> {
    std::vector<std::string> ids;
    PEIXUN_ASSIGN_OR_RETURN(
        std::vector<Person> people,
        PeopleService::AllForExportIn(tx, key, options.order, options.unit_root, &ids));
    io::Table table;
    for (const auto& col : RosterColumns()) table.header.push_back(col.label);
    for (size_t i = 0; i < people.size(); ++i) {
      const Person& p = people[i];
      std::string tags;
      for (const auto& t : p.tags) tags += (tags.empty() ? "" : "、") + t;
      table.rows.push_back({p.name, p.gender, p.ethnicity, p.birth_date, p.unit_name, p.position,
                            RankLabel(p.rank), p.phone,
                            options.mask_id_numbers ? p.id_number_masked : ids[i],
                            p.party_join_date, tags});
      table.source_rows.push_back(static_cast<int>(i) + 2);
    }
    return table;
  });
}

}  // namespace peixun::people
