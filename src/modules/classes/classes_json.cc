#include "modules/classes/classes_json.h"
#include "api/openapi.h"

namespace peixun::classes {
namespace {

using nlohmann::json;

json OptId(const std::optional<int64_t>& id) { return id ? json(*id) : json(nullptr); }

}  // namespace

json ClassToJson(const TrainingClass& c) {
  json next = json::array();
  for (ClassStatus s : NextStatuses(c.status)) next.push_back(ClassStatusCode(s));
  return {{"id", c.id},
          {"name", c.name},
          {"organizer_unit_id", OptId(c.organizer_unit_id)},
          {"organizer_name", c.organizer_name},
          {"host_venue", c.host_venue},
          {"start_date", core::FormatCivilDate(c.start_date)},
          {"end_date", core::FormatCivilDate(c.end_date)},
          {"days", c.Days()},
          {"time_zone", c.time_zone},
          {"utc_offset_minutes", c.utc_offset_minutes},
          {"capacity", c.capacity},
          {"target_trainees", c.target_trainees},
          {"description", c.description},
          {"status", ClassStatusCode(c.status)},
          {"status_label", ClassStatusLabel(c.status)},
          {"next_statuses", next},
          {"rules", ClassRulesToJson(c.rules)},
          {"copied_from", OptId(c.copied_from)},
          {"head_teacher_ids", c.head_teacher_ids},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

json ClassRulesSchema() {
  const json integer = {{"type", "integer"}};
  json props = json::object();
  const json defaults = ClassRulesToJson(ClassRules{});
  for (const auto& [key, value] : defaults.items()) {
    if (value.is_number_integer()) props[key] = integer;
  }
  props["reflection_required"] = {{"type", "boolean"}};
  props["credit_rounding"] = {{"type", "string"}, {"enum", {"half", "none"}}};
  props["credit_tenths_per_half_day"] = {{"type", "integer"}, {"nullable", true}};
  return api::Named("ClassRules",
                    {{"type", "object"},
                     {"description", "every key optional; missing keys take DESIGN.md's defaults"},
                     {"properties", props}});
}

json ClassSchema() {
  const json str = {{"type", "string"}};
  const json integer = {{"type", "integer"}};
  const json nullable_id = {{"type", "integer"}, {"nullable", true}};
  const json statuses = {"planning", "enrolling", "running", "finished", "archived"};
  return api::Output("TrainingClass",
                     {{"type", "object"},
                      {"properties",
                       {{"id", integer},
                        {"name", str},
                        {"organizer_unit_id", nullable_id},
                        {"organizer_name", str},
                        {"host_venue", str},
                        {"start_date", {{"type", "string"}, {"format", "date"}}},
                        {"end_date", {{"type", "string"}, {"format", "date"}}},
                        {"days", integer},
                        {"time_zone", str},
                        {"utc_offset_minutes", integer},
                        {"capacity", integer},
                        {"target_trainees", str},
                        {"description", str},
                        {"status", {{"type", "string"}, {"enum", statuses}}},
                        {"status_label", str},
                        {"next_statuses",
                         {{"type", "array"}, {"items", {{"type", "string"}, {"enum", statuses}}}}},
                        {"rules", ClassRulesSchema()},
                        {"copied_from", nullable_id},
                        {"head_teacher_ids", {{"type", "array"}, {"items", integer}}},
                        {"created_at", integer},
                        {"updated_at", integer}}}});
}

}  // namespace peixun::classes
