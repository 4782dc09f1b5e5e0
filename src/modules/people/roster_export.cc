#include "modules/people/roster_export.h"

#include "core/role_guard.h"
#include "modules/audit/audit_log.h"
#include "modules/org/org_scope.h"
#include "modules/people/internal/person_redaction.h"
#include "modules/people/internal/roster_columns.h"

namespace peixun::people {

Result<io::Table> ExportRoster(store::Store& store, const crypto::DataKey& key,
                               const RosterExportOptions& options) {
  auto build = [&](store::Tx& tx) -> Result<io::Table> {
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
      table.rows.push_back(
          {p.name, p.gender, p.ethnicity, options.mask_id_numbers ? std::string() : p.birth_date,
           p.unit_name, p.position, RankLabel(p.rank), p.phone,
           options.mask_id_numbers ? p.id_number_masked : ids[i], p.party_join_date, tags});
      table.source_rows.push_back(static_cast<int>(i) + 2);
    }
    if (!options.mask_id_numbers) {
      PEIXUN_RETURN_IF_ERROR(
          audit::AppendIn(tx, options.actor,
                          audit::AuditEntry{"people.export_id_numbers", "people", options.unit_root,
                                            nullptr, nlohmann::json{{"rows", table.rows.size()}}}));
    }
    return table;
  };
  // A write transaction when full ID numbers leave: the export is recorded.
  if (options.mask_id_numbers) return store::ReadValue<io::Table>(store, build);
  return store::TransactValue<io::Table>(store, build);
}

Result<io::Table> ExportRoster(store::Store& store, const crypto::DataKey& key,
                               const Principal& who, NameOrder order) {
  PEIXUN_RETURN_IF_ERROR(
      RequireRole(who, {Role::kAdmin, Role::kOrganizer, Role::kHeadTeacher, Role::kLiaison}));
  RosterExportOptions options;
  options.order = order;
  options.unit_root = org::ScopeRoot(who);
  options.mask_id_numbers = !MayRevealIdentity(who);
  options.actor = Actor::Of(who);
  return ExportRoster(store, key, options);
}

}  // namespace peixun::people
