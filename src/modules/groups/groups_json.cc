#include "modules/groups/internal/groups_json.h"
#include "api/openapi.h"

namespace peixun::groups {

using nlohmann::json;

namespace {

json MemberSchema() {
  const json str = {{"type", "string"}};
  return {{"type", "object"},
          {"properties",
           {{"person_id", {{"type", "integer"}}},
            {"name", str},
            {"gender", str},
            {"unit_id", {{"type", "integer"}, {"nullable", true}}},
            {"unit_name", str},
            {"position", str}}}};
}

}  // namespace

json GroupMemberToJson(const GroupMember& m) {
  return {{"person_id", m.person_id}, {"name", m.name},
          {"gender", m.gender},       {"unit_id", m.unit_id ? json(*m.unit_id) : json(nullptr)},
          {"unit_name", m.unit_name}, {"position", m.position}};
}

json ClassGroupToJson(const ClassGroup& g) {
  json members = json::array();
  for (const auto& m : g.members) members.push_back(GroupMemberToJson(m));
  return {{"id", g.id},
          {"class_id", g.class_id},
          {"number", g.number},
          {"name", g.name},
          {"leader_person_id", g.leader_person_id ? json(*g.leader_person_id) : json(nullptr)},
          {"leader_name", g.leader_name},
          {"size", g.members.size()},
          {"members", members}};
}

json ClassGroupsToJson(const ClassGroups& g) {
  json groups = json::array();
  for (const auto& group : g.groups) groups.push_back(ClassGroupToJson(group));
  json unassigned = json::array();
  for (const auto& m : g.unassigned) unassigned.push_back(GroupMemberToJson(m));
  return {{"class_id", g.class_id},
          {"groups", groups},
          {"unassigned", unassigned},
          {"stats",
           {{"min_size", g.stats.min_size},
            {"max_size", g.stats.max_size},
            {"max_same_unit", g.stats.max_same_unit},
            {"gender_imbalance", g.stats.gender_imbalance},
            {"max_same_position", g.stats.max_same_position},
            {"groups_led_by_candidate", g.stats.groups_led_by_candidate}}}};
}

json ClassGroupSchema() {
  const json integer = {{"type", "integer"}};
  return api::Output("ClassGroup",
                     {{"type", "object"},
                      {"properties",
                       {{"id", integer},
                        {"class_id", integer},
                        {"number", integer},
                        {"name", {{"type", "string"}}},
                        {"leader_person_id", {{"type", "integer"}, {"nullable", true}}},
                        {"leader_name", {{"type", "string"}}},
                        {"size", integer},
                        {"members", {{"type", "array"}, {"items", MemberSchema()}}}}}});
}

json ClassGroupsSchema() {
  const json integer = {{"type", "integer"}};
  return api::Output("ClassGroups",
                     {{"type", "object"},
                      {"properties",
                       {{"class_id", integer},
                        {"groups", {{"type", "array"}, {"items", ClassGroupSchema()}}},
                        {"unassigned", {{"type", "array"}, {"items", MemberSchema()}}},
                        {"stats",
                         {{"type", "object"},
                          {"properties",
                           {{"min_size", integer},
                            {"max_size", integer},
                            {"max_same_unit", integer},
                            {"gender_imbalance", integer},
                            {"max_same_position", integer},
                            {"groups_led_by_candidate", integer}}}}}}}});
}

}  // namespace peixun::groups
