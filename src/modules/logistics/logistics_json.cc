#include "modules/logistics/internal/logistics_json.h"
#include "api/openapi.h"

#include "core/local_time.h"

namespace peixun::logistics {

using nlohmann::json;

namespace {

const json kStr = {{"type", "string"}};
const json kInt = {{"type", "integer"}};
const json kNullableInt = {{"type", "integer"}, {"nullable", true}};

json Array(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }

json Object(json properties) { return {{"type", "object"}, {"properties", std::move(properties)}}; }

json OptId(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

json CountToJson(const MealCount& m) {
  return {{"total", m.total},
          {"regular", m.regular},
          {"halal", m.halal},
          {"vegetarian", m.vegetarian},
          {"on_leave", m.on_leave}};
}

json CountSchema() {
  return Object({{"total", kInt},
                 {"regular", kInt},
                 {"halal", kInt},
                 {"vegetarian", kInt},
                 {"on_leave", kInt}});
}

}  // namespace

json RoomToJson(const LodgingRoomView& r) {
  json occupants = json::array();
  for (const auto& o : r.occupants) {
    occupants.push_back({{"person_id", o.person_id},
                         {"name", o.name},
                         {"gender", o.gender},
                         {"unit_name", o.unit_name}});
  }
  return {{"id", r.id},         {"class_id", r.class_id},
          {"name", r.name},     {"floor", r.floor},
          {"beds", r.beds},     {"free_beds", r.beds - static_cast<int>(r.occupants.size())},
          {"gender", r.gender}, {"occupants", occupants}};
}

json RoomSchema() {
  return api::Output(
      "LodgingRoom",
      Object(
          {{"id", kInt},
           {"class_id", kInt},
           {"name", kStr},
           {"floor", kInt},
           {"beds", kInt},
           {"free_beds", kInt},
           {"gender", {{"type", "string"}, {"enum", {"男", "女", ""}}}},
           {"occupants",
            Array(Object(
                {{"person_id", kInt}, {"name", kStr}, {"gender", kStr}, {"unit_name", kStr}}))}}));
}

json LodgingAssignmentToJson(const LodgingAssignment& a) {
  json rooms = json::array();
  for (const auto& r : a.rooms) rooms.push_back(RoomToJson(r));
  json unplaced = json::array();
  for (const auto& u : a.unplaced) {
    unplaced.push_back({{"person_id", u.trainee_id},
                        {"code", u.code},
                        {"message", u.message},
                        {"message_en", u.message_en}});
  }
  return {{"rooms", rooms},
          {"unplaced", unplaced},
          {"stats",
           {{"rooms_used", a.stats.rooms_used},
            {"beds_used", a.stats.beds_used},
            {"mixed_floors", a.stats.mixed_floors},
            {"colleague_pairs", a.stats.colleague_pairs}}}};
}

json LodgingAssignmentSchema() {
  return api::Output(
      "LodgingAssignment",
      Object(
          {{"rooms", Array(RoomSchema())},
           {"unplaced",
            Array(Object(
                {{"person_id", kInt}, {"code", kStr}, {"message", kStr}, {"message_en", kStr}}))},
           {"stats", Object({{"rooms_used", kInt},
                             {"beds_used", kInt},
                             {"mixed_floors", kInt},
                             {"colleague_pairs", kInt}})}}));
}

json TraineeDietToJson(const TraineeDiet& d) {
  return {{"person_id", d.person_id},
          {"name", d.name},
          {"unit_name", d.unit_name},
          {"diet", DietCode(d.diet)},
          {"diet_label", DietLabel(d.diet)}};
}

json TraineeDietSchema() {
  return api::Output("TraineeDiet",
                     Object({{"person_id", kInt},
                             {"name", kStr},
                             {"unit_name", kStr},
                             {"diet", {{"type", "string"}, {"enum", {"", "halal", "vegetarian"}}}},
                             {"diet_label", kStr}}));
}

json MealPlanToJson(const MealPlan& plan) {
  json days = json::array();
  for (const auto& d : plan.days) {
    json meals = json::array();
    for (const auto& m : d.meals) {
      json item = CountToJson(m);
      item["meal"] = MealCode(m.meal);
      item["label"] = MealLabel(m.meal);
      item["at"] = m.at_ms;
      meals.push_back(std::move(item));
    }
    days.push_back({{"date", core::FormatCivilDate(d.date)}, {"meals", meals}});
  }
  return {{"class_id", plan.class_id},
          {"trainees", plan.trainees},
          {"days", days},
          {"totals", CountToJson(plan.totals)}};
}

json MealPlanSchema() {
  json meal = CountSchema();
  meal["properties"]["meal"] = {{"type", "string"}, {"enum", {"breakfast", "lunch", "dinner"}}};
  meal["properties"]["label"] = kStr;
  meal["properties"]["at"] = kInt;
  return api::Output("MealPlan",
                     Object({{"class_id", kInt},
                             {"trainees", kInt},
                             {"days", Array(Object({{"date", kStr}, {"meals", Array(meal)}}))},
                             {"totals", CountSchema()}}));
}

json BusToJson(const Bus& b) {
  json passengers = json::array();
  for (const auto& p : b.passengers) {
    passengers.push_back({{"person_id", p.person_id},
                          {"name", p.name},
                          {"unit_name", p.unit_name},
                          {"group_number", p.group_number},
                          {"site_id", OptId(p.site_id)},
                          {"site_name", p.site_name}});
  }
  return {{"id", b.id},
          {"class_id", b.class_id},
          {"session_id", b.session_id},
          {"name", b.name},
          {"seats", b.seats},
          {"occupied", b.passengers.size()},
          {"passengers", passengers}};
}

json BusSchema() {
  return api::Output("Bus", Object({{"id", kInt},
                                    {"class_id", kInt},
                                    {"session_id", kInt},
                                    {"name", kStr},
                                    {"seats", kInt},
                                    {"occupied", kInt},
                                    {"passengers", Array(Object({{"person_id", kInt},
                                                                 {"name", kStr},
                                                                 {"unit_name", kStr},
                                                                 {"group_number", kInt},
                                                                 {"site_id", kNullableInt},
                                                                 {"site_name", kStr}}))}}));
}

json TraineeClassToJson(const TraineeClassView& v) {
  json group = nullptr;
  if (v.group) {
    json members = json::array();
    for (const auto& m : v.group->members) {
      members.push_back({{"name", m.name}, {"unit_name", m.unit_name}});
    }
    group = {{"id", v.group->id},
             {"number", v.group->number},
             {"name", v.group->name},
             {"leader_name", v.group->leader_name},
             {"is_leader", v.group->leader_person_id == v.person_id},
             {"members", members}};
  }
  json room = nullptr;
  if (v.room) {
    json roommates = json::array();
    for (const auto& o : v.room->occupants) {
      if (o.person_id != v.person_id)
        roommates.push_back({{"name", o.name}, {"unit_name", o.unit_name}});
    }
    room = {{"id", v.room->id},
            {"name", v.room->name},
            {"floor", v.room->floor},
            {"roommates", roommates}};
  }
  json visits = json::array();
  for (const auto& visit : v.visits) {
    visits.push_back({{"session_id", visit.session_id},
                      {"title", visit.title},
                      {"start", core::FormatLocalDateTime(visit.start_ms, v.utc_offset_minutes)},
                      {"end", core::FormatLocalDateTime(visit.end_ms, v.utc_offset_minutes)},
                      {"site_id", OptId(visit.site_id)},
                      {"site_name", visit.site_name},
                      {"bus_id", OptId(visit.bus_id)},
                      {"bus_name", visit.bus_name}});
  }
  return {{"class_id", v.class_id}, {"class_name", v.class_name}, {"group", group},
          {"room", room},           {"diet", DietCode(v.diet)},   {"diet_label", DietLabel(v.diet)},
          {"visits", visits}};
}

json TraineeClassSchema() {
  const json named = Object({{"name", kStr}, {"unit_name", kStr}});
  json group = Object({{"id", kInt},
                       {"number", kInt},
                       {"name", kStr},
                       {"leader_name", kStr},
                       {"is_leader", {{"type", "boolean"}}},
                       {"members", Array(named)}});
  group["nullable"] = true;
  json room = Object({{"id", kInt}, {"name", kStr}, {"floor", kInt}, {"roommates", Array(named)}});
  room["nullable"] = true;
  return api::Output("TraineeClassView", Object({{"class_id", kInt},
                                                 {"class_name", kStr},
                                                 {"group", group},
                                                 {"room", room},
                                                 {"diet", kStr},
                                                 {"diet_label", kStr},
                                                 {"visits", Array(Object({{"session_id", kInt},
                                                                          {"title", kStr},
                                                                          {"start", kStr},
                                                                          {"end", kStr},
                                                                          {"site_id", kNullableInt},
                                                                          {"site_name", kStr},
                                                                          {"bus_id", kNullableInt},
                                                                          {"bus_name", kStr}}))}}));
}

}  // namespace peixun::logistics
