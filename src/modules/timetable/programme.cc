#include "modules/timetable/internal/programme.h"
#include "api/openapi.h"

#include <map>
#include <utility>

#include "core/credit_hours.h"
#include "core/local_time.h"

namespace peixun::timetable {
namespace {

using nlohmann::json;

std::vector<core::ProgrammeSession> ProgrammeSessions(const std::vector<ClassSession>& sessions) {
  std::vector<core::ProgrammeSession> out;
  out.reserve(sessions.size());
  for (const auto& s : sessions) out.push_back({s.group_ids, s.credit_tenths});
  return out;
}

json HoursJson(const core::ProgrammeHours& h) {
  json by_group = json::array();
  for (const auto& g : h.by_group)
    by_group.push_back({{"group_id", g.group_id}, {"hours", g.tenths / 10.0}});
  return {{"min_hours", h.min_tenths / 10.0},
          {"max_hours", h.max_tenths / 10.0},
          {"by_group", std::move(by_group)}};
}

json HoursSchemaProperties() {
  const json number = {{"type", "number"}};
  return {{"min_hours", number},
          {"max_hours", number},
          {"by_group",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties", {{"group_id", {{"type", "integer"}}}, {"hours", number}}}}}}}};
}

}  // namespace

core::ProgrammeHours ProgrammeOf(const std::vector<ClassSession>& sessions,
                                 const std::vector<int64_t>& class_group_ids) {
  return core::ProgrammeHoursOf(ProgrammeSessions(sessions), class_group_ids);
}

json ProgrammeJson(const std::vector<ClassSession>& sessions,
                   const std::vector<int64_t>& class_group_ids) {
  json out = HoursJson(ProgrammeOf(sessions, class_group_ids));
  std::map<std::string, std::vector<ClassSession>> by_day;
  for (const auto& s : sessions) {
    by_day[core::FormatLocalDate(s.start_ms, s.utc_offset_minutes)].push_back(s);
  }
  json days = json::array();
  for (const auto& [date, list] : by_day) {
    json day = HoursJson(ProgrammeOf(list, class_group_ids));
    day["date"] = date;
    days.push_back(std::move(day));
  }
  out["by_day"] = std::move(days);
  return out;
}

json ProgrammeSchema() {
  json day = HoursSchemaProperties();
  day["date"] = {{"type", "string"}, {"example", "2020-06-02"}};
  json props = HoursSchemaProperties();
  props["by_day"] = {{"type", "array"}, {"items", {{"type", "object"}, {"properties", day}}}};
  return api::Output(
      "TimetableProgramme",
      {{"type", "object"},
       {"description",
        "学时 of one trainee's programme (whole-class sessions plus their group's; parallel "
        "group sessions count once): min and max over the class's groups, each group's, "
        "and the same per day"},
       {"properties", props}});
}

std::string ProgrammeTotalLine(const core::ProgrammeHours& hours) {
  if (hours.max_tenths <= 0) return "";
  if (hours.Uniform()) {
    return "每名学员合计 " + core::FormatCreditTenths(hours.max_tenths) + " 学时";
  }
  return "每名学员合计 " + core::FormatCreditTenths(hours.min_tenths) + "–" +
         core::FormatCreditTenths(hours.max_tenths) + " 学时（因分组而异）";
}

}  // namespace peixun::timetable
