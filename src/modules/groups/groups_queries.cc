#include "modules/groups/groups_queries.h"

#include "modules/groups/groups_service.h"

namespace peixun::groups {

std::vector<int64_t> GroupIdsOf(store::Store& store, int64_t class_id, int64_t person_id) {
  auto ids = store::ReadValue<std::vector<int64_t>>(
      store, [&](store::Tx& tx) { return GroupsService::GroupIdsOfIn(tx, class_id, person_id); });
  return ids ? *ids : std::vector<int64_t>();
}

std::vector<int64_t> GroupIdsOfClass(store::Store& store, int64_t class_id) {
  auto rows = store::ReadValue<store::Rows>(store, [&](store::Tx& tx) {
    return tx.Query("SELECT id FROM class_groups WHERE class_id = ? ORDER BY number, id",
                    {store::Int(class_id)});
  });
  std::vector<int64_t> ids;
  if (!rows) return ids;
  for (const auto& r : *rows) ids.push_back(r.Int(0));
  return ids;
}

std::vector<timetable::SheetRow> SheetRows(store::Store& store, int64_t class_id,
                                           const std::vector<int64_t>& group_ids) {
  auto members = store::ReadValue<std::vector<GroupMember>>(
      store, [&](store::Tx& tx) { return GroupsService::MembersIn(tx, class_id, group_ids); });
  std::vector<timetable::SheetRow> rows;
  if (!members) return rows;
  for (const GroupMember& m : *members) rows.push_back({m.person_id, m.name, m.unit_name});
  return rows;
}

std::map<int64_t, std::string> GroupLabels(store::Store& store, int64_t class_id) {
  auto groups = store::ReadValue<ClassGroups>(
      store, [&](store::Tx& tx) { return GroupsService::LoadIn(tx, class_id); });
  std::map<int64_t, std::string> labels;
  if (!groups) return labels;
  for (const auto& g : groups->groups) {
    for (const auto& m : g.members) labels[m.person_id] = g.name;
  }
  return labels;
}

}  // namespace peixun::groups
