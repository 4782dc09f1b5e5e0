#include "modules/timetable/timetable_json.h"
#include "api/openapi.h"

#include "core/local_time.h"

namespace peixun::timetable {
namespace {

using nlohmann::json;

json OptId(const std::optional<int64_t>& id) { return id ? json(*id) : json(nullptr); }
json OptInt(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

const json kStr = {{"type", "string"}};
const json kInt = {{"type", "integer"}};
const json kNullableInt = {{"type", "integer"}, {"nullable", true}};

}  // namespace

json LecturerToJson(const Lecturer& l) {
  return {{"id", l.id},
          {"name", l.name},
          {"title", l.title},
          {"organization", l.organization},
          {"topics", l.topics},
          {"phone", l.phone},
          {"user_id", OptId(l.user_id)}};
}

json LecturerSchema() {
  return api::Output("Lecturer", {{"type", "object"},
                                  {"properties",
                                   {{"id", kInt},
                                    {"name", kStr},
                                    {"title", kStr},
                                    {"organization", kStr},
                                    {"topics", kStr},
                                    {"phone", kStr},
                                    {"user_id", kNullableInt}}}});
}

json SiteToJson(const Site& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"kind", SiteKindCode(s.kind)},
          {"kind_label", SiteKindLabel(s.kind)},
          {"unit_id", OptId(s.unit_id)},
          {"address", s.address},
          {"contact_name", s.contact_name},
          {"contact_phone", s.contact_phone},
          {"capacity", s.capacity},
          {"description", s.description}};
}

json SiteSchema() {
  return api::Output(
      "Site",
      {{"type", "object"},
       {"properties",
        {{"id", kInt},
         {"name", kStr},
         {"kind", {{"type", "string"}, {"enum", {"community", "enterprise", "social_org"}}}},
         {"kind_label", kStr},
         {"unit_id", kNullableInt},
         {"address", kStr},
         {"contact_name", kStr},
         {"contact_phone", kStr},
         {"capacity", kInt},
         {"description", kStr}}}});
}

json RoomToJson(const ClassRoom& r) {
  return {{"id", r.id},
          {"class_id", r.class_id},
          {"name", r.name},
          {"capacity", r.capacity},
          {"seat_rows", OptInt(r.seat_rows)},
          {"seats_per_row", OptInt(r.seats_per_row)}};
}

json RoomSchema() {
  return api::Output("ClassRoom", {{"type", "object"},
                                   {"properties",
                                    {{"id", kInt},
                                     {"class_id", kInt},
                                     {"name", kStr},
                                     {"capacity", kInt},
                                     {"seat_rows", kNullableInt},
                                     {"seats_per_row", kNullableInt}}}});
}

json SessionToJson(const ClassSession& s) {
  json sites = json::array();
  for (const auto& site : s.sites) sites.push_back({{"id", site.id}, {"name", site.name}});
  return {{"id", s.id},
          {"class_id", s.class_id},
          {"kind", SessionKindCode(s.kind)},
          {"kind_label", SessionKindLabel(s.kind)},
          {"title", s.title},
          {"start", core::FormatLocalDateTime(s.start_ms, s.utc_offset_minutes)},
          {"end", core::FormatLocalDateTime(s.end_ms, s.utc_offset_minutes)},
          {"start_ms", s.start_ms},
          {"end_ms", s.end_ms},
          {"room_id", OptId(s.room_id)},
          {"room_name", s.room_name},
          {"site_ids", s.SiteIds()},
          {"sites", sites},
          {"lecturer_id", OptId(s.lecturer_id)},
          {"lecturer_name", s.lecturer_name},
          {"lecturer_title", s.lecturer_title},
          {"hours", s.credit_tenths / 10.0},
          {"hours_explicit", s.explicit_tenths.has_value()},
          {"group_ids", s.group_ids},
          {"requires_checkout", s.requires_checkout},
          {"description", s.description},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

json SessionSchema() {
  const json local_time = {{"type", "string"}, {"example", "2020-06-02T08:30"}};
  const json ids = {{"type", "array"}, {"items", kInt}};
  return api::Output(
      "ClassSession",
      {{"type", "object"},
       {"properties",
        {{"id", kInt},
         {"class_id", kInt},
         {"kind",
          {{"type", "string"},
           {"enum", {"ceremony", "lecture", "onsite", "discussion", "exam", "self_study"}}}},
         {"kind_label", kStr},
         {"title", kStr},
         {"start", local_time},
         {"end", local_time},
         {"start_ms", kInt},
         {"end_ms", kInt},
         {"room_id", kNullableInt},
         {"room_name", kStr},
         {"site_ids", ids},
         {"sites",
          {{"type", "array"},
           {"items", {{"type", "object"}, {"properties", {{"id", kInt}, {"name", kStr}}}}}}},
         {"lecturer_id", kNullableInt},
         {"lecturer_name", kStr},
         {"lecturer_title", kStr},
         {"hours", {{"type", "number"}}},
         {"hours_explicit", {{"type", "boolean"}}},
         {"group_ids", ids},
         {"requires_checkout", {{"type", "boolean"}}},
         {"description", kStr},
         {"created_at", kInt},
         {"updated_at", kInt}}}});
}

json ConflictToJson(const core::SessionConflict& c, const std::string& lang) {
  const bool en = lang.rfind("en", 0) == 0;
  return {{"code", core::SessionConflictCode(c.kind)},
          {"session_ids", c.session_ids},
          {"resource_id", OptId(c.resource_id)},
          {"message", en ? c.message_en : c.message}};
}

json ConflictSchema() {
  return api::Output("TimetableConflict", {{"type", "object"},
                                           {"properties",
                                            {{"code", kStr},
                                             {"session_ids", {{"type", "array"}, {"items", kInt}}},
                                             {"resource_id", kNullableInt},
                                             {"message", kStr}}}});
}

}  // namespace peixun::timetable
